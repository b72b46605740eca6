// Declared label values at compile time: a matcher no declared value satisfies is an error at its place in the
// stack (with "did you mean"), as are a label with no values, a repeated value, and more declared combinations
// than the cardinality limit when the registries start them all at 0. Open labels and `!=""` stay valid.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { alert, counter, gauge, increase, open, promql, rate, ruleGroup, ruleTest, input, stack, sum } from '../../dsl/index.ts';
import { kubeStateMetrics as ksm } from '../../dsl/catalogs/kube-state-metrics.ts';
import { issuesOf, lineOf } from '../helpers/stack.ts';

const phases = ['Pending', 'Running', 'Succeeded', 'Failed'] as const;
const pods = gauge({ name: 'pods_in_phase', help: 'Pods by phase', labels: { phase: phases, node: open } });
const jobs = counter({ name: 'jobs_total', help: 'Jobs', labels: { queue: ['mail', 'billing'] } });

const withExpr = (expr: ReturnType<typeof promql>) => stack('pods', {
  namespace: 'pods', metrics: [pods, jobs],
  groups: [ruleGroup('pods', {
    rules: [alert({
      name: 'PodsStuck', severity: 'warning', summary: 'Pods stuck', description: 'Pods stuck', expr,
      tests: [
        ruleTest({ name: 'fires', input: [input(pods, { phase: 'Pending', node: 'n1' }, '3x20')], at: '2m', expect: [{ value: 3 }] }),
        ruleTest({ name: 'quiet', input: [], at: '2m', expect: [] }),
      ],
    })],
  })],
});
const undeclared = (def: ReturnType<typeof withExpr>) => issuesOf(def).filter((i) => i.code === 'promql/undeclared-value');

test('a typo in a matcher value is an error at the expression, with the closest declared value', () => {
  const found = undeclared(withExpr(promql`sum(pods_in_phase{phase="Runing"}) > 0`)); // MARK-typo
  assert.is(found.length, 1);
  assert.is(found[0]!.where.line, lineOf(import.meta.url, '// MARK-typo'));
  assert.match(found[0]!.message, /"Runing" matches none of the values gauge pods_in_phase declares for phase \(Pending, Running, Succeeded, Failed\), so the matcher selects nothing/);
  assert.match(found[0]!.hint, /^did you mean "Running"/);
  assert.is(found[0]!.expr!.text.slice(found[0]!.expr!.from, found[0]!.expr!.to), 'phase="Runing"');
});

test('a regex no declared value satisfies, and a != that excludes nothing, are errors too', () => {
  assert.equal(undeclared(withExpr(promql`sum(pods_in_phase{phase=~"Run.*|Wait.*"}) > 0`)), [], 'a regex one declared value satisfies is fine');
  const regex = undeclared(withExpr(promql`sum(pods_in_phase{phase=~"Wait.*"}) > 0`));
  assert.match(regex[0]!.message, /the regex "Wait\.\*" matches none/);
  const not = undeclared(withExpr(promql`sum(pods_in_phase{phase!="Runnning"}) > 0`));
  assert.match(not[0]!.message, /so the matcher excludes nothing/);
});

test('declared values that match, open labels, and != "" compile', () => {
  for (const expr of [
    promql`sum(pods_in_phase{phase="Pending", node="any-node"}) > 0`,
    promql`sum(pods_in_phase{phase!~"Succeeded|Failed", node!=""}) > 0`,
    promql`sum(${pods.where({ phase: /Pend.*/ })}) > 0`,
    promql`sum(${rate(jobs.where({ queue: 'mail' }), '5m')}) > 0`,
  ]) assert.equal(undeclared(withExpr(expr)), []);
});

test('no values, a repeated value, and more combinations than the limit are errors at the metric', () => {
  const empty = counter({ name: 'a_total', help: 'A', labels: { kind: [] } });
  const twice = counter({ name: 'b_total', help: 'B', labels: { kind: ['x', 'x'] } });
  const many = counter({ name: 'c_total', help: 'C', cardinalityLimit: 10, labels: { x: ['1', '2', '3', '4'], y: ['1', '2', '3'] } }); // MARK-many
  const issues = issuesOf(stack('m', { namespace: 'm', metrics: [empty, twice, many], groups: [] }));
  assert.ok(issues.some((i) => i.code === 'labels/no-values' && i.message.includes('a_total')));
  assert.ok(issues.some((i) => i.code === 'labels/duplicate-value' && i.message.includes('"x"')));
  const over = issues.find((i) => i.code === 'labels/initial-series')!;
  assert.match(over.message, /declares 12 label combinations \(4 x × 3 y\), more than its cardinalityLimit of 10/);
  assert.is(over.where.line, lineOf(import.meta.url, '// MARK-many'));
  assert.not.ok(issuesOf(stack('m', { namespace: 'm', metrics: [many], groups: [], initialSeries: false })).some((i) => i.code === 'labels/initial-series'));
});

test('a catalog\'s documented values are checked too: kube-state-metrics\' phase="Runing" fails compile', () => {
  const phase = stack('k', { namespace: 'k', metrics: [], catalogs: [ksm], groups: [ruleGroup('k', { rules: [alert({
    name: 'PodsPending', severity: 'warning', summary: 's', description: 'd', expr: promql`sum(kube_pod_status_phase{phase="Runing"}) > 0`, // MARK-ksm
    tests: [ruleTest({ name: 'q', input: [], at: '1m', expect: [] }), ruleTest({ name: 'f', input: [input(ksm.kube_pod_status_phase, { phase: 'Running', namespace: 'n', pod: 'p', uid: 'u' }, '1x10')], at: '1m', expect: [{ value: 1 }] })],
  })] })] });
  const found = undeclared(phase);
  assert.is(found.length, 1);
  assert.is(found[0]!.where.line, lineOf(import.meta.url, '// MARK-ksm'));
  assert.match(found[0]!.message, /catalog kube-state-metrics declares for phase/);
  assert.match(found[0]!.hint, /^did you mean "Running"/);
});

test('increase() over a started counter is a valid rule', () => {
  const s = stack('q', { namespace: 'q', metrics: [jobs], groups: [ruleGroup('q', { rules: [alert({
    name: 'JobSeen', severity: 'info', summary: 's', description: 'd', expr: promql`${sum(increase(jobs, '5m'), { by: ['queue'] })} > 0`,
    tests: [ruleTest({ name: 'f', input: [input(jobs, { queue: 'mail' }, '0x30 1x10')], at: '10m', expect: [{ labels: { queue: 'mail' }, value: 1 }] }),
      ruleTest({ name: 'q', input: [input(jobs, { queue: 'mail' }, '0x40')], at: '10m', expect: [] })],
  })] })] });
  assert.equal(issuesOf(s), []);
});

test.run();
