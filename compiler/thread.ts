// Starting one of stackc's modules on a worker thread, from source or built alike.
import { Worker } from 'node:worker_threads';

/** Starts `module` (a URL of the caller's folder, written without extension: `new URL('./worker', import.meta.url)`)
 *  on a worker thread: its .ts from source, its .js built. */
export function startThread(module: URL, workerData: unknown): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const file = new URL(`${module.href}${fromSource ? '.ts' : '.js'}`);
  // Node 20 gives a worker no loader hooks of its parent: from source, the worker registers tsx itself
  return fromSource
    ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(file.href)}); })`, { eval: true, workerData })
    : new Worker(file, { workerData });
}
