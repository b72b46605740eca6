// The stacks verify judges: loaded and compiled in memory with the compiler's library, one by one, so a stack that
// does not compile is one failed line and the others are still judged.
import type { StackDefinition } from '../../dsl/stack.ts';
import { compileStacks, loadStacks, type CompiledStack } from '../compile.ts';
import { CompileError, type Issue } from '../issues.ts';
import { stackFilesIn, typecheckStackFiles } from '../typecheck/index.ts';
import type { JudgeResult } from './judge.ts';

export const compileJudge = 'stackc compile';

export interface Selection {
  readonly compiled: readonly CompiledStack[];
  /** Files that failed to load and stacks that did not compile, as failed lines. */
  readonly problems: readonly JudgeResult[];
  /** Names asked for that no stack has; and the stacks there are. */
  readonly unknown: readonly string[];
  readonly available: readonly string[];
}

/** A stack is named by its name, its file's base name (`shop` for stacks/shop.ts) or its file. */
export function isNamed(def: StackDefinition, wanted: string): boolean {
  return def.name === wanted || def.source.file === wanted || def.source.file.endsWith(`/${wanted}.ts`);
}

function failedCompile(stack: string, issues: readonly Issue[]): JudgeResult {
  return {
    judge: compileJudge, stack, status: 'failed',
    summary: `${issues.length} problem${issues.length === 1 ? '' : 's'}: nothing of this stack was judged`,
    failures: issues.map((i) => ({ message: `${i.message}\nfix: ${i.hint}`, where: i.where, path: i.path })),
  };
}

/** Type errors, one failed line per file that has them (a stack file, or a file stack files import). */
function typeProblems(issues: readonly Issue[]): JudgeResult[] {
  const byFile = new Map<string, Issue[]>();
  for (const i of issues) byFile.set(i.where.file, [...(byFile.get(i.where.file) ?? []), i]);
  return [...byFile].map(([file, found]) => failedCompile(found[0]!.path[0] ?? file, found));
}

export async function selectStacks(stacksDir: string, root: string, wanted: readonly string[]): Promise<Selection> {
  // as compile does: tsx strips types, so a stack with a type error is judged by the type check, not loaded
  const typeIssues = typecheckStackFiles(stackFilesIn(stacksDir), root);
  const typeBroken = new Set(typeIssues.map((i) => i.where.file));
  const loadedAll = await loadStacks(stacksDir, root);
  const loaded = { ...loadedAll, stacks: loadedAll.stacks.filter((s) => !typeBroken.has(s.source.file)) };
  // a file that failed to load is reported when every stack is judged, or when it is the file asked for
  const fileNamed = (file: string, w: string) => file === w || file.endsWith(`/${w}.ts`);
  const failedLoads = loaded.issues.filter((i) => wanted.length === 0 || wanted.some((w) => fileNamed(i.where.file, w)));
  const unknown = wanted.filter((w) => !loaded.stacks.some((s) => isNamed(s, w)) && !failedLoads.some((i) => fileNamed(i.where.file, w)) && ![...typeBroken].some((f) => fileNamed(f, w)));
  const selected = wanted.length ? loaded.stacks.filter((s) => wanted.some((w) => isNamed(s, w))) : loaded.stacks;
  const problems: JudgeResult[] = [
    ...typeProblems(typeIssues.filter((i) => wanted.length === 0 || wanted.some((w) => fileNamed(i.where.file, w)))),
    ...failedLoads.map((i) => failedCompile(i.path[0] ?? i.where.file, [i])),
  ];
  const compiled: CompiledStack[] = [];
  const seen = new Map<string, StackDefinition>();
  for (const def of selected) {
    const earlier = seen.get(def.name);
    if (earlier) {
      problems.push(failedCompile(def.name, [{
        code: 'naming/duplicate-stack', where: def.source, path: [def.name],
        message: `two stacks are named "${def.name}" (the other at ${earlier.source.file}:${earlier.source.line})`,
        hint: 'each stack compiles to out/<name>/: give each its own name',
      }]));
      continue;
    }
    seen.set(def.name, def);
    try {
      compiled.push(...compileStacks([def]));
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      problems.push(failedCompile(def.name, e.issues));
    }
  }
  return { compiled, problems, unknown, available: loaded.stacks.map((s) => s.name) };
}
