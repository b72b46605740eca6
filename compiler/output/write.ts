// Writes the stacks of one out/ folder so that each out/<stack>/ is entirely old or entirely new after any fault.
//
// Why whole folders: files renamed one by one leave a mix when the process dies between two renames or one rename
// fails (an immutable file), and their temporary files behind. Instead each stack's complete new folder is built
// beside the current one (stage.ts), then the folders are swapped by two renames each. Node cannot exchange two paths
// atomically (no renameat2(RENAME_EXCHANGE) without a native addon; `mv --exchange` needs coreutils 9.5), so between
// the two renames out/<stack> is briefly absent: the journal (journal.ts), flushed before the first rename, lets the
// next run put every folder back, and the commit (one rename of the journal) is the single instant at which all the
// stacks of a compile become new together. A lock (lock.ts) makes two compiles at once take turns; leftovers carry
// their writer's pid, so a run removes only those of processes that are gone.
import { existsSync, mkdirSync, readdirSync, rmdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { reached } from './fault.ts';
import { commit, finish, needsRecovery, recover, rollBack, swapFolders, writeJournal, type Journal, type Swap } from './journal.ts';
import { lockOut } from './lock.ts';
import { manifestName, readManifest } from './manifest.ts';
import { journalName, oldName, stagedName } from './names.ts';
import { removeTree } from './disk.ts';
import { stageStack } from './stage.ts';

/** A write of out/ that failed, with what it left there in words; the CLI prints the message as it is. */
export class OutputError extends Error {
  constructor(message: string, readonly left: 'as before' | 'new' | 'to recover') {
    super(message);
    this.name = 'OutputError';
  }
}

/** One stack folder to write: its name, the generated files of its new content, and whether the stack is gone. */
export interface StackWrite {
  readonly stack: string;
  readonly files: ReadonlyMap<string, string>;
  readonly gone: boolean;
}

const list = (outDir: string, stacks: readonly string[]) => {
  const names = stacks.map((s) => `${outDir}/${s}/`);
  return `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'}`;
};

/** Finishes or undoes what a stopped write left in out/, when it left anything. Returns what it did. */
export function recoverOut(root: string, outDir: string): string[] {
  const absOut = join(root, outDir);
  if (!needsRecovery(absOut)) return [];
  let release = () => {};
  try {
    release = lockOut(absOut);
    return recover(absOut, outDir);
  } catch (e) {
    throw new OutputError(`stackc could not put ${outDir}/ back in order after a compile that was stopped: ${reason(root, e)}\n` +
      `${outDir}/ may hold a stack folder that is missing or an old copy beside it until this succeeds; fix the cause and run stackc check.`, 'to recover');
  } finally {
    release();
  }
}

function reason(root: string, e: unknown): string {
  return (e as Error).message.replaceAll(`${root}${sep}`, '');
}

/** Removes the staged folders of a write that stopped before its journal; says so when one could not be removed. */
function removeStaged(absOut: string, swaps: readonly Swap[]): string {
  try {
    for (const s of swaps) if (s.staged) removeTree(join(absOut, s.staged));
    return '';
  } catch {
    return ' A temporary folder of this run was left in it; the next run of stackc removes it.';
  }
}

export function writeStacks(root: string, outDir: string, stacks: readonly StackWrite[]): void {
  const absOut = join(root, outDir);
  const made = !existsSync(absOut);
  const names = stacks.map((s) => s.stack);
  const asBefore = (e: unknown, more = '') => new OutputError(`stackc could not write ${outDir}/: ${reason(root, e)}\n` +
    `Nothing in ${outDir}/ was changed: ${list(outDir, names)} as before.${more}`, 'as before');
  let release = () => {};
  try {
    mkdirSync(absOut, { recursive: true });
    release = lockOut(absOut);
    try {
      recover(absOut, outDir);
    } catch (e) {
      throw new OutputError(`stackc could not put ${outDir}/ back in order after a compile that was stopped: ${reason(root, e)}\n` +
        `Nothing was written; fix the cause and run stackc check.`, 'to recover');
    }
    const swaps: Swap[] = [];
    try {
      for (const s of stacks) {
        const staged = stagedName(s.stack, process.pid);
        const current = join(absOut, s.stack);
        const generatedBefore = new Set([...readManifest(current).files, manifestName]);
        const swap = { stack: s.stack, staged, old: existsSync(current) ? oldName(s.stack, process.pid) : null };
        swaps.push(swap);
        if (!stageStack(current, join(absOut, staged), { label: `${outDir}/${s.stack}`, files: s.files, generatedBefore }, s.gone)) {
          // a gone stack with nothing of the user's in its folder: the folder is removed, not replaced
          removeTree(join(absOut, staged));
          swaps[swaps.length - 1] = { ...swap, staged: null };
        }
      }
      reached('staged');
    } catch (e) {
      throw asBefore(e, removeStaged(absOut, swaps));
    }
    const journal: Journal = { pid: process.pid, swaps };
    try {
      writeJournal(absOut, journal);
      reached('journaled');
      swapFolders(absOut, journal, () => reached('swapping'));
      reached('swapped');
      commit(absOut);
    } catch (e) {
      try {
        rollBack(absOut, journal);
      } catch (undo) {
        throw new OutputError(`stackc could not write ${outDir}/: ${reason(root, e)}\nPutting the old folders back failed too: ${reason(root, undo)}\n` +
          `${list(outDir, names)} incomplete until the next \`stackc compile\` or \`stackc check\`, which puts them back from ${outDir}/${journalName}.`, 'to recover');
      }
      throw asBefore(e, ' The folders already swapped were put back.');
    }
    reached('committed');
    try {
      finish(absOut, journal);
    } catch (e) {
      throw new OutputError(`${list(outDir, names)} written completely, but an old copy beside ${names.length === 1 ? 'it' : 'them'} could not be removed: ${reason(root, e)}\n` +
        `The next \`stackc compile\` or \`stackc check\` removes it.`, 'new');
    }
  } catch (e) {
    if (e instanceof OutputError) throw e;
    throw asBefore(e);
  } finally {
    release();
    // an out/ this run made and did not fill is not left behind
    if (made && existsSync(absOut) && readdirSync(absOut).length === 0) rmdirSync(absOut);
  }
}
