// The generated rule tests, judged by the real `promtool test rules`, and shown to fail when the rules break.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import platform from '../../stacks/platform.ts';
import { stackTests } from '../../compiler/rule-tests/index.ts';
import { compileValid, requireTool } from '../helpers/stack.ts';

const promtool = requireTool('promtool', 'prometheus');
const { model, files } = compileValid(platform);

/** Writes the prometheus/ files (optionally changed) to a scratch folder and runs promtool test rules on the tests. */
function promtoolTest(change: (path: string, content: string) => string = (_p, c) => c): { ok: boolean; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'stackc-ruletests-'));
  try {
    for (const [path, content] of files) {
      if (!path.startsWith('prometheus/')) continue;
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), change(path, content));
    }
    const r = spawnSync(promtool, ['test', 'rules', join(dir, 'prometheus/tests/alerts.test.yml'), join(dir, 'prometheus/tests/recording-rules.test.yml')], { encoding: 'utf8' });
    return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('promtool test rules passes on the generated tests', () => {
  const r = promtoolTest();
  assert.ok(r.ok, r.out);
  assert.is((r.out.match(/SUCCESS/g) ?? []).length, 2, r.out);
});

test('every alert has a test where it fires and one where it stays silent; every recording rule a sample test', () => {
  const doc = parse(files.get('prometheus/tests/alerts.test.yml')!) as { tests: { alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[] };
  const checks = doc.tests.flatMap((t) => t.alert_rule_test ?? []);
  const alerts = model.ruleGroups.flatMap((g) => g.rules).filter((r) => r.kind === 'alert');
  assert.is(alerts.length, 22);
  for (const a of alerts) {
    assert.ok(checks.some((c) => c.alertname === a.name && c.exp_alerts.length > 0), `${a.name} has a firing test`);
    assert.ok(checks.some((c) => c.alertname === a.name && c.exp_alerts.length === 0), `${a.name} has a silent test`);
  }
  const recorded = parse(files.get('prometheus/tests/recording-rules.test.yml')!) as { tests: { promql_expr_test: { expr: string; exp_samples: unknown[] }[] }[] };
  const exprs = recorded.tests.flatMap((t) => t.promql_expr_test);
  for (const r of model.ruleGroups.flatMap((g) => g.rules).filter((x) => x.kind === 'recording')) {
    assert.ok(exprs.some((e) => e.expr === r.name && e.exp_samples.length > 0), `${r.name} has a sample test`);
  }
  assert.equal(stackTests(model).issues, []);
});

test('an alert changed so it can no longer fire fails the suite', () => {
  const r = promtoolTest((p, c) => (p === 'prometheus/alerts.yml' ? c.replace('expr: cpu_usage_percent > 80', 'expr: cpu_usage_percent > 1000') : c));
  assert.not.ok(r.ok);
  assert.match(r.out, /alertname: HighCPUUsage/);
});

test('an alert that fires too early (>= instead of >) fails the suite: the boundary test catches it', () => {
  const r = promtoolTest((p, c) => (p === 'prometheus/alerts.yml' ? c.replace('expr: cpu_usage_percent > 90', 'expr: cpu_usage_percent >= 90') : c));
  assert.not.ok(r.ok);
  assert.match(r.out, /alertname: CriticalCPUUsage/);
});

test('a shortened for: fails the suite: the pending test catches it', () => {
  const r = promtoolTest((p, c) => (p === 'prometheus/alerts.yml' ? c.replace(/(alert: HighMemoryUsage\n\s+expr: .*\n\s+for: )2m/, '$10s') : c));
  assert.not.ok(r.ok);
  assert.match(r.out, /alertname: HighMemoryUsage/);
});

test('deleting a threshold test\'s input series fails the suite', () => {
  const r = promtoolTest((p, c) => {
    if (p !== 'prometheus/tests/alerts.test.yml') return c;
    const doc = parse(c) as { tests: { name: string; input_series: unknown[] }[] };
    const t = doc.tests.find((x) => x.name.startsWith('HighErrorRate:') && x.name.includes('fires'))!;
    t.input_series = [];
    return JSON.stringify(doc);
  });
  assert.not.ok(r.ok);
  assert.match(r.out, /alertname: HighErrorRate/);
});

test('a recording rule computing the wrong statistic fails the suite (max vs avg over time)', () => {
  const r = promtoolTest((p, c) => (p === 'prometheus/recording-rules.yml' ? c.replace('expr: max_over_time(cpu_usage_percent[5m])', 'expr: avg_over_time(cpu_usage_percent[5m])') : c));
  assert.not.ok(r.ok);
  assert.match(r.out, /cpu_usage:max_5m/);
});

test('a success rate that drops its aggregation fails the suite', () => {
  const r = promtoolTest((p, c) => (p === 'prometheus/recording-rules.yml' ? c.replace('sum by (action_type) (rate(healing_actions_succeeded_total[5m]))', 'sum(rate(healing_actions_succeeded_total[5m]))') : c));
  assert.not.ok(r.ok);
  assert.match(r.out, /healing_actions:success_rate/);
});

test.run();
