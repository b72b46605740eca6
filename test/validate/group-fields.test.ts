// A rule group's `labels` and `query_offset`: labels reach every rule (the rule's own winning), written once on the
// group for Prometheus 3 and into each rule for 2, whose rule files have no group labels; a query offset moves the
// generated tests' evaluations by the offset, and promtool of each target runs them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { alertsFile, recordingRulesFile } from '../../compiler/emit/rules.ts';
import { checkManifests } from '../../compiler/verify/kubernetes-schemas.ts';
import { checkRules } from '../../compiler/verify/promtool-check-rules.ts';
import { testRules } from '../../compiler/verify/promtool-test-rules.ts';
import { alert, alertsFrom, counter, gauge, input, promql, rate, record, ruleGroup, ruleTest, stack, sum } from '../../dsl/index.ts';
import { compileValid, issuesOf, lineOf, requireTool } from '../helpers/stack.ts';
import { withScratch } from '../../compiler/verify/scratch.ts';
import type { Judge } from '../../compiler/verify/input.ts';
import { describe } from '../verify/helpers.ts';

requireTool('promtool', 'prometheus');
const depth = gauge({ name: 'jobs_waiting', help: 'Jobs waiting', thresholds: { warning: { above: 10, for: '2m' } } });
const failed = counter({ name: 'jobs_failed_total', help: 'Failed jobs', labels: ['queue'] });
const failing = record('queue:jobs_failed:rate5m', sum(rate(failed, '5m'), { by: ['queue'] }));

const jobs = (o: { prometheus?: '2' | '3'; queryOffset?: string; labels?: Record<string, string> } = {}) => stack('jobs', {
  namespace: 'jobs', metrics: [depth, failed],
  ...(o.prometheus ? { target: { prometheus: o.prometheus } } : {}),
  groups: [
    ruleGroup('jobs_recorded', { // MARK-recorded
      ...(o.queryOffset !== undefined ? { queryOffset: o.queryOffset as '1m' } : {}),
      labels: o.labels ?? { team: 'payments' },
      rules: [failing],
    }),
    ruleGroup('jobs', { // MARK-group
      ...(o.queryOffset !== undefined ? { queryOffset: o.queryOffset as '1m' } : {}),
      labels: o.labels ?? { team: 'payments', tier: 'backend' },
      rules: [
        ...alertsFrom(depth),
        alert({
          name: 'JobsFailing', severity: 'critical', summary: 'Jobs fail', description: 'Jobs fail in {{ $labels.queue }}',
          labels: { tier: 'batch' },
          expr: promql`${failing} > 0.1`,
          tests: [
            ruleTest({ name: 'fails', input: [input(failed, { queue: 'mail' }, '0+60x20')], at: '4m', expect: [{ labels: { queue: 'mail' }, value: 1 }] }),
            ruleTest({ name: 'quiet', input: [input(failed, { queue: 'mail' }, '0x20')], at: '4m', expect: [] }),
          ],
        }),
      ],
    }),
  ],
});

const judged = (judge: Judge, { model, files }: ReturnType<typeof compileValid>) => withScratch(model.name, files, (dir) => judge({ stack: model, files, dir }));
interface RuleFile { groups: { name: string; labels?: Record<string, string>; query_offset?: string; rules: { alert?: string; labels?: Record<string, string> }[] }[] }
const rulesOf = (files: ReadonlyMap<string, string>, path = alertsFile) => parse(files.get(path)!) as RuleFile;

test('every rule carries the group\'s labels under its own, as Prometheus attaches them', () => {
  const { model } = compileValid(jobs());
  const group = model.ruleGroups.find((g) => g.name === 'jobs')!;
  const labels = Object.fromEntries(group.rules.map((r) => [r.name, r.labels]));
  assert.equal(labels['JobsFailing'], { team: 'payments', tier: 'batch', severity: 'critical' });
  assert.is(labels['JobsWaitingWarning']?.['tier'], 'backend');
});

test('Prometheus 3: the labels are written once on the group, each rule keeps only its own', () => {
  const doc = rulesOf(compileValid(jobs()).files);
  const group = doc.groups.find((g) => g.name === 'jobs')!;
  assert.equal(group.labels, { team: 'payments', tier: 'backend' });
  assert.equal(group.rules.find((r) => r.alert === 'JobsFailing')!.labels, { severity: 'critical', tier: 'batch' });
});

