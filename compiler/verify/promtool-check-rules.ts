// `promtool check rules` on every rule file: Prometheus' own parser and rule validation.
import { ruleFileGroups } from '../emit/rules.ts';
import type { JudgeFailure } from './judge.ts';
import { skipped, verdict, type JudgeInput, type Verdict } from './input.ts';
import { ruleMentionedIn } from './locate.ts';
import { eachPromtool, promtoolsFor } from './promtools.ts';
import { missingTool, runTool } from './tools.ts';

export async function checkRules({ stack, files, dir }: JudgeInput): Promise<Verdict> {
  const ruleFiles = [...ruleFileGroups(stack).keys()].filter((p) => files.has(p));
  if (ruleFiles.length === 0) return skipped('the stack has no rules');
  const promtools = await promtoolsFor(stack);
  if (promtools.length === 0) return skipped(missingTool('promtool'));
  return eachPromtool(promtools, (promtool) => checkWith(promtool, stack, ruleFiles, dir));
}

async function checkWith(promtool: string, stack: JudgeInput['stack'], ruleFiles: readonly string[], dir: string): Promise<Verdict> {
  const failures: JudgeFailure[] = [];
  let count = 0;
  // one run per file: promtool writes SUCCESS to stdout and errors to stderr, so a merged report of several files
  // can interleave and put one file's errors under another's heading
  for (const file of ruleFiles) {
    const run = await runTool(promtool, ['check', 'rules', file], dir);
    const found = /SUCCESS: (\d+) rules found/.exec(run.output);
    if (found) count += Number(found[1]);
    if (run.code === 0) continue;
    const errors = run.output.split('\n').map((l) => l.trim()).filter((l) => l && l !== 'FAILED:' && !l.startsWith('Checking ') && !/^SUCCESS: /.test(l));
    for (const error of errors) failures.push({ message: `${file}: ${error}`, ...ruleMentionedIn(stack, error) });
    if (errors.length === 0) failures.push({ message: `promtool check rules ${file} exited ${run.code}: ${run.output.trim()}` });
  }
  return verdict(failures, `${count} rules in ${ruleFiles.length} file${ruleFiles.length === 1 ? '' : 's'}`);
}
