// Child processes of the local stack: each one's output in a log file, all stopped together, even on Ctrl-C
// or when the caller throws. Waits are bounded: every poll has a deadline.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface Running {
  readonly name: string;
  readonly child: ChildProcess;
  /** stdout and stderr of the process. */
  readonly logFile: string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  readonly exited: Promise<number | string>;
}

export interface StartOptions {
  readonly cwd?: string;
  /** Called with each line the process writes on stdout or stderr (also written to the log file). */
  readonly onLine?: (line: string) => void;
}

/** The processes of one run. `stopAll()` ends them gracefully; a process exit kills what is left. */
export class ProcessGroup {
  readonly running: Running[] = [];
  private readonly killOnExit = () => this.killAll();

  constructor(readonly logDir: string) {
    process.once('exit', this.killOnExit);
  }

  start(name: string, command: string, args: readonly string[], options: StartOptions = {}): Running {
    const logFile = join(this.logDir, `${name}.log`);
    const log = createWriteStream(logFile);
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        log.write(`${line}\n`);
        options.onLine?.(line);
      });
    }
    const exited = new Promise<number | string>((resolve) => {
      child.once('error', (e) => {
        log.write(`failed to start ${command}: ${e.message}\n`);
        resolve(e.message);
      });
      child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    });
    exited.then(() => log.end(), () => log.end());
    const running = { name, child, logFile, exited };
    this.running.push(running);
    return running;
  }

  /** SIGTERM to every process still running, SIGKILL to those not gone after `graceMs`. */
  async stopAll(graceMs = 10_000): Promise<void> {
    const alive = this.running.filter((r) => r.child.exitCode === null && r.child.signalCode === null);
    for (const r of alive) r.child.kill('SIGTERM');
    await Promise.all(alive.map(async (r) => {
      const timer = setTimeout(() => r.child.kill('SIGKILL'), graceMs);
      await r.exited;
      clearTimeout(timer);
    }));
    process.removeListener('exit', this.killOnExit);
  }

  /** Synchronous last resort, for process exit. */
  killAll(): void {
    for (const r of this.running) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it returns a value (not undefined) or the deadline passes; a process that ends meanwhile
 * fails the wait at once, naming its log.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, options: { readonly timeoutMs: number; readonly intervalMs?: number; readonly watch?: readonly Running[] }): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let last = '';
  for (;;) {
    const dead = options.watch?.find((r) => r.child.exitCode !== null || r.child.signalCode !== null);
    if (dead) throw new Error(`${dead.name} exited (${dead.child.exitCode ?? dead.child.signalCode}) while waiting for ${what}; see ${dead.logFile}`);
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      last = (e as Error).message;
    }
    if (Date.now() >= deadline) throw new Error(`timed out after ${options.timeoutMs / 1000}s waiting for ${what}${last ? ` (last error: ${last})` : ''}`);
    await sleep(options.intervalMs ?? 500);
  }
}

/** Waits until `url` answers 200. */
export function waitForHttp(url: string, timeoutMs: number, watch?: readonly Running[]): Promise<true> {
  return waitFor(url, async () => ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok ? true : undefined), { timeoutMs, watch });
}
