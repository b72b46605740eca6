// prometheus/tests/*.test.yml: `promtool test rules` files for every alert and recording rule of the stack.
import type { Stack } from '../model.ts';
import { seriesText, type TestGroup } from '../rule-tests/cases.ts';
import { stackTests } from '../rule-tests/index.ts';
import { files, type Files } from './files.ts';
import { alertsFile, recordingRulesFile, ruleFileGroups } from './rules.ts';
import { toYaml } from './yaml.ts';

function testYaml(g: TestGroup, interval: string, stack: Stack): Record<string, unknown> {
  const external = Object.entries(stack.scrape.externalLabels);
  return {
    name: g.name,
    interval,
    // annotations are rendered with the stack's external labels ($externalLabels), as its Prometheus renders them
    ...(g.alerts.length && external.length ? { external_labels: sorted(stack.scrape.externalLabels) } : {}),
    input_series: g.input.map((s) => ({ series: seriesText(s.name, s.labels), values: s.values })),
    ...(g.alerts.length ? {
      alert_rule_test: g.alerts.map((a) => ({
        eval_time: a.at,
        alertname: a.alert,
        exp_alerts: a.firing.map((f) => ({ exp_labels: sorted(f.labels), exp_annotations: f.annotations })),
      })),
    } : {}),
    ...(g.samples.length ? {
      promql_expr_test: g.samples.map((s) => ({ expr: s.expr, eval_time: s.at, exp_samples: s.samples.map((x) => ({ labels: x.labels, value: x.value })) })),
    } : {}),
  };
}

function sorted(r: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
}

/** One test file per evaluation interval: promtool evaluates every rule of a file at every step of its
 *  `evaluation_interval`, so tests of long windows, whose inputs are coarser, get a file of their own. */
function testFiles(testsFile: string, ruleFiles: readonly string[], groups: readonly TestGroup[], stack: Stack): [string, string][] {
  const byInterval = new Map<string | undefined, TestGroup[]>();
  for (const g of groups) {
    const same = byInterval.get(g.interval);
    if (same) same.push(g);
    else byInterval.set(g.interval, [g]);
  }
  return [...byInterval].map(([interval, tests]) => [
    interval === undefined ? testsFile : testsFile.replace(/\.test\.yml$/, `.every-${interval}.test.yml`),
    toYaml({
      rule_files: ruleFiles.map((f) => `../${f.split('/').pop()}`),
      evaluation_interval: interval ?? stack.scrape.evaluationInterval,
      // without it promtool evaluates the file's groups in a random order at each step, so an alert reading a
      // recording rule of another group saw it now fresh, now a step old: the groups in file order, every time
      group_eval_order: ruleFiles.flatMap((f) => ruleFileGroups(stack).get(f) ?? []).map((g) => g.name),
      tests: tests.map((g) => testYaml(g, g.interval ?? stack.scrape.interval, stack)),
    }),
  ]);
}

export const alertTestsFile = 'prometheus/tests/alerts.test.yml';
export const recordingTestsFile = 'prometheus/tests/recording-rules.test.yml';

export function ruleTestFiles(stack: Stack, earlier: Files): Files {
  const tests = stackTests(stack);
  return files([
    // an alert reading a recording rule of recording-rules.yml needs it evaluated from the test's raw inputs: the
    // recording groups are loaded too, and evaluated first at each step as their results feed the alerts
    ...(earlier.has(alertsFile) && tests.alerts.length ? testFiles(alertTestsFile, [...(earlier.has(recordingRulesFile) ? [recordingRulesFile] : []), alertsFile], tests.alerts, stack) : []),
    ...(earlier.has(recordingRulesFile) && tests.recordings.length ? testFiles(recordingTestsFile, [recordingRulesFile], tests.recordings, stack) : []),
  ]);
}
