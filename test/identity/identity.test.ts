// Rules of one name whose static labels keep their series apart compile, and the real judges accept what they emit;
// rules of one name that can write the same labels are refused with both places named.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileStacks, type CompiledStack } from '../../compiler/compile.ts';
import { alertmanagerFile, inhibitRules } from '../../compiler/emit/alertmanager.ts';
import type { AlertRule, Stack } from '../../compiler/model.ts';
import { stackIndex } from '../../compiler/promql/analyze.ts';
import { checkAlertmanagerConfig } from '../../compiler/verify/amtool-check-config.ts';
import type { ActiveAlert } from '../../compiler/verify/live-api.ts';
import { firingFailures } from '../../compiler/verify/live-checks.ts';
import { livePlan } from '../../compiler/verify/live-plan.ts';
import { ruleNamed, ruleTestNamed } from '../../compiler/verify/locate.ts';
import { checkRules } from '../../compiler/verify/promtool-check-rules.ts';
import { testRules } from '../../compiler/verify/promtool-test-rules.ts';
import { alert, alerting, alertsFrom, counter, gauge, histogram, histogramQuantile, promql, rate, receiver, record, ruleGroup, ruleTest, input, stack, sum, webhook } from '../../dsl/index.ts';
import { issuesOf, lineOf, projectPath, requireTool } from '../helpers/stack.ts';
import { describe, judgeFixture } from '../verify/helpers.ts';
import { burnRate } from './stacks.ts';

requireTool('promtool', 'prometheus');
requireTool('amtool', 'prometheus-alertmanager');
const compiled: CompiledStack = compileStacks([burnRate])[0]!;
const alerts = (s: Stack, name: string) => s.ruleGroups.flatMap((g) => g.rules).filter((r): r is AlertRule => r.kind === 'alert' && r.name === name);
const stacksUrl = new URL('./stacks.ts', import.meta.url).href;

test('the burn-rate pair, warning and critical under one name, and one recording per quantile compile', () => {
  assert.is(alerts(compiled.stack, 'ErrorBudgetBurn').length, 2);
  assert.is(alerts(compiled.stack, 'VolumeFilling').length, 2);
  assert.is(compiled.stack.ruleGroups.flatMap((g) => g.rules).filter((r) => r.name === 'api:latency_seconds:quantile').length, 3);
});

test('promtool accepts the rule files and their generated tests pass', async () => {
  for (const judge of [checkRules, testRules]) {
    const v = await judgeFixture(judge, undefined, compiled);
    assert.is(v.status, 'passed', describe(v));
  }
});

test('the levels of one name inhibit each other by severity, and amtool accepts it', async () => {
  const text = compiled.files.get(alertmanagerFile)!;
  assert.match(text, /source_matchers:\n\s+- alertname="VolumeFilling"\n\s+- severity="critical"\n\s+target_matchers:\n\s+- alertname="VolumeFilling"\n\s+- severity="warning"/);
  const v = await judgeFixture(checkAlertmanagerConfig, undefined, compiled);
  assert.is(v.status, 'passed', describe(v));
});

test('a query of a shared recording name knows every label of its rules, the static one included', () => {
  const labels = stackIndex(compiled.stack).index.series.get('api:latency_seconds:quantile')?.labels;
  assert.ok(labels?.has('quantile'), String([...(labels ?? [])]));
});

