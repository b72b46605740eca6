// withLabels(): a catalog whose every series gains labels added on the way in (federation, relabelling).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { catalog, counterSeries, histogramSeries, withLabels } from '../../dsl/catalog.ts';
import { kubeStateMetrics as ksm } from '../../dsl/catalogs/kube-state-metrics.ts';
import { alert, histogramQuantile, input, promql, rate, record, ruleGroup, ruleTest, stack, sum } from '../../dsl/index.ts';
import type { Recording } from '../../dsl/rules.ts';
import { stackIndex } from '../../compiler/promql/analyze.ts';
import { validate } from '../../compiler/validate/index.ts';
import { toModel } from '../../dsl/to-model.ts';
import { runCases } from '../validate/cases.ts';
import { passesPromtool, testOf } from './helpers.ts';

const clusterKsm = withLabels(ksm, 'cluster');

test('every entry of the new catalog carries the added label; the catalog passed in is unchanged', () => {
  const before = JSON.stringify(ksm.entries);
  const federated = withLabels(ksm, 'cluster', 'region');
  assert.is(JSON.stringify(ksm.entries), before);
  assert.ok(ksm.entries.every((e) => !e.labels.includes('cluster')));
  assert.is(federated.entries.length, ksm.entries.length);
  assert.is(federated.catalogName, ksm.catalogName, 'still kube-state-metrics: its exporter is deployed the same');
  for (const [i, e] of federated.entries.entries()) {
    const own = ksm.entries[i]!;
    assert.equal(e.labels, [...new Set([...own.labels, 'cluster', 'region'])].sort(), e.name);
    assert.equal({ ...e, labels: own.labels }, own);
  }
});

test('withLabels keeps a histogram a histogram, and a label it already has is not doubled', () => {
  const c = catalog('c', { req_seconds: histogramSeries('Latency', ['verb']), req_total: counterSeries('Requests', ['verb', 'cluster']) });
  const w = withLabels(c, 'cluster');
  assert.equal(w.entries.map((e) => [e.name, e.type, e.labels]), [
    ['req_seconds', 'histogram', ['cluster', 'instance', 'job', 'verb']],
    ['req_total', 'counter', ['cluster', 'instance', 'job', 'verb']],
  ]);
  assert.is(w.req_seconds.bucket.seriesName, 'req_seconds_bucket');
});

const withRules = (name: string, ...rules: Recording<string>[]) =>
  stack(name, { namespace: name, metrics: [], catalogs: [clusterKsm], groups: [ruleGroup('g', { rules })] });

test('the PromQL checks infer the added label through aggregations and matching', () => {
  const model = toModel(withRules('clusterlabels',
    record('cluster:kube_pod_container_status_restarts:rate5m', sum(rate(clusterKsm.kube_pod_container_status_restarts_total, '5m'), { by: ['cluster', 'namespace'] })),
    record('cluster:kube_node_not_ready:count', promql`count by (cluster) (${clusterKsm.kube_node_status_condition.where({ condition: 'Ready', status: 'true' })} == 0)`),
  ));
  // the second rule's derived test cannot be predicted (its steady inputs are never 0): only the PromQL checks matter here
  assert.equal(validate(model).filter((i) => !i.code.startsWith('rule-tests/')), []);
  const { series } = stackIndex(model).index;
  assert.equal([...series.get('cluster:kube_pod_container_status_restarts:rate5m')!.labels!].sort(), ['cluster', 'namespace']);
  assert.equal([...series.get('cluster:kube_node_not_ready:count')!.labels!], ['cluster']);
  assert.ok(series.get('kube_pod_info')!.labels!.has('cluster'));
});

test('a by (cluster) rule over the relabelled catalog compiles and its derived test passes promtool', async () => {
  const tests = await passesPromtool(withRules('clusterrules',
    record('cluster:kube_deployment_replicas_unavailable:sum', sum(clusterKsm.kube_deployment_status_replicas_unavailable, { by: ['cluster'] })),
    record('cluster:kube_pod_container_status_restarts:rate5m', sum(rate(clusterKsm.kube_pod_container_status_restarts_total, '5m'), { by: ['cluster', 'namespace'] })),
  ));
  const t = testOf(tests, 'cluster:kube_deployment_replicas_unavailable:sum');
  assert.ok(t.input_series.every((s) => /cluster="cluster-\d"/.test(s.series)), 'the inputs carry cluster');
  assert.ok(t.promql_expr_test[0]!.exp_samples.every((s) => /cluster="/.test(s.labels)));
});

test('a written test may feed the added label, and promtool runs it', async () => {
  const pods = clusterKsm.kube_pod_container_status_restarts_total;
  const labels = { cluster: 'eu-1', namespace: 'shop', pod: 'api-0', uid: 'u-1', container: 'api' };
  await passesPromtool(stack('clusteralert', {
    namespace: 'clusteralert', metrics: [], catalogs: [clusterKsm],
    groups: [ruleGroup('g', { rules: [alert({
      name: 'ClusterContainerRestarting', severity: 'warning', for: '5m', summary: 'restarts', description: 'restarts in {{ $labels.cluster }}',
      expr: promql`${sum(rate(pods, '15m'), { by: ['cluster'] })} > 0`,
      tests: [
        ruleTest({ name: 'restarts in one cluster fire', input: [input(pods, labels, '0+1x120')], at: '20m', expect: [{ labels: { cluster: 'eu-1' }, value: 1 / 15 }] }),
        ruleTest({ name: 'no restarts stay silent', input: [input(pods, labels, '3x120')], at: '20m', expect: [] }),
      ],
    })] })],
  }));
});

const bad = (rule: Recording<string>) => stack('bad', { namespace: 'bad', metrics: [], catalogs: [clusterKsm], groups: [ruleGroup('g', { rules: [rule] })] });
const apiserver = withLabels(catalog('apiserver', { apiserver_request_duration_seconds: histogramSeries('Latency', ['verb']) }), 'cluster');

runCases(import.meta.url, [
  { name: 'a misspelt added label', code: 'promql/unknown-label', message: /label "clustr" does not exist on the input of sum/, hint: /did you mean "cluster"/,
    marker: 'at:clustr', stack: () => bad(record('x:pods', promql`sum by (clustr) (kube_pod_info)`)) }, // at:clustr
  { name: 'the added label, aggregated away, is gone', code: 'promql/unknown-label', message: /label "cluster" does not exist on the input of max/,
    marker: 'at:gone', stack: () => bad(record('x:pods', promql`max by (cluster) (sum by (namespace) (kube_pod_info))`)) }, // at:gone
  { name: 'histogram_quantile over a relabelled catalog histogram keeping cluster but not le', code: 'promql/histogram-quantile', message: /argument drops it/,
    marker: 'at:hq', stack: () => stack('bad', { namespace: 'bad', metrics: [], catalogs: [apiserver], groups: [ruleGroup('g', { rules: [
      record('cluster:x:p99', histogramQuantile(0.99, promql`sum by (cluster) (${rate(apiserver.apiserver_request_duration_seconds.bucket, '5m')})`)), // at:hq
    ] })] }) },
]);

test.run();
