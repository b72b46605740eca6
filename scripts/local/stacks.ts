// Which stack a local tool runs: the one named, or the only one in the stacks folder. Loads and compiles it as
// `npm run compile` does (compiler/compile.ts), so a stack with problems is reported the same way.
import { resolve } from 'node:path';
import { projectRoot } from '../../dsl/source.ts';
import { compileStacks, loadStacks, type CompiledStack } from '../../compiler/compile.ts';
import { CompileError, formatIssues } from '../../compiler/issues.ts';

/** A problem the user fixes by changing the command line (exit code 2). */
export class UsageError extends Error {}
/** The stack does not load or compile; the message lists every issue (exit code 1). */
export class StackError extends Error {}

export const defaultStacksDir = 'stacks';

/** True when `wanted` names the stack: its name, or its file as `stacks/x.ts` or `x`. */
function names(file: string, name: string, wanted: string): boolean {
  return name === wanted || file === wanted || file.endsWith(`/${wanted}.ts`);
}

/**
 * Loads the stacks of `stacksDir` (relative to the project root) and compiles the one named; with no name, the
 * only stack there. Throws UsageError listing the stacks when the name is missing or unknown.
 */
export async function selectStack(wanted: string | undefined, stacksDir = defaultStacksDir): Promise<CompiledStack> {
  const dir = resolve(projectRoot, stacksDir);
  const loaded = await loadStacks(dir, projectRoot);
  const list = loaded.stacks.map((s) => `  ${s.name.padEnd(20)} ${s.source.file}`).join('\n');
  if (loaded.stacks.length === 0 && loaded.issues.length) throw new StackError(formatIssues(loaded.issues));
  if (loaded.stacks.length === 0) throw new UsageError(`No stacks in ${stacksDir}/: export stack(...) from a .ts file there.`);
  let def;
  if (wanted === undefined) {
    if (loaded.stacks.length > 1) throw new UsageError(`${stacksDir}/ holds ${loaded.stacks.length} stacks; name the one to run:\n${list}`);
    def = loaded.stacks[0]!;
  } else {
    def = loaded.stacks.find((s) => names(s.source.file, s.name, wanted));
    if (!def) throw new UsageError(`No stack named "${wanted}" in ${stacksDir}/. Stacks:\n${list}`);
  }
  try {
    return compileStacks([def])[0]!;
  } catch (e) {
    if (e instanceof CompileError) throw new StackError(`the stack ${def.name} does not compile:\n${formatIssues(e.issues)}`);
    throw e;
  }
}