test('a test that leaves out the other alert of its name fails in promtool, at that test', async () => {
  const requests = counter({ name: 'api_requests_total', help: 'API requests', labels: ['code'] });
  const failing = promql`${sum(rate(requests.where({ code: '500' }), '5m'))} > 0`;
  const traffic = [input(requests, { code: '500' }, '0+1x100')];
  const oncall = receiver('oncall', [webhook({ url: 'http://oncall.example/hook' })]);
  const partial = compileStacks([stack('partial', {
    namespace: 'api',
    metrics: [requests],
    groups: [ruleGroup('slo', { rules: [
      alert({ name: 'Failing', severity: 'critical', expr: failing, summary: 's', description: 'd', tests: [
        ruleTest({ name: 'errors fire', input: traffic, at: '10m', expect: [{ value: 1 }] }), // at:partial-test
        ruleTest({ name: 'no input stays silent', input: [], at: '10m', expect: [] })] }),
      alert({ name: 'Failing', severity: 'warning', expr: failing, summary: 's', description: 'd', tests: [
        ruleTest({ name: 'errors fire', input: traffic, at: '10m', expect: [{ value: 1 }, { labels: { severity: 'critical' }, value: 1 }] }),
        ruleTest({ name: 'no input stays silent', input: [], at: '10m', expect: [] })] }),
    ] })],
    alerting: alerting({ routes: { critical: oncall, warning: oncall, info: oncall } }),
  })])[0]!;
  const v = await judgeFixture(testRules, undefined, partial);
  assert.is(v.status, 'failed', describe(v));
  assert.is(v.failures.length, 1, describe(v));
  const where = v.failures[0]!.where!;
  assert.is(`${where.file}:${where.line}`, `${projectPath(import.meta.url)}:${lineOf(import.meta.url, '// at:partial-test')}`);
});

test('verify finds a rule of a shared name by its labels', () => {
  const [fast, slow] = alerts(compiled.stack, 'ErrorBudgetBurn');
  assert.is(ruleNamed(compiled.stack, 'ErrorBudgetBurn', { severity: 'warning', window: '6h' })?.where, slow!.source);
  assert.is(ruleNamed(compiled.stack, 'ErrorBudgetBurn', { severity: 'critical', window: '1h' })?.where, fast!.source);
  assert.is(ruleTestNamed(compiled.stack, 'VolumeFilling{severity="critical"}: volume_used_percent exactly at 95 does not fire')?.where,
    alerts(compiled.stack, 'VolumeFilling').find((a) => a.severity === 'critical')!.source);
  assert.is(lineOf(stacksUrl, '// at:slow-burn'), slow!.source.line);
});

test('the live plan lets only the critical level of a shared name inhibit the warning one', () => {
  const used = gauge({ name: 'disk_used_percent', help: 'Disk used', unit: 'percent', thresholds: { warning: { above: 50 }, critical: { above: 90 } } });
  const oncall = receiver('oncall', [webhook({ url: 'http://oncall.example/hook' })]);
  const s = compileStacks([stack('levels', {
    namespace: 'disk', metrics: [used],
    groups: [ruleGroup('disk', { rules: alertsFrom(used, { warning: { name: 'DiskFull' }, critical: { name: 'DiskFull' } }) })],
    alerting: alerting({ routes: { critical: oncall, warning: oncall, info: oncall } }),
  })])[0]!.stack;
  const plan = livePlan(s);
  assert.equal(plan.driven.map((d) => [d.rule.severity, d.inhibitedBy]), [['warning', 'DiskFull{severity="critical"}'], ['critical', undefined]]);
  // the live checks pick each level's alerts by severity: both firing is no failure
  const firing = (severity: string, threshold: number): ActiveAlert => ({
    labels: { alertname: 'DiskFull', severity }, state: 'firing', value: '95',
    annotations: { summary: `disk_used_percent above ${threshold}`, description: `disk_used_percent is 95 (threshold ${threshold})` },
  });
  assert.equal(firingFailures(s.name, plan.driven, [firing('warning', 50), firing('critical', 90)]), []);
  assert.equal(firingFailures(s.name, plan.driven, [firing('warning', 50)]).map((f) => f.message.split(' within')[0]), ['DiskFull did not fire']);
});

