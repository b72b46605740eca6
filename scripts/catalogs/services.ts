// Helpers the exporters' modules share: running a service's setup to completion, as the right user, and waiting for a
// TCP port to accept connections.
import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { waitFor, type Running } from '../local/processes.ts';

/** Running as root: PostgreSQL refuses root, so its commands run as the `postgres` user Debian's package creates. */
export const isRoot = process.getuid?.() === 0;

/** `command args` as `user` when we are root (runuser), as ourselves otherwise. */
export function asUser(user: string, command: string, args: readonly string[]): [string, string[]] {
  return isRoot ? ['runuser', ['-u', user, '--', command, ...args]] : [command, [...args]];
}

/** Runs a setup command to completion; its output is in the error when it fails. */
export function runSetup(what: string, [command, args]: [string, string[]]): void {
  try {
    execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${what} failed: ${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`);
  }
}

/** A folder in the run's temporary folder that `user` owns (when we are root and can give it away). */
export function folderFor(dir: string, name: string, user: string): string {
  const path = join(dir, name);
  mkdirSync(path, { mode: 0o700 });
  if (isRoot) {
    const ids = execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim();
    const gid = execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim();
    chownSync(path, Number(ids), Number(gid));
  }
  return path;
}

/** Resolves when 127.0.0.1:`port` accepts a connection. */
export function waitForPort(what: string, port: number, watch: readonly Running[]): Promise<true> {
  const probe = () => new Promise<true | undefined>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(undefined));
  });
  return waitFor(what, probe, { timeoutMs: 60_000, intervalMs: 250, watch });
}
