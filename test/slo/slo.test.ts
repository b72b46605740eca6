// Service-level objectives: what slo() compiles to, judged by promtool and amtool, and the mistakes it refuses.
// Expectations come from the fixture's model (test/fixtures/slo-api.ts), so the fixture can change without them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { compileStacks } from '../../compiler/compile.ts';
import { alertmanagerFile } from '../../compiler/emit/alertmanager.ts';
import { alertTestsFile } from '../../compiler/emit/rule-tests.ts';
import { alertsFile } from '../../compiler/emit/rules.ts';
import type { AlertRule } from '../../compiler/model.ts';
import { checkAlertmanagerConfig } from '../../compiler/verify/amtool-check-config.ts';
import { testRules } from '../../compiler/verify/promtool-test-rules.ts';
import { counter, histogram, slo, stack } from '../../dsl/index.ts';
import api, { availability, fast } from '../fixtures/slo-api.ts';
import { issuesOf, lineOf, requireTool } from '../helpers/stack.ts';
import { describe, judgeFixture, replaceIn } from '../verify/helpers.ts';

requireTool('promtool', 'prometheus');
const compiled = compileStacks([api])[0]!;
const { stack: model, files } = compiled;
const objectives = model.slos;
const burnAlerts = model.ruleGroups.flatMap((g) => g.rules).filter((r): r is AlertRule => r.kind === 'alert' && r.slo !== undefined);

test('each objective is one rule group: an error ratio per window, the window average, the budget left, its alerts', () => {
  assert.is(objectives.length, 2);
  for (const o of objectives) {
    const group = model.ruleGroups.find((g) => g.name === o.group)!;
    const windows = new Set(o.alerts.flatMap((a) => a.windows.flatMap((w) => [w.long, w.short])));
    for (const w of [...windows, o.window]) {
      const rule = group.rules.find((r) => r.kind === 'recording' && r.name === `slo:sli_error:ratio_rate${w}`);
      assert.ok(rule, `${o.name}: error ratio over ${w}`);
      assert.is(rule!.labels.slo, o.name);
    }
    assert.ok(group.rules.some((r) => r.kind === 'recording' && r.name === 'slo:error_budget_remaining:ratio' && r.expr.text.endsWith(`/ ${o.budget}`)));
    const alerts = group.rules.filter((r): r is AlertRule => r.kind === 'alert');
    assert.equal(alerts.map((a) => a.severity), o.alerts.map((a) => a.severity));
    for (const [i, a] of alerts.entries()) {
      for (const w of o.alerts[i]!.windows) assert.ok(a.expr.text.includes(`> (${w.factor} * ${o.budget})`), `${a.name} ${a.severity}: ${w.factor}×`);
    }
  }
});

test('the budget is written from the objective\'s decimals, and the workbook\'s windows are the defaults', () => {
  assert.is(availability.budget, '0.001');
  assert.is(fast.budget, '0.01');
  assert.equal(availability.alerts.map((a) => a.windows.map((w) => `${w.long}/${w.short}@${w.factor}`)), [['1h/5m@14.4', '6h/30m@6'], ['1d/2h@3', '3d/6h@1']]);
  assert.equal(availability.alerts.map((a) => [a.severity, a.for]), [['critical', '2m'], ['warning', '15m']]);
});

type TestFile = { tests: { name: string; alert_rule_test?: { alertname: string; exp_alerts: { exp_labels: Record<string, string> }[] }[] }[] };
const alertTestFiles = [...files.keys()].filter((p) => p.startsWith('prometheus/tests/alerts.') && p.endsWith('.test.yml'));
const testsOf = (path: string) => (parse(files.get(path)!) as TestFile).tests;

test('every burn-rate alert has derived tests: at 1.05× and 0.95× of each window\'s factor, in files promtool runs', () => {
  assert.ok(alertTestFiles.includes(alertTestsFile));
  const all = alertTestFiles.flatMap(testsOf);
  for (const a of burnAlerts) {
    const own = all.filter((t) => t.name.startsWith(`${a.name}{severity="${a.severity}"}`));
    const o = objectives.find((x) => x.name === a.slo)!.alerts.find((x) => x.severity === a.severity)!;
    for (const w of o.windows) {
      for (const share of ['1.05', '0.95']) assert.ok(own.some((t) => t.name.includes(`at ${share}× its ${w.factor}× burn rate over ${w.long} and ${w.short}`)), `${a.name} ${a.severity}: ${share}× of ${w.factor}×`);
    }
    const fires = (t: TestFile['tests'][number]) => t.alert_rule_test!.some((c) => c.exp_alerts.some((e) => e.exp_labels.severity === a.severity));
    assert.ok(own.some(fires) && own.some((t) => !fires(t)), `${a.name} ${a.severity}: a firing and a silent test`);
  }
});

test('promtool passes the objectives\' rules and tests', async () => {
  const v = await judgeFixture(testRules, () => {}, compiled);
  assert.is(v.status, 'passed', describe(v));
});

