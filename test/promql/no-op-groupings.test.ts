// `without (x)` and `ignoring (x)` of a label the series do not carry change nothing, and Prometheus runs them: mixins
// write a defensive `sum without (instance, pod)` over series that lack one of them. They compile; promtool agrees on
// the results. `by (x)` and `on (x)` of a missing label change the result's meaning and stay errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { catalog, counterSeries, gaugeSeries, input, promql, record, ruleGroup, ruleTest, stack } from '../../dsl/index.ts';
import { issuesOf } from '../helpers/stack.ts';
import { described, promtool } from './promtool.ts';

const hosts = catalog('hosts', {
  host_cpu_seconds_total: counterSeries('CPU time', ['cpu', 'mode']),
  host_up: gaugeSeries('Whether the host answers', []),
});
// two CPUs at 1 s/s each; Prometheus 3 sums the two rates to 1.9999999999999998
const inputs = [
  input(hosts.host_cpu_seconds_total, { cpu: '0', mode: 'user' }, '0+15x40'),
  input(hosts.host_cpu_seconds_total, { cpu: '1', mode: 'user' }, '0+15x40'),
  input(hosts.host_up, { instance: 'h1', job: 'hosts' }, '1x40'),
];
const rules = (rate: ReturnType<typeof promql>, ratio: ReturnType<typeof promql>) => stack('hosts', {
  namespace: 'hosts', metrics: [], catalogs: [hosts],
  groups: [ruleGroup('hosts', {
    rules: [
      record('mode:host_cpu:rate5m', rate, { tests: [ruleTest({ name: 'two cpus', input: inputs, at: '8m', expect: [{ labels: { mode: 'user' }, value: 1.9999999999999998 }] })] }),
      record('host:up:ratio', ratio, { tests: [ruleTest({ name: 'up', input: inputs, at: '8m', expect: [{ labels: { instance: 'h1', job: 'hosts' }, value: 1 }] })] }),
    ],
  })],
});

test('without and ignoring a label the series lack compile, and promtool computes what the tests expect', async () => {
  const def = rules(promql`sum without (cpu, instance, job, pod) (rate(host_cpu_seconds_total[5m]))`, promql`host_up / ignoring (pod) host_up`);
  assert.equal(issuesOf(def).map((i) => `${i.code}: ${i.message}`), []);
  const { check, test: tests } = await promtool(def);
  assert.is(check.status, 'passed', described(check));
  assert.is(tests.status, 'passed', described(tests));
});

test('by and on a label the series lack stay errors: they change what the rule computes', () => {
  const codes = (def: ReturnType<typeof rules>) => issuesOf(def).filter((i) => i.code === 'promql/unknown-label').map((i) => i.message);
  assert.match(codes(rules(promql`sum by (pod) (rate(host_cpu_seconds_total[5m]))`, promql`host_up`))[0] ?? '', /label "pod" does not exist on the input of sum\(\)/);
  assert.match(codes(rules(promql`sum by (mode) (rate(host_cpu_seconds_total[5m]))`, promql`host_up / on (pod) host_up`))[0] ?? '', /label "pod" does not exist on either side/);
});

test.run();
