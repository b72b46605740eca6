// out/<stack>/.stackc-manifest: the files stackc generated in a stack's folder, so a later compile knows what it may
// replace or remove. Everything else in the folder is the user's and is kept.
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { generatedNote } from '../emit/header.ts';

/** Lists the files stackc generated in out/<stack>/, so a later compile knows what it may remove. */
export const manifestName = '.stackc-manifest';

export function manifest(stackFile: string, paths: readonly string[]): string {
  return `# ${generatedNote(stackFile)}\n# Files stackc generated in this folder; it removes them when the stack no longer produces them.\n${paths.join('\n')}\n`;
}

export function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** A manifest is an input like any other (a pull request can carry one): an entry counts only when it names a file
 *  inside the folder. Absolute paths, `..`, and directories are never acted on; they are returned as ignored. */
export function readManifest(dir: string): { readonly files: string[]; readonly ignored: string[] } {
  const path = join(dir, manifestName);
  if (!existsSync(path)) return { files: [], ignored: [] };
  const files: string[] = [];
  const ignored: string[] = [];
  for (const entry of readFileSync(path, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'))) {
    const normal = posix.normalize(entry);
    const inside = !entry.includes('\\') && !entry.includes('\0') && !posix.isAbsolute(normal) && normal !== '.' && normal !== manifestName &&
      !normal.split('/').includes('..') && normal === entry;
    const target = join(dir, normal);
    if (inside && (!existsSync(target) || lstatSync(target).isFile() || lstatSync(target).isSymbolicLink())) files.push(normal);
    else ignored.push(entry);
  }
  return { files, ignored };
}

/** The stack file a manifest says its folder was generated from. */
export function manifestSource(dir: string): string | undefined {
  const header = readIfExists(join(dir, manifestName))?.split('\n')[0] ?? '';
  return / from (\S+?)\.? DO NOT EDIT/.exec(header)?.[1];
}
