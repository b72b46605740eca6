// Type-checking stack files before they are loaded: tsx strips types, so without this a misspelt label or an
// unknown option key would compile silently. `compile`, `compile --check` and `verify` call typecheckStackFiles.
import type { Issue } from '../issues.ts';
import { issuesOf } from './messages.ts';
import { checkProgram } from './program.ts';

export { stackFilesIn } from '../stack-files.ts';

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
