// One writer of out/ at a time: two compiles at once take turns instead of swapping the same folders. The lock is a
// file holding its owner's pid, made by a hard link (which fails when the lock exists), so it is never seen half
// written. A lock whose process is gone (killed) is taken over.
import { linkSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeChange } from './fault.ts';
import { isAlive, lockName, pendingName } from './names.ts';

const waitMs = Number(process.env['STACKC_LOCK_TIMEOUT_MS'] ?? 60_000);

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function holder(lock: string): { pid: number; ino: number } | undefined {
  try {
    return { pid: Number(readFileSync(lock, 'utf8').trim()), ino: statSync(lock).ino };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Takes away the lock of a dead process. If another process took it over first (the file is not the one seen
 *  dead), its lock is put back. */
function breakStale(lock: string, dead: { ino: number }): void {
  const aside = join(lock, '..', pendingName(`${lockName}-stale`, process.pid));
  try {
    beforeChange();
    renameSync(lock, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (statSync(aside).ino !== dead.ino) {
    try {
      linkSync(aside, lock);
    } catch {
      // a third process holds the lock now; the one moved aside had finished its turn or will find its lock gone
    }
  }
  unlinkSync(aside);
}

/** Waits for out/'s lock and takes it; returns the function that releases it. */
export function lockOut(absOut: string): () => void {
  const lock = join(absOut, lockName);
  const mine = join(absOut, pendingName(lockName, process.pid));
  beforeChange();
  writeFileSync(mine, `${process.pid}\n`);
  try {
    for (const deadline = Date.now() + waitMs; ;) {
      try {
        beforeChange();
        linkSync(mine, lock);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const held = holder(lock);
      if (held && !isAlive(held.pid)) breakStale(lock, held);
      else if (held && Date.now() > deadline) {
        throw Object.assign(new Error(`${lockName} is held by process ${held.pid}, which has been writing for over ${waitMs / 1000} s; if it is not a stackc compile, delete ${join(absOut, lockName)}`), { code: 'ELOCKED', syscall: 'lock' });
      } else if (held) sleep(20);
    }
  } finally {
    unlinkSync(mine);
  }
  return () => {
    try {
      unlinkSync(lock);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  };
}
