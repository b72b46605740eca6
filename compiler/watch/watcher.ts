// Which saves `stackc watch` reacts to: a change to any file the stacks are made of, and a stack file added to or
// removed from the stacks folder. It watches folders, not files: an editor that saves by writing a new file and
// renaming it over the old one replaces the file a per-file watch would hold, while its folder stays. Saves that come
// together (an editor writing a backup, then the file; a formatter saving several files) are compiled once.
import { watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import { isStackFileName } from '../stack-files.ts';

export interface Watcher {
  /** Watches `files` (absolute) from now on, in place of the files watched so far. */
  follow(files: readonly string[]): void;
  close(): void;
}

/** Calls `onChange` with the changed files and when the first of them was seen (performance.now()), once no further
 *  change has come for `quietMs`. */
export function watchStacks(stacksDir: string, onChange: (files: readonly string[], since: number) => void, quietMs = 25): Watcher {
  const folders = new Map<string, FSWatcher>();
  let files = new Set<string>();
  let pending = new Set<string>();
  let since = 0;
  let timer: NodeJS.Timeout | undefined;

  const seen = (path: string) => {
    if (pending.size === 0) since = performance.now();
    pending.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changed = [...pending].sort();
      pending = new Set();
      onChange(changed, since);
    }, quietMs);
  };

  const watchFolder = (folder: string) => {
    try {
      const watcher = watch(folder, (_event, name) => {
        // Linux always names the file; elsewhere a nameless event stands for every watched file of the folder
        const paths = name ? [join(folder, name)] : [...files].filter((f) => dirname(f) === folder);
        for (const path of paths) {
          if (files.has(path) || (folder === stacksDir && isStackFileName(path))) seen(path);
        }
      });
      // a folder that is removed ends its watch; the next compile reports the missing files
      watcher.on('error', () => {
        watcher.close();
        folders.delete(folder);
      });
      folders.set(folder, watcher);
    } catch {
      // a folder that is already gone: nothing of it to watch
    }
  };

  return {
    follow(next) {
      files = new Set(next);
      const wanted = new Set([stacksDir, ...next.map((f) => dirname(f))]);
      for (const [folder, watcher] of folders) {
        if (!wanted.has(folder)) {
          watcher.close();
          folders.delete(folder);
        }
      }
      for (const folder of wanted) if (!folders.has(folder)) watchFolder(folder);
    },
    close() {
      clearTimeout(timer);
      for (const watcher of folders.values()) watcher.close();
      folders.clear();
    },
  };
}
