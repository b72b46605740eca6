// `promtool check rules` on every rule file: Prometheus' own parser and rule validation.
import { ruleFileGroups } from '../emit/rules.ts';
import type { JudgeFailure } from './judge.ts';
import { skipped, verdict, type JudgeInput, type Verdict } from './input.ts';
import { ruleMentionedIn } from './locate.ts';
import { findTool, missingTool, runTool } from './tools.ts';

/** promtool's report, one section per file: `Checking <file>` then SUCCESS or FAILED and the errors. */
export function sections(output: string): { file: string; text: string }[] {
  return output.split(/^Checking /m).slice(1).map((s) => ({ file: s.slice(0, s.indexOf('\n')).trim(), text: s.slice(s.indexOf('\n') + 1) }));
}

export async function checkRules({ stack, files, dir }: JudgeInput): Promise<Verdict> {
  const ruleFiles = [...ruleFileGroups(stack).keys()].filter((p) => files.has(p));
  if (ruleFiles.length === 0) return skipped('the stack has no rules');
  const promtool = findTool('promtool');
  if (!promtool) return skipped(missingTool('promtool'));
  const run = await runTool(promtool, ['check', 'rules', ...ruleFiles], dir);
  const failures: JudgeFailure[] = [];
  let count = 0;
  for (const { file, text } of sections(run.output)) {
    const found = /SUCCESS: (\d+) rules found/.exec(text);
    if (found) {
      count += Number(found[1]);
      continue;
    }
    const errors = text.split('\n').map((l) => l.trim()).filter((l) => l && l !== 'FAILED:');
    for (const error of errors) failures.push({ message: `${file}: ${error}`, ...ruleMentionedIn(stack, error) });
  }
  if (run.code !== 0 && failures.length === 0) failures.push({ message: `promtool check rules exited ${run.code}: ${run.output.trim()}` });
  return verdict(failures, `${count} rules in ${ruleFiles.length} file${ruleFiles.length === 1 ? '' : 's'}`);
}