test('Prometheus 2: no group labels (2.42 refuses them); each rule carries them', () => {
  const doc = rulesOf(compileValid(jobs({ prometheus: '2' })).files);
  const group = doc.groups.find((g) => g.name === 'jobs')!;
  assert.is(group.labels, undefined);
  assert.equal(group.rules.find((r) => r.alert === 'JobsFailing')!.labels, { severity: 'critical', team: 'payments', tier: 'batch' });
  assert.equal(rulesOf(compileValid(jobs({ prometheus: '2' })).files, recordingRulesFile).groups[0]!.rules[0]!.labels, { team: 'payments' });
});

test('the generated tests expect the group\'s labels and pass under promtool, on either target', async () => {
  for (const prometheus of ['3', '2'] as const) {
    const compiled = compileValid(jobs({ prometheus }));
    assert.match([...compiled.files].find(([p]) => p === 'prometheus/tests/alerts.test.yml')![1], /team: payments/);
    for (const judge of [checkRules, testRules]) {
      const v = await judged(judge, compiled);
      assert.is(v.status, 'passed', `${prometheus}: ${describe(v)}`);
    }
  }
});

test('a query offset is emitted, and the tests evaluate that much later, so promtool finds what they expect', async () => {
  for (const queryOffset of ['1m', '45s']) {
    const compiled = compileValid(jobs({ queryOffset }));
    assert.is(rulesOf(compiled.files).groups.find((g) => g.name === 'jobs')!.query_offset, queryOffset);
    const tests = parse(compiled.files.get('prometheus/tests/alerts.test.yml')!) as { tests: { alert_rule_test?: { eval_time: string; alertname: string }[] }[] };
    const failingAt = tests.tests.flatMap((t) => t.alert_rule_test ?? []).filter((a) => a.alertname === 'JobsFailing').map((a) => a.eval_time);
    assert.equal(failingAt, queryOffset === '1m' ? ['5m', '5m'] : ['4m45s', '4m45s']);
    const v = await judged(testRules, compiled);
    assert.is(v.status, 'passed', `${queryOffset}: ${describe(v)}`);
  }
});

test('tests not moved by the offset fail: promtool sees the rules read older data: the judge sees the difference', async () => {
  const compiled = compileValid(jobs({ queryOffset: '10m' }));
  const stale = new Map(compiled.files);
  stale.set('prometheus/tests/alerts.test.yml', compileValid(jobs()).files.get('prometheus/tests/alerts.test.yml')!);
  const v = await judged(testRules, { ...compiled, files: stale });
  assert.is(v.status, 'failed', describe(v));
});

test('the operator\'s PrometheusRule carries them too, by the operator\'s schema', async () => {
  const compiled = compileValid(jobs({ queryOffset: '1m' }));
  const rule = [...compiled.files].find(([p, t]) => p.startsWith('kubernetes/operator/') && t.includes('kind: PrometheusRule'));
  assert.ok(rule, 'a PrometheusRule is emitted');
  assert.match(rule[1], /query_offset: 1m/);
  assert.match(rule[1], /labels:\n\s+team: payments\n\s+tier: backend/);
  const v = await judged(checkManifests, compiled);
  assert.is(v.status, 'passed', describe(v));
});

test('a query offset on a Prometheus 2 target, one that is not a duration, and a bad group label name are located errors, once per group', () => {
  const two = issuesOf(jobs({ prometheus: '2', queryOffset: '1m' })).filter((i) => i.code === 'rules/target');
  assert.is(two.length, 2);
  assert.is(two[1]!.where.line, lineOf(import.meta.url, '// MARK-group'));
  assert.match(two[0]!.hint, /prometheus: '3'/);
  const bad = issuesOf(jobs({ queryOffset: 'a minute' })).filter((i) => i.code === 'rules/invalid-duration');
  assert.is(bad.length, 2);
  assert.is(bad[0]!.where.line, lineOf(import.meta.url, '// MARK-recorded'));
  const named = issuesOf(jobs({ labels: { __team: 'payments' } })).filter((i) => i.code === 'naming/label-name');
  assert.is(named.length, 2, 'once per group, not once per rule');
  assert.equal(named[0]!.path.slice(-1), ['label __team']);
  const utf8 = issuesOf(jobs({ prometheus: '2', labels: { 'team.name': 'payments' } })).filter((i) => i.code === 'naming/utf8');
  assert.is(utf8.length, 2, 'a UTF-8 name on a Prometheus 2 target: once per group');
});

test.run();
