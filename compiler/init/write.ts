// Writing the scaffold without ever overwriting: every clash is found before the first byte is written, so a
// refused init leaves the folder exactly as it was.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The paths of `files` that already exist in `dir`, in the order given. */
export function clashes(dir: string, paths: Iterable<string>): string[] {
  return [...paths].filter((p) => existsSync(join(dir, p)));
}

/**
 * Writes every file under `dir`, creating folders as needed. Call after `clashes` found none to refuse; only the
 * paths in `replacing` (the merged package.json) may exist, any other file appearing meanwhile fails the write.
 */
export function writeFiles(dir: string, files: ReadonlyMap<string, string>, replacing: ReadonlySet<string> = new Set()): void {
  for (const [path, text] of files) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text, { flag: replacing.has(path) ? 'w' : 'wx' });
  }
}