test('the tests bite: a doubled or halved factor, a longer for, a dropped window each fail promtool', async () => {
  const page = burnAlerts.find((a) => a.severity === 'critical' && a.slo === availability.name)!;
  const [first, second] = availability.alerts[0]!.windows;
  // only the files holding the page's tests, so each mutation costs one promtool run of them
  const pageFiles = alertTestFiles.filter((p) => testsOf(p).some((t) => t.name.startsWith(`${page.name}{severity="critical"}`)));
  const only = (f: Map<string, string>) => {
    for (const p of alertTestFiles) if (!pageFiles.includes(p)) f.delete(p);
    for (const p of [...f.keys()]) if (p.startsWith('prometheus/tests/') && !p.startsWith('prometheus/tests/alerts.')) f.delete(p);
  };
  const factor = (w: typeof first, times: number) => `> (${w!.factor * times} * ${availability.budget})`;
  const mutations: [string, (f: Map<string, string>) => void][] = [
    ['the 14.4× factor doubled', (f) => replaceIn(f, alertsFile, new RegExp(`> \\(${first!.factor} \\* ${availability.budget}\\)`, 'g'), factor(first, 2))],
    ['the 6× factor halved', (f) => replaceIn(f, alertsFile, new RegExp(`> \\(${second!.factor} \\* ${availability.budget}\\)`, 'g'), factor(second, 0.5))],
    ['for lengthened', (f) => replaceIn(f, alertsFile, /(alert: \w+\n {8}expr: [^]*?\n {8}for: )2m/, '$110m')],
    ['the 6× window dropped', (f) => replaceIn(f, alertsFile, /\n {10}or\n {10}\(slo:sli_error:ratio_rate6h\{slo="api-availability"[^\n]*/, '')],
  ];
  for (const [what, change] of mutations) {
    const v = await judgeFixture(testRules, (f) => { only(f); change(f); }, compiled);
    assert.is(v.status, 'failed', `${what} went unnoticed`);
    assert.ok(v.failures.some((f) => f.message.includes(page.name)), `${what}: ${describe(v)}`);
  }
});

test('the page inhibits the ticket of its objective, and amtool accepts the configuration', async () => {
  const config = parse(files.get(alertmanagerFile)!.replace(/^# .*\n/, '')) as { inhibit_rules: { source_matchers: string[]; target_matchers: string[]; equal: string[] }[] };
  for (const o of objectives.filter((x) => x.alerts.length === 2)) {
    const [page, ticket] = o.alerts;
    assert.ok(config.inhibit_rules.some((r) =>
      r.source_matchers.includes(`alertname="${page!.name}"`) && r.source_matchers.includes(`severity="${page!.severity}"`) &&
      r.target_matchers.includes(`severity="${ticket!.severity}"`) && r.equal.includes('slo')), o.name);
  }
  requireTool('amtool', 'prometheus-alertmanager');
  const v = await judgeFixture(checkAlertmanagerConfig, () => {}, compiled);
  assert.is(v.status, 'passed', describe(v));
});

// --- mistakes ------------------------------------------------------------------------------------------------

const requests = counter({ name: 'orders_requests_total', help: 'Requests', labels: ['status'] });
const seconds = histogram({ name: 'orders_seconds', help: 'Latency', labels: ['route'], unit: 'seconds', buckets: [0.1, 0.25, 0.5] });
const base = { namespace: 'orders', metrics: [requests, seconds], groups: [] };

test('an SLI that could count other services\' series is a located error naming the fix', () => {
  const unscoped = slo({ name: 'orders', objective: 99.5, sli: { errors: requests.where({ status: /5../ }), total: requests } }); // MARK-unscoped
  const issues = issuesOf(stack('orders', { ...base, slos: [unscoped] })).filter((i) => i.code === 'slo/scope');
  assert.is(issues.length, 2, JSON.stringify(issues));
  assert.is(issues[0]!.where.line, lineOf(import.meta.url, '// MARK-unscoped'));
  assert.match(issues[0]!.hint, ".where({ job: 'orders' })");
  const scoped = slo({ name: 'orders', objective: 99.5, sli: { errors: requests.where({ job: 'orders', status: /5../ }), total: requests.where({ namespace: 'orders' }) } });
  assert.equal(issuesOf(stack('orders', { ...base, slos: [scoped] })).filter((i) => i.code.startsWith('slo/')), []);
});

test('a latency threshold that is not a bucket boundary names the nearest boundaries', () => {
  const between = slo({ name: 'orders-latency', objective: 99, sli: { latency: seconds, threshold: 0.3, where: { job: 'orders' } } }); // MARK-threshold
  const [found] = issuesOf(stack('orders', { ...base, slos: [between] })).filter((i) => i.code === 'slo/threshold');
  assert.ok(found);
  assert.is(found!.where.line, lineOf(import.meta.url, '// MARK-threshold'));
  assert.match(found!.hint, '0.25 or 0.5');
});

test('an objective outside (0, 100), inverted windows and a duplicate name are refused', () => {
  const sli = { errors: requests.where({ job: 'orders', status: '500' }), total: requests.where({ job: 'orders' }) };
  const whole = slo({ name: 'a', objective: 100, sli });
  const inverted = slo({ name: 'b', objective: 99, sli, page: { windows: [{ long: '5m', short: '1h', factor: 14.4 }] } });
  const twin = slo({ name: 'b', objective: 99, sli });
  const codes = issuesOf(stack('orders', { ...base, slos: [whole, inverted, twin] })).filter((i) => i.code.startsWith('slo/'));
  assert.ok(codes.some((i) => i.code === 'slo/setting' && i.message.includes('objective of a is 100')));
  assert.ok(codes.some((i) => i.code === 'slo/setting' && i.message.includes('short window 1h')));
  assert.ok(codes.some((i) => i.code === 'slo/duplicate'));
});

test.run();
