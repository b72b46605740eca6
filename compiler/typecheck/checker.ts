// A type checker that stays open between checks, for `stackc watch`: one tsgo process keeps the program, and each
// check tells it which files changed, so it re-reads only those (~0.1 s on the example stack) instead of starting
// tsgo and parsing everything again (~0.3 s). The issues are the ones `compile` prints (issuesOf).
import { resolve } from 'node:path';
import type { Snapshot } from 'typescript/unstable/sync';
import type { Issue } from '../issues.ts';
import { isExternal } from '../loader.ts';
import { issuesOf } from './messages.ts';
import { apiServing, errorsOf, programConfig, quietClose } from './program.ts';

/** The user's files are the ones watch checks: stackc's own (its sources, run from this repository) and packages
 *  are not what a save changes, and skipping them halves the check of the example stack (~50 ms of ~100 ms). */
function isUsersFile(file: string): boolean {
  return !file.endsWith('.d.ts') && !isExternal(file);
}

export interface OpenChecker {
  /** Type-checks `stackFiles` and what they import, after the files in `changed` (absolute) were saved, created or
   *  deleted. Files not named are taken as they were at the last check. */
  check(stackFiles: readonly string[], changed: readonly string[]): Issue[];
  /** Stops tsgo. */
  close(): void;
}

/** Opens a checker for the project at `root` (its tsconfig.json); nothing is checked until the first `check`. */
export function openChecker(root: string): OpenChecker {
  let roots: readonly string[] = [];
  let { configPath, config } = programConfig(roots, root);
  const api = apiServing(root, () => ({ configPath, config }));
  let snapshot: Snapshot | undefined;

  return {
    check(stackFiles, changed) {
      if (stackFiles.length === 0) return [];
      const files = stackFiles.map((f) => resolve(root, f));
      const rootsChanged = files.join('\n') !== roots.join('\n');
      if (rootsChanged) ({ configPath, config } = programConfig(roots = files, root));
      // "changed" is what tsgo re-reads, for a file saved, created (an import that did not resolve now does) or
      // deleted alike; measured, "created" alone did not make it re-read a file it had already read
      const reread = [...changed.map((c) => resolve(root, c)), ...(rootsChanged ? [configPath] : [])];
      const previous = snapshot;
      snapshot = previous === undefined
        ? api.updateSnapshot({ openProjects: [configPath] })
        : api.updateSnapshot({ fileChanges: { changed: reread } });
      previous?.dispose();
      const project = snapshot.getProject(configPath);
      if (!project) throw new Error(`TypeScript did not open ${configPath}`);
      // global errors (a missing lib, a global type declared twice) come from the options and the set of files, and
      // asking for them costs a check of every file of the program (~70 ms of ~100 on the example): asked when the
      // stack files change, not on every save
      const errors = errorsOf(project, { files: isUsersFile, global: rootsChanged });
      return issuesOf({ project, errors, close: () => {} }, root, files);
    },
    close() {
      quietClose(api, () => snapshot?.dispose());
    },
  };
}
