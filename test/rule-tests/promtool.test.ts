// The generated rule tests are strong enough to catch broken rules: each mutation of an emitted rule (derived from the
// fixture's model) makes the real `promtool test rules` fail, at the rule that was broken.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { alertTestsFile, recordingTestsFile } from '../../compiler/emit/rule-tests.ts';
import { alertsFile } from '../../compiler/emit/rules.ts';
import type { AlertRule, RecordingRule } from '../../compiler/model.ts';
import { stackTests } from '../../compiler/rule-tests/index.ts';
import { testRules } from '../../compiler/verify/promtool-test-rules.ts';
import { requireTool } from '../helpers/stack.ts';
import { describe, judgeFixture, queueStack, replaceIn } from '../verify/helpers.ts';

requireTool('promtool', 'prometheus');
const { stack, files } = queueStack;
const rules = stack.ruleGroups.flatMap((g) => g.rules);
const alerts = rules.filter((r): r is AlertRule => r.kind === 'alert');
const thresholded = alerts.filter((a) => a.threshold);
const levelOf = (a: AlertRule) => stack.metrics.find((m) => m.name === a.threshold!.series)!.thresholds.find((t) => t.severity === a.threshold!.severity)!;

/** promtool fails and every failure names `alert` and points at its definition. */
async function failsAt(alert: AlertRule, change: (f: Map<string, string>) => void): Promise<void> {
  const v = await judgeFixture(testRules, change);
  assert.is(v.status, 'failed', `the mutation of ${alert.name} went unnoticed`);
  assert.ok(v.failures.some((f) => f.where === alert.source), describe(v));
}

test('every alert has a test where it fires and one where it stays silent; every recording rule a sample test', () => {
  const doc = parse(files.get(alertTestsFile)!) as { tests: { alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[] };
  const checks = doc.tests.flatMap((t) => t.alert_rule_test ?? []);
  assert.ok(alerts.length > 0);
  for (const a of alerts) {
    assert.ok(checks.some((c) => c.alertname === a.name && c.exp_alerts.length > 0), `${a.name} has a firing test`);
    assert.ok(checks.some((c) => c.alertname === a.name && c.exp_alerts.length === 0), `${a.name} has a silent test`);
  }
  const recorded = parse(files.get(recordingTestsFile)!) as { tests: { promql_expr_test: { expr: string; exp_samples: unknown[] }[] }[] };
  const exprs = recorded.tests.flatMap((t) => t.promql_expr_test);
  for (const r of rules.filter((x): x is RecordingRule => x.kind === 'recording')) {
    assert.ok(exprs.some((e) => e.expr === r.name && e.exp_samples.length > 0), `${r.name} has a sample test`);
  }
  assert.equal(stackTests(stack).issues, []);
});

test('an alert that fires too early (>= instead of >) fails the suite: the boundary test catches it', async () => {
  for (const a of thresholded) {
    const { value, direction } = levelOf(a);
    const op = direction === 'above' ? '>' : '<';
    await failsAt(a, (f) => replaceIn(f, alertsFile, `expr: ${a.expr.text}\n`, `expr: ${a.expr.text.replace(`${op} ${value}`, `${op}= ${value}`)}\n`));
  }
});

test('a shortened for: fails the suite: the pending test catches it', async () => {
  for (const a of thresholded) {
    await failsAt(a, (f) => replaceIn(f, alertsFile, `expr: ${a.expr.text}\n        for: ${a.for}\n`, `expr: ${a.expr.text}\n        for: 0s\n`));
  }
});

test('deleting a firing test\'s input series fails the suite', async () => {
  const a = thresholded[0]!;
  await failsAt(a, (f) => {
    const doc = parse(f.get(alertTestsFile)!) as { tests: { name: string; input_series: unknown[]; alert_rule_test?: { exp_alerts: unknown[] }[] }[] };
    const firing = doc.tests.find((t) => t.name.startsWith(`${a.name}:`) && t.alert_rule_test?.some((c) => c.exp_alerts.length > 0))!;
    firing.input_series = [];
    f.set(alertTestsFile, JSON.stringify(doc));
  });
});

test.run();