test('thresholds on two recording rules of one name are two alert families under the same default names, each inhibiting only its own levels', async () => {
  const latency = histogram({ name: 'api_latency_seconds', help: 'API latency', unit: 'seconds', buckets: [0.1, 1] });
  const quantileOf = (q: number) => record('api:latency:quantile', histogramQuantile(q, sum(rate(latency.bucket, '5m'), { by: ['le'] })),
    { labels: { quantile: String(q) }, thresholds: { warning: { above: q }, critical: { above: 2 * q } } });
  const [p50, p99] = [quantileOf(0.5), quantileOf(0.99)];
  const oncall = receiver('oncall', [webhook({ url: 'http://oncall.example/hook' })]);
  const s = compileStacks([stack('quantiles', {
    namespace: 'api', metrics: [latency],
    groups: [ruleGroup('latency', { rules: [p50, p99] }),
      ruleGroup('latency_alerts', { rules: [...alertsFrom(p50), ...alertsFrom(p99)] })],
    alerting: alerting({ routes: { critical: oncall, warning: oncall, info: oncall } }),
  })])[0]!;
  assert.equal(inhibitRules(s.stack).map((r) => [r.source_matchers, r.target_matchers]), ['0.5', '0.99'].map((q) => [
    ['alertname="ApiLatencyQuantileCritical"', `quantile="${q}"`], ['alertname="ApiLatencyQuantileWarning"', `quantile="${q}"`],
  ]));
  for (const judge of [checkRules, testRules, checkAlertmanagerConfig]) {
    const v = await judgeFixture(judge, undefined, s);
    assert.is(v.status, 'passed', describe(v));
  }
});

const requests = counter({ name: 'api_requests_total', help: 'API requests', labels: ['code'] });
const ratio = promql`${sum(rate(requests.where({ code: '500' }), '1h'))} / ${sum(rate(requests, '1h'))} > 0.0144`;
const oncall = receiver('oncall', [webhook({ url: 'http://oncall.example/hook' })]);
const bad = (rules: Parameters<typeof ruleGroup>[1]['rules']) =>
  stack('bad', { namespace: 'api', metrics: [requests], groups: [ruleGroup('slo', { rules })], alerting: alerting({ routes: { critical: oncall, warning: oncall, info: oncall } }) });
const burn = (labels: Record<string, string>) => alert({ name: 'ErrorBudgetBurn', severity: 'critical', expr: ratio, labels, summary: 's', description: 'd' });

test('two burn-rate alerts of one name and severity without a label telling their windows apart are refused, naming both', () => {
  const first = alert({ name: 'ErrorBudgetBurn', severity: 'critical', expr: ratio, summary: 's', description: 'd' });
  const second = alert({ name: 'ErrorBudgetBurn', severity: 'critical', expr: ratio, summary: 's', description: 'd' }); // at:second-burn
  const issues = issuesOf(bad([first, second])).filter((i) => !i.code.startsWith('rule-tests/'));
  assert.equal(issues.map((i) => i.code), ['naming/duplicate-alert'], issues.map((i) => i.message).join('\n'));
  const [i] = issues;
  assert.is(i!.where.line, lineOf(import.meta.url, '// at:second-burn'));
  assert.ok(i!.message.includes(`${first.source.file}:${first.source.line}`), i!.message);
  assert.match(i!.message, /both have the static labels \{severity="critical"\}/);
  assert.match(i!.hint, /window/);
});

test('a recording of a shared name that sets the label the other one\'s expression returns is refused', () => {
  const issues = issuesOf(bad([
    record('api:requests:rate1h', sum(rate(requests, '1h'), { by: ['code'] })),
    record('api:requests:rate1h', sum(rate(requests, '1h')), { labels: { code: 'all' } }), // at:recording-clash
  ])).filter((i) => !i.code.startsWith('rule-tests/'));
  assert.equal(issues.map((i) => i.code), ['naming/duplicate-recording'], issues.map((i) => i.message).join('\n'));
  assert.is(issues[0]!.where.line, lineOf(import.meta.url, '// at:recording-clash'));
  assert.match(issues[0]!.message, /the other sets no code of its own and its expression returns code/);
});

test('the same pair with a label per window compiles', () => {
  const issues = issuesOf(bad([burn({ window: '1h' }), burn({ window: '6h' })])).filter((i) => !i.code.startsWith('rule-tests/'));
  assert.equal(issues, []);
});

test.run();
