// The thread on which `stackc watch` loads and compiles the stacks. Each compile imports a fresh bundle of every stack
// file, and Node never unloads an ES module: the thread is replaced from time to time (compiler.ts) so that the
// modules of old compiles go with it. Everything it sends back is plain data; out/ is written by the main thread.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { loadCompiler, planStacks, selectStacks } from '../compile-cli.ts';
import { CompileError, type Issue } from '../issues.ts';
import { warmLoader } from '../loader-warm.ts';
import type { StackPlan } from '../output.ts';

export interface CompilerOptions {
  readonly root: string;
  readonly stacksDir: string;
  /** How the stacks folder is named in messages, as given on the command line. */
  readonly stacksLabel: string;
  readonly outDir: string;
  /** Stacks named on the command line; none: every stack. */
  readonly wanted: readonly string[];
}

/** What one compile found, `files` being the user's files the stacks were loaded from (what watch watches). */
export type CompileResult = { readonly files: readonly string[] } & (
  | { readonly kind: 'planned'; readonly plans: readonly StackPlan[]; readonly untested: string | undefined }
  | { readonly kind: 'problems'; readonly issues: readonly Issue[] }
  /** Nothing to compile, or out/ could not be read: a message, as compile prints it. */
  | { readonly kind: 'message'; readonly text: string }
);

const options = workerData as CompilerOptions;

/** The esbuild services among the process's children (Linux's /proc; elsewhere none are known). */
function esbuildChildren(): Set<number> {
  const found = new Set<number>();
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const [ppid] = stat.slice(stat.lastIndexOf(')') + 4).split(' ');
        if (Number(ppid) === process.pid && stat.includes('(esbuild)')) found.add(Number(entry));
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    // no /proc
  }
  return found;
}

// this thread's esbuild service: the one that appears while it warms up (an older thread's is already there)
const before = esbuildChildren();
const ownService = warmLoader().then(() => [...esbuildChildren()].filter((pid) => !before.has(pid)));
const c = await loadCompiler();

async function compile(): Promise<CompileResult> {
  try {
    return await compileStacks();
  } catch (e) {
    if (e instanceof CompileError) return { files: [], kind: 'problems', issues: e.issues };
    // a folder that went away or cannot be read: said, and the next save tries again
    if ((e as NodeJS.ErrnoException).syscall) return { files: [], kind: 'message', text: `stackc could not read the stacks or out/: ${(e as Error).message}` };
    throw e;
  }
}

async function compileStacks(): Promise<CompileResult> {
  const loaded = await c.loadStacks(options.stacksDir, options.root);
  const files = loaded.files;
  const { selected, unknown } = selectStacks(loaded, options.wanted);
  // a stack that failed to load answers to no name: its load problem says more than "no stack named"
  if (unknown.length && loaded.issues.length === 0) {
    return { files, kind: 'message', text: `No stack named ${unknown.join(', ')}. Stacks: ${loaded.stacks.map((s) => s.name).join(', ') || '(none)'}` };
  }
  if (selected.length === 0 && loaded.issues.length === 0) {
    return { files, kind: 'message', text: `No stacks found in ${options.stacksLabel}/: export stack(...) from a .ts file there.` };
  }
  try {
    return { files, kind: 'planned', ...planStacks(c, loaded, unknown.length ? [] : selected, options.wanted, options.root, options.outDir) };
  } catch (e) {
    if (e instanceof CompileError) return { files, kind: 'problems', issues: e.issues };
    throw e;
  }
}

/** Closes the port once this thread's esbuild service has exited and been reaped (its /proc entry gone), or at
 *  `deadline`. */
function closeWhenReaped(pids: readonly number[], deadline: number): void {
  if (pids.every((pid) => !existsSync(`/proc/${pid}`)) || Date.now() > deadline) parentPort!.close();
  else setTimeout(() => closeWhenReaped(pids, deadline), 25);
}

parentPort!.on('message', (request: 'compile' | 'stop') => {
  if (request === 'stop') {
    // esbuild's service is a child process of this thread: stopped here, and the thread lives on until its event
    // loop has seen the child exit and reaped it (esbuild's stop() does not wait; a child that exits after its
    // thread ended stays a zombie until watch exits). A fixed wait was not enough on a loaded machine: the thread
    // waits until the service's process is gone, up to 10 s.
    void ownService.then(async (pids) => {
      try {
        await (await import('esbuild')).stop();
      } finally {
        closeWhenReaped(pids, Date.now() + 10_000);
      }
    });
    return;
  }
  compile().then(
    (result) => parentPort!.postMessage(result),
    (e: unknown) => parentPort!.postMessage({ bug: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
parentPort!.postMessage('ready');
