// Every rule test of a stack: derived ones and those written in the stack, plus the issues of rules left untested.
import type { Issue } from '../issues.ts';
import { formatDuration, parseDuration } from '../duration.ts';
import type { RuleGroup, Stack } from '../model.ts';
import { stackIndex } from '../promql/analyze.ts';
import { alertTests } from './alerts.ts';
import { asExposed } from './exposed.ts';
import type { StackTests, TestGroup } from './cases.ts';
import { isRecordingGroup } from '../emit/rules.ts';
import { recordingTests } from './recordings.ts';

const computed = new WeakMap<Stack, StackTests>();

/** A test's `at` is the time of the data its rule reads. With a query offset the rule reads it that much later,
 *  and writes what it records at the data's time, so every check moves by the offset and expects the same. */
function afterQueryOffset(group: RuleGroup, tests: readonly TestGroup[]): readonly TestGroup[] {
  const offset = group.queryOffset === undefined ? 0 : parseDuration(group.queryOffset) ?? 0;
  if (offset === 0) return tests;
  const later = (at: string) => formatDuration(parseDuration(at)! + offset);
  return tests.map((t) => ({
    ...t,
    alerts: t.alerts.map((a) => ({ ...a, at: later(a.at) })),
    samples: t.samples.map((s) => ({ ...s, at: later(s.at) })),
  }));
}

/** The inputs as the exporter shows them (exposed.ts): a labelled counter the registry does not start is absent
 *  until its first update, in derived tests as in written ones. */
function exposedInputs(stack: Stack, t: TestGroup): TestGroup {
  return { ...t, input: t.input.map((s) => asExposed(stack, s)) };
}

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
        const tests = afterQueryOffset(group, alertTests(stack, index, group, rule, output, issues));
        // an objective's burn-rate cases are simulated from counters started at 0, extrapolation included
        // (rule-tests/slo.ts): they keep their inputs as simulated
        alerts.push(...(rule.slo !== undefined ? tests : tests.map((t) => exposedInputs(stack, t))));
      } else {
        target.push(...afterQueryOffset(group, recordingTests(stack, index, group, rule, issues)).map((t) => exposedInputs(stack, t)));
      }
    }
  }
  const result = { alerts, recordings, issues };
  computed.set(stack, result);
  return result;
}
