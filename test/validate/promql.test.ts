import { test } from 'uvu';
import { alert, counter, gauge, histogram, promql, record, ruleGroup, stack } from '../../dsl/index.ts';
import { kubeStateMetrics as ksm } from '../../dsl/catalogs/kube-state-metrics.ts';
import type { Recording } from '../../dsl/rules.ts';
import { runCases } from './cases.ts';

const requests = counter({ name: 'http_requests_total', help: 'Requests', labels: ['method', 'route', 'status'] });
const succeeded = counter({ name: 'jobs_succeeded_total', help: 'Succeeded', labels: ['job_type'] });
const actions = counter({ name: 'jobs_total', help: 'Actions', labels: ['job_type', 'status'] });
const errors = gauge({ name: 'queue_fill_percent', help: 'Queue fill', unit: 'percent' });
const latency = histogram({ name: 'wait_time_seconds', help: 'Latency', unit: 'seconds', labels: ['route'], buckets: [0.1, 1] });

const bad = (...rules: Recording<string>[]) =>
  stack('bad', { namespace: 'bad', metrics: [requests, succeeded, actions, errors, latency], catalogs: [ksm], groups: [ruleGroup('g', { rules })] });

runCases(import.meta.url, [
  { name: 'syntax error at its column', code: 'promql/syntax', message: /PromQL syntax error/, column: 37,
    marker: 'at:syntax', stack: () => bad(record('job:x:rate5m', promql`sum(rate(http_requests_total[5m])) +`)) }, // at:syntax
  { name: 'series that nothing exports (a histogram named without its unit)', code: 'promql/unknown-series', message: /series "wait_time_bucket" is not exported/,
    hint: /wait_time_seconds_bucket/, column: 31,
    marker: 'at:unknown', stack: () => bad(record('job:x:p95', promql`histogram_quantile(0.95, rate(wait_time_bucket[5m]))`)) }, // at:unknown
  { name: 'bare histogram name', code: 'promql/bare-histogram', message: /is a histogram: it has no series of that bare name/,
    marker: 'at:bare', stack: () => bad(record('job:x:max', promql`max(wait_time_seconds)`)) }, // at:bare
  { name: 'selector without a name', code: 'promql/no-metric-name', message: /does not name a series/,
    marker: 'at:noname', stack: () => bad(record('job:x:count', promql`count({job="x"})`)) }, // at:noname
  { name: 'unknown label in a matcher', code: 'promql/unknown-label', message: /label "stauts" does not exist on http_requests_total/, hint: /did you mean "status"/, column: 25,
    marker: 'at:matcher', stack: () => bad(record('job:x:errors', promql`sum(http_requests_total{stauts="500"})`)) }, // at:matcher
  { name: 'unknown label in by()', code: 'promql/unknown-label', message: /label "endpoint" does not exist on the input of sum/,
    marker: 'at:by', stack: () => bad(record('job:x:by', promql`sum by (endpoint) (rate(http_requests_total[5m]))`)) }, // at:by
  { name: 'label aggregated away before by()', code: 'promql/unknown-label', message: /label "method" does not exist on the input of max/,
    marker: 'at:nested', stack: () => bad(record('job:x:nested', promql`max by (method) (sum by (route) (rate(http_requests_total[5m])))`)) }, // at:nested
  { name: 'unknown label in on()', code: 'promql/unknown-label', message: /label "node" does not exist on either side/,
    marker: 'at:on', stack: () => bad(record('job:x:on', promql`rate(http_requests_total[5m]) / on (node) rate(http_requests_total[5m])`)) }, // at:on
  { name: 'kube-state-metrics v1 label', code: 'promql/unknown-label', message: /label "hpa" does not exist/, hint: /horizontalpodautoscaler/,
    marker: 'at:hpa', stack: () => bad(record('job:x:hpa', promql`max(kube_horizontalpodautoscaler_spec_max_replicas{hpa="x"})`)) }, // at:hpa
  { name: 'rate over a gauge', code: 'promql/rate-over-gauge', message: /rate\(\) needs a counter, but queue_fill_percent is a gauge/, hint: /deriv/,
    marker: 'at:rate-gauge', stack: () => bad(record('job:x:rate', promql`rate(queue_fill_percent[5m])`)) }, // at:rate-gauge
  { name: 'increase over a recording rule', code: 'promql/rate-over-gauge', message: /increase\(\) needs a counter, but job:requests:rate5m is a gauge/,
    marker: 'at:rate-rec', stack: () => bad(record('job:requests:rate5m', promql`sum(rate(http_requests_total[5m]))`), record('job:x:inc', promql`increase(job:requests:rate5m[1h])`)) }, // at:rate-rec
  { name: 'deriv over a counter', code: 'promql/gauge-function-over-counter', message: /deriv\(\) is for gauges, but http_requests_total is a counter/,
    marker: 'at:deriv', stack: () => bad(record('job:x:deriv', promql`deriv(http_requests_total[5m])`)) }, // at:deriv
  { name: 'rate window shorter than two scrapes', code: 'promql/range-too-short', message: /fewer than two samples/, hint: /60s/,
    marker: 'at:short', stack: () => bad(record('job:x:short', promql`rate(http_requests_total[20s])`)) }, // at:short
  { name: 'histogram_quantile over something that is not buckets', code: 'promql/histogram-quantile', message: /needs histogram buckets/,
    marker: 'at:hq-counter', stack: () => bad(record('job:x:hq', promql`histogram_quantile(0.9, rate(http_requests_total[5m]))`)) }, // at:hq-counter
  { name: 'histogram_quantile after an aggregation that drops le', code: 'promql/histogram-quantile', message: /argument drops it/,
    marker: 'at:hq-le', stack: () => bad(record('job:x:hq', promql`histogram_quantile(0.9, sum by (route) (rate(wait_time_seconds_bucket[5m])))`)) }, // at:hq-le
  { name: 'histogram_quantile over raw bucket counters', code: 'promql/histogram-quantile', message: /since the process started/,
    marker: 'at:hq-raw', stack: () => bad(record('job:x:hq', promql`histogram_quantile(0.9, wait_time_seconds_bucket)`)) }, // at:hq-raw
  { name: 'one-to-one match that never matches (a success ratio)', code: 'promql/vector-matching', message: /only the right has status/, hint: /sum by \([^)]*job_type/,
    marker: 'at:vector-match', stack: () => bad(record('job:x:ratio', promql`rate(jobs_succeeded_total[5m]) / rate(jobs_total[5m])`)) }, // at:vector-match
  { name: 'invalid range', code: 'promql/invalid-duration', message: /"0s" is not a valid range/,
    marker: 'at:range', stack: () => bad(record('job:x:r', promql`avg_over_time(queue_fill_percent[0s])`)) }, // at:range
]);

