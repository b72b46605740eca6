// Compiles a test's own stack and runs Prometheus' own checks on its rules: `promtool check rules` (does Prometheus
// accept the expressions) and `promtool test rules` (do the derived tests pass under Prometheus' engine).
import type { CompiledStack } from '../../compiler/compile.ts';
import { emitStack } from '../../compiler/emit/index.ts';
import type { Issue } from '../../compiler/issues.ts';
import { validate } from '../../compiler/validate/index.ts';
import { toModel } from '../../dsl/to-model.ts';
import { checkRules } from '../../compiler/verify/promtool-check-rules.ts';
import { testRules } from '../../compiler/verify/promtool-test-rules.ts';
import type { Judge, Verdict } from '../../compiler/verify/input.ts';
import { withScratch } from '../../compiler/verify/scratch.ts';
import type { StackDefinition } from '../../dsl/stack.ts';
import { requireTool } from '../helpers/stack.ts';

requireTool('promtool', 'prometheus');

function judge(compiled: CompiledStack, run: Judge): Promise<Verdict> {
  return withScratch(compiled.stack.name, compiled.files, (dir) => run({ stack: compiled.stack, files: compiled.files, dir }));
}

/** The verdicts of both promtool judges on a stack's files. The files are emitted whatever stackc found (the
 *  issues come back for the test to judge), so Prometheus has its say on expressions stackc refuses too. */
export async function promtool(def: StackDefinition): Promise<{ check: Verdict; test: Verdict; compiled: CompiledStack; issues: Issue[] }> {
  const stack = toModel(def);
  const compiled = { stack, files: emitStack(stack) };
  return { check: await judge(compiled, checkRules), test: await judge(compiled, testRules), compiled, issues: validate(stack) };
}

export const described = (v: Verdict): string => `${v.status}: ${v.summary}\n${v.failures.map((f) => f.message).join('\n')}`;
