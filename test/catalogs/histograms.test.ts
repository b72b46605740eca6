// Catalog histograms and summaries: queried through their parts like own ones, checked like own ones, and their
// derived recording-rule tests feed cumulative le buckets that promtool agrees with.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { catalog, counterSeries, histogramSeries, summarySeries } from '../../dsl/catalog.ts';
import { histogramQuantile, promql, rate, record, ruleGroup, stack, sum } from '../../dsl/index.ts';
import type { Recording } from '../../dsl/rules.ts';
import { livePlan } from '../../compiler/verify/live-plan.ts';
import { compileValid, issuesOf } from '../helpers/stack.ts';
import { runCases } from '../validate/cases.ts';
import { passesPromtool, testOf } from './helpers.ts';

const apiserver = catalog('apiserver', {
  apiserver_request_duration_seconds: histogramSeries('Response latency of the API server', ['verb', 'resource']),
  apiserver_admission_webhook_latency_seconds: summarySeries('Admission webhook latency', ['name']),
  apiserver_request_total: counterSeries('Requests to the API server', ['verb', 'code']),
});
const latency = apiserver.apiserver_request_duration_seconds;
const webhook = apiserver.apiserver_admission_webhook_latency_seconds;

const withRules = (name: string, ...rules: Recording<string>[]) =>
  stack(name, { namespace: name, metrics: [], catalogs: [apiserver], groups: [ruleGroup('g', { rules })] });

test('histogram_quantile over a catalog histogram\'s buckets compiles and its derived test passes promtool', async () => {
  const tests = await passesPromtool(withRules('cathist',
    record('apiserver:request_duration_seconds:p99', histogramQuantile(0.99, sum(rate(latency.bucket, '5m'), { by: ['le'] }))),
    record('verb:apiserver_request_duration_seconds:p50', histogramQuantile(0.5, sum(rate(latency.bucket, '5m'), { by: ['le', 'verb'] }))),
    record('apiserver:request_duration_seconds:mean', promql`${sum(rate(latency.sum, '5m'))} / ${sum(rate(latency.count, '5m'))}`),
  ));
  const p99 = testOf(tests, 'apiserver:request_duration_seconds:p99');
  const buckets = p99.input_series.filter((s) => s.series.startsWith('apiserver_request_duration_seconds_bucket{'));
  const les = buckets.map((s) => /le="([^"]+)"/.exec(s.series)?.[1]);
  assert.ok(les.every((le) => le !== undefined), 'every bucket input has an le');
  assert.ok(les.includes('+Inf'), 'the +Inf bucket is fed');
  // cumulative: within one label set, the per-step growth never falls as le rises
  const growth = (values: string) => Number(/^0\+([0-9.e-]+)x/.exec(values)?.[1] ?? NaN);
  const bySet = new Map<string, { le: number; growth: number }[]>();
  for (const s of buckets) {
    const le = /le="([^"]+)"/.exec(s.series)![1]!;
    const key = s.series.replace(/,? ?le="[^"]+"/, '');
    bySet.set(key, [...(bySet.get(key) ?? []), { le: le === '+Inf' ? Infinity : Number(le), growth: growth(s.values) }]);
  }
  assert.is(bySet.size, 2, 'two label sets, so the aggregation is exercised');
  for (const rows of bySet.values()) {
    const sorted = rows.sort((a, b) => a.le - b.le).map((r) => r.growth);
    assert.ok(sorted.every((g, i) => i === 0 || g >= sorted[i - 1]!), `cumulative buckets: ${sorted.join(', ')}`);
    assert.ok(sorted.at(-1)! > 0);
  }
  assert.ok(p99.promql_expr_test[0]!.exp_samples.length > 0);
});

test('a catalog summary\'s quantiles keep quantile, its sum and count take rate(), and promtool agrees', async () => {
  const tests = await passesPromtool(withRules('catsum',
    record('quantile:apiserver_admission_webhook_latency_seconds:max', promql`max by (quantile) (${webhook.quantiles})`),
    record('apiserver:admission_webhook_latency_seconds:mean', promql`${sum(rate(webhook.sum, '5m'))} / ${sum(rate(webhook.count, '5m'))}`),
  ));
  const max = testOf(tests, 'quantile:apiserver_admission_webhook_latency_seconds:max');
  assert.ok(max.input_series.every((s) => /quantile="/.test(s.series)));
});

test('querying a catalog histogram\'s parts by hand is as valid as through the DSL', () => {
  const issues = issuesOf(withRules('cathand',
    record('apiserver:request_duration_seconds:p90', promql`histogram_quantile(0.9, sum without (verb, resource, job, instance) (rate(apiserver_request_duration_seconds_bucket[5m])))`),
    record('apiserver:admission_webhook_latency_seconds:p99', promql`max(apiserver_admission_webhook_latency_seconds{quantile="0.99"})`),
  )).filter((i) => !i.code.startsWith('rule-tests/'));
  assert.equal(issues, []);
});

test('the live judge knows a catalog histogram\'s parts exist only in a cluster, and does not run rules over them here', () => {
  const { model } = compileValid(withRules('catlive', record('apiserver:request_duration_seconds:p99', histogramQuantile(0.99, sum(rate(latency.bucket, '5m'), { by: ['le'] })))));
  const plan = livePlan(model);
  assert.equal(plan.recordings, []);
  assert.match(plan.recordingsExcluded[0]!.reason, /needs apiserver_request_duration_seconds_bucket \(apiserver\), scraped only in a cluster/);
});

const bad = (rule: Recording<string>) => stack('bad', { namespace: 'bad', metrics: [], catalogs: [apiserver], groups: [ruleGroup('g', { rules: [rule] })] });

runCases(import.meta.url, [
  { name: 'a catalog histogram\'s bare name', code: 'promql/bare-histogram', message: /apiserver_request_duration_seconds is a histogram \(catalog apiserver\): it has no series of that bare name/,
    hint: /apiserver_request_duration_seconds_bucket .*\.bucket, \.sum, \.count/,
    marker: 'at:bare', stack: () => bad(record('apiserver:x:max', promql`max(apiserver_request_duration_seconds)`)) }, // at:bare
  { name: 'histogram_quantile over a catalog histogram after dropping le', code: 'promql/histogram-quantile', message: /needs the le label, but its argument drops it/,
    marker: 'at:drop-le', stack: () => bad(record('verb:x:p99', promql`histogram_quantile(0.99, sum by (verb) (${rate(latency.bucket, '5m')}))`)) }, // at:drop-le
  { name: 'le on a catalog histogram\'s sum', code: 'promql/unknown-label', message: /label "le" does not exist on apiserver_request_duration_seconds_sum/,
    marker: 'at:sum-le', stack: () => bad(record('x:sum', promql`sum(apiserver_request_duration_seconds_sum{le="1"})`)) }, // at:sum-le
  { name: 'rate over a catalog summary\'s quantiles', code: 'promql/rate-over-gauge', message: /rate\(\) needs a counter, but apiserver_admission_webhook_latency_seconds is a gauge \(catalog apiserver\)/,
    marker: 'at:rate-quantiles', stack: () => bad(record('x:rate', promql`rate(apiserver_admission_webhook_latency_seconds[5m])`)) }, // at:rate-quantiles
]);

test.run();