// The fixed versions of these mistakes compile without issues: the checks do not over-report.
test('the corrected expressions are clean', async () => {
  const { issuesOf } = await import('../helpers/stack.ts');
  const assert = await import('uvu/assert');
  const def = bad(
    record('job:x:p95', promql`histogram_quantile(0.95, sum by (le) (rate(wait_time_seconds_bucket[5m])))`),
    record('job:x:ratio', promql`sum by (job_type) (rate(jobs_succeeded_total[5m])) / sum by (job_type) (rate(jobs_total[5m]))`),
    record('job:x:ignoring', promql`sum by (job_type, status) (rate(jobs_total[5m])) / ignoring (status) group_left sum by (job_type) (rate(jobs_total[5m]))`),
    record('job:x:deriv', promql`deriv(queue_fill_percent[5m])`),
    record('job:x:hpa', promql`kube_horizontalpodautoscaler_status_current_replicas >= kube_horizontalpodautoscaler_spec_max_replicas`),
    record('job:x:replace', promql`label_replace(rate(http_requests_total[5m]), "path", "$1", "route", "(.*)")`),
  );
  // the checks under test here; whether stackc can derive rule tests for these is test/rule-tests' subject
  const checked = (i: { code: string }) => !i.code.startsWith('rule-tests/');
  assert.equal(issuesOf(def).filter(checked).map((i) => `${i.code}: ${i.message}`), []);
  const alerts = stack('bad', { namespace: 'bad', metrics: [requests], groups: [ruleGroup('g', { rules: [
    alert({ name: 'X', expr: promql`sum by (route) (rate(http_requests_total[5m])) > 1`, severity: 'warning', summary: 's', description: '{{ $labels.route }}' }),
  ] })] });
  assert.equal(issuesOf(alerts).filter(checked), []);
});

test.run();
