// The type check on a worker thread, so that it runs while the main thread loads, validates and emits the stacks:
// tsgo's start and check (~0.3 s on a small stack) leave the critical path. The caller awaits the result before
// printing or writing anything, so a type error stops the run exactly as when checked first. (TypeScript's
// asynchronous API would need no thread, but measured on the same stack it took 0.53 s and three times the CPU of
// the synchronous one, 0.33 s.)
import type { Issue } from '../issues.ts';
import { startThread } from '../thread.ts';

/** typecheckStackFiles(files, root), on a worker thread. */
export function typecheckInBackground(files: readonly string[], root: string): Promise<Issue[]> {
  if (files.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const thread = startThread(new URL('./worker', import.meta.url), { files, root });
    thread.once('message', (issues: Issue[]) => resolve(issues));
    thread.once('error', reject);
    thread.once('exit', (code) => code !== 0 && reject(new Error(`the type check stopped with exit code ${code}`)));
  });
}
