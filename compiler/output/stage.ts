// Builds a stack's complete new folder beside the current one (out/.<stack>.stackc-new-<pid>/), so that the folder
// can then be swapped in by renames. Generated files are written as the plan has them (an unchanged one is
// hard-linked, keeping its inode and time); every other file of the current folder — the user's, kept today — is
// hard-linked as it is (same bytes, mode and owner). Before anything is staged, the current folder is checked for
// what would stop its removal after the swap (a read-only subfolder, an immutable file): that stops the write while
// out/ is still untouched.
import { accessSync, chmodSync, constants, copyFileSync, existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { link, makeFolder, remove, writeDurable } from './disk.ts';
import { isAlive, oldTempPid } from './names.ts';

export interface StackContent {
  /** out/<stack>, as the user names it in messages. */
  readonly label: string;
  /** Every generated file of the new folder, manifest included. */
  readonly files: ReadonlyMap<string, string>;
  /** The files the current folder's manifest lists: stackc's, replaced or removed. */
  readonly generatedBefore: ReadonlySet<string>;
}

interface Entry { readonly path: string; readonly folder: boolean }

function entriesOf(dir: string, prefix = ''): Entry[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = prefix + e.name;
    return e.isDirectory() ? [{ path, folder: true }, ...entriesOf(join(dir, e.name), `${path}/`)] : [{ path, folder: false }];
  });
}

/** A file of the current folder that the swap will leave in the old copy, whose removal then must not fail. */
class Unremovable extends Error {
  constructor(label: string, cause: NodeJS.ErrnoException, folder: boolean) {
    super(folder
      ? `${label}/ cannot be changed (${cause.code}): stackc replaces out/<stack>/ as a whole, so it removes files from the current folder; make it writable`
      : `${label} cannot be removed (${cause.code}${cause.code === 'EPERM' ? ', is it immutable or append-only? see lsattr' : ''}): stackc replaces out/<stack>/ as a whole, so every file in it must be removable`);
    this.name = 'Unremovable';
  }
}

const mayLinkAnything = () => process.getuid?.() === 0;

/** Links `from` to `to`; where a hard link is refused, tells an unremovable file (immutable) from one the system
 *  only forbids linking (another user's, protected_hardlinks), which is copied. `to` undefined: a probe only. */
function linkOrCopy(from: string, to: string | undefined, probe: string, label: string): void {
  try {
    link(from, to ?? probe);
    if (to === undefined) remove(probe);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code !== 'EPERM' && err.code !== 'EXDEV' && err.code !== 'EMLINK') throw e;
    if (err.code === 'EPERM' && (mayLinkAnything() || lstatSync(from).uid === process.getuid?.())) throw new Unremovable(label, err, false);
    if (to !== undefined) copyFileSync(from, to);
  }
}

/** Stages the stack's new folder at `staged`; returns false when the stack is gone and nothing of the folder is kept
 *  (then the folder is removed rather than replaced, and the empty staged folder is not used). */
export function stageStack(current: string, staged: string, content: StackContent, gone: boolean): boolean {
  const entries = existsSync(current) ? entriesOf(current) : [];
  const replaced = (path: string) => content.files.has(path) || content.generatedBefore.has(path);
  const leftover = (path: string) => { const pid = oldTempPid(path); return pid !== undefined && !isAlive(pid); };
  const kept = entries.filter((e) => !e.folder && !replaced(e.path) && !leftover(e.path));
  const emptyFolders = entries.filter((e) => e.folder && !entries.some((o) => o.path.startsWith(`${e.path}/`)) && !content.files.has(e.path));
  if (existsSync(current)) for (const folder of ['', ...entries.filter((e) => e.folder).map((e) => e.path)]) checkWritable(current, folder, content.label);

  const made = new Set<string>();
  const ensureFolder = (folder: string) => {
    if (folder === '.' || made.has(folder)) return;
    if (folder !== '') ensureFolder(dirname(folder));
    const at = join(staged, folder);
    const before = join(current, folder);
    const mode = existsSync(before) && statSync(before).isDirectory() ? statSync(before).mode & 0o7777 : undefined;
    makeFolder(at);
    // keeps the folder's own permissions (mkdir's mode is narrowed by the umask)
    if (mode !== undefined) chmodSync(at, mode);
    made.add(folder);
  };
  ensureFolder('');
  const probe = join(staged, `.stackc-probe-${process.pid}`);
  const unchanged = new Set<string>();
  for (const [path, text] of content.files) {
    ensureFolder(dirname(path));
    const before = join(current, path);
    if (existsSync(before) && lstatSync(before).isFile() && readFileSync(before, 'utf8') === text) {
      linkOrCopy(before, join(staged, path), probe, `${content.label}/${path}`);
      unchanged.add(path);
    } else {
      // scripts stackc emits (deploy.sh) are run directly
      writeDurable(join(staged, path), text, path.endsWith('.sh') ? 0o755 : 0o644);
    }
  }
  for (const e of kept) {
    ensureFolder(dirname(e.path));
    linkOrCopy(join(current, e.path), join(staged, e.path), probe, `${content.label}/${e.path}`);
  }
  for (const e of entries.filter((e) => !e.folder && replaced(e.path) && !unchanged.has(e.path))) {
    linkOrCopy(join(current, e.path), undefined, probe, `${content.label}/${e.path}`);
  }
  for (const e of emptyFolders) ensureFolder(e.path);
  // the new folders' entries are not flushed one by one: the flush of out/ after the swap, before the commit, makes
  // them durable too on journaling file systems (ext4, xfs, btrfs), and each flush costs up to 5 ms on a busy disk
  return !gone || kept.length > 0 || emptyFolders.length > 0;
}

function checkWritable(current: string, folder: string, label: string): void {
  try {
    accessSync(join(current, folder), constants.W_OK);
  } catch (e) {
    throw new Unremovable(folder ? `${label}/${folder}` : label, e as NodeJS.ErrnoException, true);
  }
}
