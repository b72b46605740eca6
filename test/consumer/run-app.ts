// Starting a server of the scratch project (the app, `stackc exporter`) and stopping it whatever happens to the
// test: each is stopped by its own pid, and killed if the test runner exits first.
import { spawn } from 'node:child_process';
import { userEnv } from './project.ts';

export interface Running {
  /** The first stdout line that matched the ready pattern, and the pattern's groups. */
  readonly ready: RegExpExecArray;
  /** What the process printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Runs `command args` in `cwd`; resolves once a complete stdout line matches `ready`, rejects with its output. */
export function startServer(cwd: string, command: string, args: readonly string[], ready: RegExp, timeoutMs = 60_000): Promise<Running> {
  const shown = [command, ...args].join(' ');
  const child = spawn(command, args, { cwd, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const output = () => `--- stdout\n${stdout.trim()}\n--- stderr\n${stderr.trim()}`;
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${why}\n${output()}`)));
    };
    const timer = setTimeout(() => fail(`${shown} was not ready within ${timeoutMs / 1000} s`), timeoutMs);
    child.once('error', (e) => fail(`${shown} could not start: ${e.message}`));
    child.once('exit', (code, signal) => fail(`${shown} exited (${signal ?? code}) before it was ready`));
    child.stdout.on('data', () => {
      if (settled) return;
      const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1).split('\n');
      const match = complete.map((line) => ready.exec(line)).find((m) => m !== null);
      if (!match) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ready: match, output, stop });
    });
  });
}

/** What app.mjs prints on its first line, as JSON, once it listens. */
export interface AppReady {
  readonly url: string;
  readonly metricsPath: string;
  /** The app's process.execArgv: empty, since no loader or flag may be needed to run it. */
  readonly execArgv: readonly string[];
  /** Each metric of the registry's `specs`, as the app saw it. */
  readonly metrics: readonly { readonly key: string; readonly kind: string; readonly name: string }[];
}

/** `node <file>` (nothing else: no flag, no loader), ready when it prints its JSON line. */
export async function startApp(cwd: string, file: string): Promise<Running & { readonly app: AppReady }> {
  const running = await startServer(cwd, process.execPath, [file], /^\{.*\}$/);
  try {
    return { ...running, app: JSON.parse(running.ready[0]) as AppReady };
  } catch (e) {
    await running.stop();
    throw new Error(`the ready line of node ${file} is not JSON (${(e as Error).message})\n${running.output()}`);
  }
}
