// Type-checking stack files before they are loaded: tsx strips types, so without this a misspelt label or an
// unknown option key would compile silently. `compile`, `compile --check` and `verify` call typecheckStackFiles.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Issue } from '../issues.ts';
import { issuesOf } from './messages.ts';
import { checkProgram } from './program.ts';

/** The stack files of a folder, as the loader finds them: every `.ts` file but declarations, in name order. */
export function stackFilesIn(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort().map((f) => join(dir, f));
}

/** Type-checks the stack files (absolute or relative to `root`) and every file they import, in one program with
 *  the options of `root`/tsconfig.json. Returns one located issue per type error; none when the files are sound. */
export function typecheckStackFiles(files: readonly string[], root: string): Issue[] {
  if (files.length === 0) return [];
  const program = checkProgram(files, root);
  try {
    return issuesOf(program, root, files);
  } finally {
    program.close();
  }
}
