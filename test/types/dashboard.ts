// Type-level guarantees of the dashboard DSL: checked by `tsc --noEmit -p .`; each @ts-expect-error line must not compile.
import { $namespace, dashboard, gauge, counter, histogram, histogramQuantile, panel, rate, rateInterval, scope, sum } from '../../dsl/index.ts';
import { kubeStateMetrics as ksm } from '../../dsl/catalogs/kube-state-metrics.ts';

const disk = gauge({ name: 'disk_usage_percent', help: 'Disk', unit: 'percent', labels: ['device'] });
const requests = counter({ name: 'http_requests_total', help: 'Requests', labels: ['route', 'status'] });
const latency = histogram({ name: 'http_request_duration_seconds', help: 'Latency', unit: 'seconds', buckets: [0.1, 1] });

export const ok = dashboard({
  uid: 'ok', title: 'OK',
  panels: [
    panel.timeseries(disk, { queries: [scope(disk).where({ device: 'sda' })] }),
    panel.timeseries(requests, { unit: 'requests/s', queries: [sum(rate(scope(requests), rateInterval), { by: ['route'] })] }),
    panel.heatmap(latency),
    panel.timeseries({ title: 'p95', queries: [histogramQuantile(0.95, sum(rate(latency.bucket, rateInterval), { by: ['le'] }))] }),
    panel.stat({ title: 'Pods', queries: [sum(ksm.kube_pod_status_phase.where({ namespace: $namespace }))] }),
  ],
});

// @ts-expect-error a misspelt label in a panel query's matcher
scope(requests).where({ stauts: '500' });
// @ts-expect-error by() over a label the series does not have
sum(rate(requests, rateInterval), { by: ['service'] });
// @ts-expect-error rate() of a gauge
rate(disk, rateInterval);
// @ts-expect-error scope() needs a pod label: kube_deployment_spec_replicas has none
scope(ksm.kube_deployment_spec_replicas);
// @ts-expect-error a unit Grafana panels do not know
panel.gauge(disk, { unit: 'celsius' });
// @ts-expect-error a panel without a subject needs a title and queries
panel.timeseries({ unit: 'percent' });
// @ts-expect-error a histogram has no bare series to query
panel.timeseries({ title: 'x', queries: [latency] });
