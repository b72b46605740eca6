// The changes the write makes to the disk, each announced to the fault hook first, and made durable where a later
// step relies on them: a file's bytes before the rename that publishes it, a folder's entries before the journal.
import { closeSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { beforeChange } from './fault.ts';

/** Writes a new file (never an existing one) and flushes it to the disk. */
export function writeDurable(path: string, content: string, mode: number): void {
  beforeChange();
  const fd = openSync(path, 'wx', mode);
  try {
    writeSync(fd, content);
    beforeChange();
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (names made, renamed or removed in it). Best effort: not every platform can. */
export function syncFolder(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // a folder that cannot be opened for fsync (Windows) is flushed by the OS in its own time
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function makeFolder(path: string, mode?: number): void {
  beforeChange();
  mkdirSync(path, mode === undefined ? {} : { mode });
}

export function link(from: string, to: string): void {
  beforeChange();
  linkSync(from, to);
}

export function rename(from: string, to: string): void {
  beforeChange();
  renameSync(from, to);
}

export function remove(path: string): void {
  beforeChange();
  unlinkSync(path);
}

/** Removes a folder and everything in it, one entry at a time; symbolic links are removed, never followed. */
export function removeTree(path: string): void {
  let stat;
  try {
    stat = lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (!stat.isDirectory()) return remove(path);
  for (const entry of readdirSync(path)) removeTree(join(path, entry));
  beforeChange();
  rmdirSync(path);
}
