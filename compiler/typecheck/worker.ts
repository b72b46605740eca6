// The worker thread of typecheckInBackground: one type check, its issues posted back as plain data.
import { parentPort, workerData } from 'node:worker_threads';
import { typecheckStackFiles } from './index.ts';

const { files, root } = workerData as { files: string[]; root: string };
parentPort!.postMessage(typecheckStackFiles(files, root));
