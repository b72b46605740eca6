// The main thread's side of the compiler thread: one compile at a time, and a fresh thread every `freshEvery`
// compiles. Each compile leaves its stack bundles loaded in the thread (ES modules cannot be unloaded); replacing the
// thread frees them, so a session of thousands of saves stays within a bounded memory. The replacement starts and
// runs one compile (its result unused) while the user edits, so the next save finds it loaded and warmed up.
import type { Worker } from 'node:worker_threads';
import { startThread } from '../thread.ts';
import type { CompileResult, CompilerOptions } from './compiler-thread.ts';

/** Compiles between fresh threads; the bench measures memory with and without (STACKC_WATCH_FRESH_EVERY). */
export const freshEvery = Number(process.env.STACKC_WATCH_FRESH_EVERY ?? 100);

export interface StackCompiler {
  compile(): Promise<CompileResult>;
  /** Stops the thread and its esbuild service. */
  close(): Promise<void>;
}

interface Thread {
  readonly worker: Worker;
  /** Settles when the thread has loaded the compiler. */
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
}

function start(options: CompilerOptions): Thread {
  const worker = startThread(new URL('./compiler-thread', import.meta.url), options);
  worker.unref();
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the compiler thread stopped with exit code ${code}`)));
  });
  ready.catch(() => {}); // awaited by the compile that needs it
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return { worker, ready, exited };
}

function request(thread: Thread): Promise<CompileResult> {
  return new Promise((resolve, reject) => {
    const settle = (f: () => void) => () => {
      thread.worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      f();
    };
    const onMessage = (m: CompileResult | { bug: string }) => settle(() => ('bug' in m ? reject(new Error(m.bug)) : resolve(m)))();
    const onError = (e: Error) => settle(() => reject(e))();
    const onExit = (code: number) => settle(() => reject(new Error(`the compiler thread stopped with exit code ${code}`)))();
    thread.worker.on('message', onMessage).once('error', onError).once('exit', onExit);
    thread.worker.postMessage('compile');
  });
}

async function stop(thread: Thread): Promise<void> {
  thread.worker.postMessage('stop');
  // a thread busy in a stack that never returns is stopped all the same, after the 10 s a stopping thread may wait
  // for its esbuild service to exit (compiler-thread.ts)
  const timer = setTimeout(() => void thread.worker.terminate(), 12_000);
  await thread.exited;
  clearTimeout(timer);
}

export function startCompiler(options: CompilerOptions): StackCompiler {
  let current = start(options);
  let compiles = 0;
  let warming: Promise<unknown> = Promise.resolve();

  const replace = () => {
    const old = current;
    current = start(options);
    const fresh = current;
    warming = fresh.ready.then(() => request(fresh)).catch(() => {});
    void stop(old);
  };

  return {
    async compile() {
      await warming;
      const thread = current;
      try {
        await thread.ready;
        return await request(thread);
      } catch (e) {
        // a thread that died (a stack calling process.exit, a crash) is replaced for the next save
        if (thread === current) replace();
        throw e;
      } finally {
        if (++compiles % freshEvery === 0 && thread === current) replace();
      }
    },
    async close() {
      await warming;
      await stop(current);
    },
  };
}
