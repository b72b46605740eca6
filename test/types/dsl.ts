// Type tests: each `@ts-expect-error` line must fail to compile, or `tsc --noEmit` fails on the unused directive.
// Lines without the directive must compile. Never executed.
import {
  alert, alertsFrom, avgOverTime, counter, gauge, histogram, histogramQuantile, increase, promql, rate, record, ruleGroup, stack, sum,
} from '../../dsl/index.ts';
import { kubeStateMetrics as ksm } from '../../dsl/catalogs/kube-state-metrics.ts';

const requests = counter({ name: 'http_requests_total', help: 'Requests', labels: ['method', 'route', 'status'] });
const disk = gauge({ name: 'disk_usage_percent', help: 'Disk', unit: 'percent', thresholds: { warning: { above: 80, for: '2m' } } });
const latency = histogram({ name: 'http_request_duration_seconds', help: 'Latency', unit: 'seconds', labels: ['route'], buckets: [0.1, 1] });

// labels are literal types: matchers, by() and without() only accept labels the series has
requests.where({ status: /5../, method: 'GET' });
// @ts-expect-error 'stauts' is not a label of http_requests_total
requests.where({ stauts: /5../ });
sum(rate(requests, '5m'), { by: ['route', 'pod'] });
// @ts-expect-error 'endpoint' is not a label of http_requests_total
sum(rate(requests, '5m'), { by: ['endpoint'] });
// @ts-expect-error 'code' is not a label of http_requests_total
sum(rate(requests, '5m'), { without: ['code'] });
// the result of by() carries only the kept labels
// @ts-expect-error 'method' was aggregated away
sum(sum(rate(requests, '5m'), { by: ['route'] }), { by: ['method'] });

// a misspelt label in an alert is a compile error
alert({
  name: 'ManyServerErrors',
  // @ts-expect-error 'stauts' is not a label of http_requests_total
  expr: promql`${sum(rate(requests.where({ stauts: /5../ }), '5m'))} > 1`,
  severity: 'warning', summary: 's', description: 'd',
});

// rate(), increase() only over counters and histogram parts
rate(requests, '5m');
rate(latency.bucket, '5m');
increase(latency.count, '1h');
// @ts-expect-error rate() over a gauge
rate(disk, '5m');
// @ts-expect-error a histogram has no bare series
rate(latency, '5m');
// *_over_time() over gauges
avgOverTime(disk, '5m');
// @ts-expect-error avg_over_time() over a counter
avgOverTime(requests, '5m');

// histogram_quantile() only over inputs that keep le
histogramQuantile(0.95, sum(rate(latency.bucket, '5m'), { by: ['le', 'route'] }));
// @ts-expect-error the aggregation drops le
histogramQuantile(0.95, sum(rate(latency.bucket, '5m'), { by: ['route'] }));
// @ts-expect-error counters have no le
histogramQuantile(0.95, rate(requests, '5m'));

// durations are checked
// @ts-expect-error '5 minutes' is not a PromQL duration
rate(requests, '5 minutes');

// derived alerts only for the levels a series declares
alertsFrom(disk, { warning: { name: 'DiskFilling' } });
// @ts-expect-error disk_usage_percent has no critical threshold
alertsFrom(disk, { critical: { name: 'DiskFull' } });
// @ts-expect-error counters take no thresholds: record a rate and threshold that
counter({ name: 'errors_total', help: 'Errors', thresholds: { warning: { above: 1 } } });

// recording rules keep the labels of their expression
const byRoute = record('route:requests:rate5m', sum(rate(requests, '5m'), { by: ['route'] }));
byRoute.where({ route: '/api' });
// @ts-expect-error the recording rule has no method label
byRoute.where({ method: 'GET' });

// catalog series are typed too
ksm.kube_pod_status_phase.where({ phase: 'Running', namespace: 'x' });
// @ts-expect-error kube-state-metrics v2 has no 'hpa' label on this series
ksm.kube_horizontalpodautoscaler_spec_max_replicas.where({ hpa: 'x' });

stack('types', { namespace: 'types', metrics: [requests, disk, latency], groups: [ruleGroup('g', { rules: [byRoute] })] });
