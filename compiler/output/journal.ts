// The journal of a write: which stack folders are swapped, written and flushed before the first rename. It is what
// makes a write that was stopped at any instant (kill -9, power loss) undoable: the next run of stackc reads it and
// puts every folder back (journal) or, once every swap was made (committed), only removes the old copies.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { remove, removeTree, rename, syncFolder, writeDurable } from './disk.ts';
import { readIfExists } from './manifest.ts';
import { committedName, isAlive, journalName, leftoverPid, lockName, pendingName } from './names.ts';

/** One stack folder's swap; names are entries of out/. */
export interface Swap {
  readonly stack: string;
  /** The new folder, moved to out/<stack>; null when the stack is gone and its folder is removed. */
  readonly staged: string | null;
  /** Where the current folder is moved aside; null when there was none. */
  readonly old: string | null;
}

export interface Journal {
  readonly pid: number;
  readonly swaps: readonly Swap[];
}

function read(path: string): Journal | undefined {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) as Journal : undefined;
}

/** Writes the journal in full before it appears under its name, so a reader never sees half of it. */
export function writeJournal(absOut: string, journal: Journal): void {
  const pending = join(absOut, pendingName(journalName, journal.pid));
  writeDurable(pending, `${JSON.stringify(journal, null, 2)}\n`, 0o644);
  rename(pending, join(absOut, journalName));
  syncFolder(absOut);
}

/** Makes every swap of the journal, in order. */
export function swapFolders(absOut: string, journal: Journal, afterFirst: () => void): void {
  for (const { stack, staged, old } of journal.swaps) {
    if (old) rename(join(absOut, stack), join(absOut, old));
    afterFirst();
    if (staged) rename(join(absOut, staged), join(absOut, stack));
  }
  syncFolder(absOut);
}

/** The instant the write takes effect: from here on out/ is new, whatever happens next. Not flushed: should a power
 *  loss undo this rename, the next run finds the journal and rolls back, which is consistent too. */
export function commit(absOut: string): void {
  rename(join(absOut, journalName), join(absOut, committedName));
}

/** Removes the old copies of a committed write, then the journal. */
export function finish(absOut: string, journal: Journal): void {
  for (const { old } of journal.swaps) if (old) removeTree(join(absOut, old));
  remove(join(absOut, committedName));
}

/** Undoes the swaps of a write that was not committed, last first, whichever of them were made; removes the new
 *  folders, then the journal. */
export function rollBack(absOut: string, journal: Journal): void {
  for (const { stack, staged, old } of [...journal.swaps].reverse()) {
    const folder = join(absOut, stack);
    // the new folder is in place when it left its staged name while the old copy is still aside (a rollback that
    // was itself stopped may have restored the old copy already: then the folder is the old one)
    const isNew = staged !== null && !existsSync(join(absOut, staged)) && existsSync(folder) && (old === null || existsSync(join(absOut, old)));
    if (isNew) rename(folder, join(absOut, staged));
    if (old && existsSync(join(absOut, old))) {
      if (existsSync(folder)) throw new Error(`${stack}/ and its old copy ${old}/ both exist; move ${stack}/ away, then run stackc again to put the old copy back`);
      rename(join(absOut, old), folder);
    }
    if (staged) removeTree(join(absOut, staged));
  }
  if (existsSync(join(absOut, journalName))) remove(join(absOut, journalName));
}

/** True when out/ holds what a stopped write left: a journal, a lock, or folders and files of a process that is
 *  gone. (Taking the lock to recover takes over a stale one, and releasing it removes it.) */
export function needsRecovery(absOut: string): boolean {
  if (!existsSync(absOut)) return false;
  const gone = (pid: number | undefined) => pid !== undefined && !isAlive(pid);
  return readdirSync(absOut).some((e) => e === journalName || e === committedName || gone(leftoverPid(e)) ||
    (e === lockName && gone(Number(readIfExists(join(absOut, e))?.trim()) || undefined)));
}

/** Finishes or undoes what a stopped write left in out/ (the caller holds the lock), then removes the leftovers of
 *  processes that are gone. Returns what it did, in the user's words. */
export function recover(absOut: string, outLabel: string): string[] {
  const notes: string[] = [];
  const folders = (j: Journal) => j.swaps.map((s) => `${outLabel}/${s.stack}/`).join(', ');
  const committed = read(join(absOut, committedName));
  if (committed) {
    finish(absOut, committed);
    notes.push(`a compile stopped (process ${committed.pid}) after it had written ${folders(committed)} completely; the old copies it left were removed`);
  }
  const journal = read(join(absOut, journalName));
  if (journal) {
    rollBack(absOut, journal);
    notes.push(`a compile stopped (process ${journal.pid}) while it swapped ${folders(journal)}; ${journal.swaps.length === 1 ? 'its old folder was' : 'their old folders were'} put back`);
  }
  const leftovers = readdirSync(absOut).filter((e) => leftoverPid(e) !== undefined && !isAlive(leftoverPid(e)!));
  for (const entry of leftovers) removeTree(join(absOut, entry));
  if (leftovers.length) notes.push(`removed ${leftovers.length} temporary ${leftovers.length === 1 ? 'entry' : 'entries'} of stopped compiles (${leftovers.join(', ')})`);
  return notes;
}

