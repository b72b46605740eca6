// Every rule test of a stack: derived ones and those written in the stack, plus the issues of rules left untested.
import type { Issue } from '../issues.ts';
import type { Stack } from '../model.ts';
import { stackIndex } from '../promql/analyze.ts';
import { alertTests } from './alerts.ts';
import type { StackTests, TestGroup } from './cases.ts';
import { isRecordingGroup } from '../emit/rules.ts';
import { recordingTests } from './recordings.ts';

const computed = new WeakMap<Stack, StackTests>();

/** Computed once per model: the coverage check and the test-file emitter both need it. */
export function stackTests(stack: Stack): StackTests {
  const known = computed.get(stack);
  if (known) return known;
  const issues: Issue[] = [];
  const { index, alerts: analysed } = stackIndex(stack);
  const alerts: TestGroup[] = [];
  const recordings: TestGroup[] = [];
  for (const group of stack.ruleGroups) {
    // rules in alerts.yml are tested there; a recording rule in a mixed group is tested with the alerts
    const target = isRecordingGroup(group) ? recordings : alerts;
    for (const rule of group.rules) {
      if (rule.kind === 'alert') {
        const output = analysed.get(rule)?.value?.labels;
        alerts.push(...alertTests(stack, index, group, rule, output, issues));
      } else {
        target.push(...recordingTests(stack, index, group, rule, issues));
      }
    }
  }
  const result = { alerts, recordings, issues };
  computed.set(stack, result);
  return result;
}
