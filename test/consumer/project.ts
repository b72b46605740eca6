// Running commands in the consumer test's scratch project as a user's shell would, and measuring them. The project
// lives outside the repository, and its commands run without what `npm test` adds to the environment, so nothing
// they do can resolve through this repository.
import { spawnSync } from 'node:child_process';
import { isAbsolute, relative, sep } from 'node:path';
import { root } from '../helpers/stack.ts';

export interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** True when `path` is `dir` or inside it. */
export function isInside(path: string, dir: string): boolean {
  const r = relative(dir, path);
  return r === '' || (!r.startsWith(`..${sep}`) && r !== '..' && !isAbsolute(r));
}

/** npm settings a machine may rely on to reach its registry (a mirror, a proxy, a cache): kept. */
const npmSettings = /^npm_config_(cache|registry|userconfig|globalconfig|proxy|https_proxy|noproxy|strict_ssl|cafile)$/i;

/**
 * The environment of a user's shell: without the other npm_* variables `npm test` sets (npm_package_json,
 * npm_config_local_prefix… name this repository), INIT_CWD, NODE_OPTIONS (a loader would hide a missing build)
 * and the repository's node_modules/.bin on PATH (npx would find this repository's tsc).
 */
export function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if ((/^npm_/i.test(key) && !npmSettings.test(key)) || key === 'INIT_CWD' || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '').split(':').filter((p) => p !== '' && !isInside(p, root)).join(':');
  return env;
}

/** Runs a command to its end; never throws, so the caller can show its output. */
export function run(cwd: string, command: string, args: readonly string[], options: { input?: string; timeoutMs?: number } = {}): Ran {
  const started = performance.now();
  const r = spawnSync(command, args, {
    cwd,
    env: userEnv(),
    encoding: 'utf8',
    input: options.input ?? '',
    timeout: options.timeoutMs ?? 120_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  const error = r.error ? `\n${r.error.message}` : '';
  return { status: r.status, stdout: r.stdout ?? '', stderr: `${r.stderr ?? ''}${error}`, ms: performance.now() - started };
}

/** What a failed command printed, for an assertion message. */
export function shown(command: string, r: Ran): string {
  return `\`${command}\` exited ${r.status}\n--- stdout\n${r.stdout.trim()}\n--- stderr\n${r.stderr.trim()}`;
}

/** Runs a command that must succeed; throws with its output otherwise. */
export function succeed(cwd: string, command: string, args: readonly string[], options: { input?: string; timeoutMs?: number } = {}): Ran {
  const r = run(cwd, command, args, options);
  if (r.status !== 0) throw new Error(shown([command, ...args].join(' '), r));
  return r;
}

/** Wall-clock figures of the run, printed at the end: what adopting stackc costs. */
export const timings = new Map<string, number>();

export function timed<T extends Ran>(step: string, r: T): T {
  timings.set(step, (timings.get(step) ?? 0) + r.ms);
  return r;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
