// What stackc leaves in out/ while it writes, and how a later run tells a dead writer's leftovers from a live one's.
// Every name starts with a dot, which no stack's name can (a stack's name is a DNS label), and carries the pid of
// the process that made it.

/** Held while a process changes out/ (its pid inside): two compiles at once take turns. */
export const lockName = '.stackc-lock';
/** The swaps a process is about to make; present only between the first and the last rename. */
export const journalName = '.stackc-journal';
/** The journal once every swap is made: from then on out/ is new, and only old copies remain to be removed. */
export const committedName = '.stackc-committed';

/** out/.<stack>.stackc-new-<pid>/: the stack's complete new folder, built beside the current one. */
export const stagedName = (stack: string, pid: number) => `.${stack}.stackc-new-${pid}`;
/** out/.<stack>.stackc-old-<pid>/: the previous folder, moved aside by the swap until the swap is committed. */
export const oldName = (stack: string, pid: number) => `.${stack}.stackc-old-${pid}`;
/** A file being written before it is renamed into place (the lock, the journal). */
export const pendingName = (name: string, pid: number) => `${name}-${pid}.pending`;

/** The pid a leftover of stackc in out/ belongs to, or undefined when the entry is not stackc's. */
export function leftoverPid(entry: string): number | undefined {
  const m = /^\.[a-z0-9-]+\.stackc-(?:new|old)-(\d+)$/.exec(entry) ?? /^\.stackc-(?:lock|lock-stale|journal)-(\d+)\.pending$/.exec(entry);
  return m ? Number(m[1]) : undefined;
}

/** The pid of a temporary file an earlier stackc wrote inside out/<stack>/ (`<file>.stackc-tmp-<pid>`). */
export function oldTempPid(file: string): number | undefined {
  const m = /\.stackc-tmp-(\d+)$/.exec(file);
  return m ? Number(m[1]) : undefined;
}

/** A pid that no process has (any more): its leftovers can be removed. Another user's process counts as alive. */
export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
