// Every rule test of a stack: derived ones and those written in the stack, plus the issues of rules left untested.
import type { Issue } from '../issues.ts';
import type { Stack } from '../model.ts';
import { analyzeExpression, stackIndex } from '../promql/analyze.ts';
import { rulePath } from '../validate/context.ts';
import { alertTests } from './alerts.ts';
import type { StackTests, TestGroup } from './cases.ts';
import { isRecordingGroup } from '../emit/rules.ts';
import { recordingTests } from './recordings.ts';

export function stackTests(stack: Stack): StackTests {
  const issues: Issue[] = [];
  const groupOf = new Map(stack.ruleGroups.flatMap((g) => g.rules.map((r) => [r, g] as const)));
  const { index } = stackIndex(stack, (r) => rulePath(stack, groupOf.get(r)!, r));
  const alerts: TestGroup[] = [];
  const recordings: TestGroup[] = [];
  for (const group of stack.ruleGroups) {
    // rules in alerts.yml are tested there; a recording rule in a mixed group is tested with the alerts
    const target = isRecordingGroup(group) ? recordings : alerts;
    for (const rule of group.rules) {
      if (rule.kind === 'alert') {
        const output = analyzeExpression(rule.expr, index, stack, rulePath(stack, group, rule)).value?.labels;
        alerts.push(...alertTests(stack, index, group, rule, output, issues));
      } else {
        target.push(...recordingTests(stack, index, group, rule, issues));
      }
    }
  }
  return { alerts, recordings, issues };
}
