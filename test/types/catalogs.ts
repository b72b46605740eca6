// Type tests of catalogs: each `@ts-expect-error` line must fail to compile, the others must compile. Never executed.
import { histogramQuantile, input, rate, sum } from '../../dsl/index.ts';
import { catalog, counterSeries, gaugeSeries, histogramSeries, summarySeries, withLabels } from '../../dsl/catalog.ts';
import { kubeStateMetrics as ksm } from '../../dsl/catalogs/kube-state-metrics.ts';

const apiserver = catalog('apiserver', {
  apiserver_request_duration_seconds: histogramSeries('Request latency', ['verb', 'resource']),
  go_gc_duration_seconds: summarySeries('GC pauses', []),
  apiserver_request_total: counterSeries('Requests', ['verb', 'code']),
  apiserver_current_inflight_requests: gaugeSeries('In-flight requests', ['request_kind']),
});

// a catalog histogram is queried through its parts, like an own histogram
histogramQuantile(0.99, sum(rate(apiserver.apiserver_request_duration_seconds.bucket, '5m'), { by: ['le', 'verb'] }));
rate(apiserver.apiserver_request_duration_seconds.sum, '5m');
rate(apiserver.apiserver_request_duration_seconds.count, '5m');
apiserver.apiserver_request_duration_seconds.bucket.where({ le: '+Inf', verb: 'GET' });
// @ts-expect-error a histogram has no bare series
rate(apiserver.apiserver_request_duration_seconds, '5m');
// @ts-expect-error the aggregation drops le
histogramQuantile(0.99, sum(rate(apiserver.apiserver_request_duration_seconds.bucket, '5m'), { by: ['verb'] }));
// @ts-expect-error sum and count have no le
apiserver.apiserver_request_duration_seconds.sum.where({ le: '1' });
// @ts-expect-error 'verbb' is not a label of the histogram
apiserver.apiserver_request_duration_seconds.bucket.where({ verbb: 'GET' });

// a catalog summary: quantiles carry `quantile`, sum and count are counters
sum(apiserver.go_gc_duration_seconds.quantiles, { by: ['quantile', 'job'] });
rate(apiserver.go_gc_duration_seconds.count, '5m');
// @ts-expect-error the quantiles are a gauge
rate(apiserver.go_gc_duration_seconds.quantiles, '5m');

// Prometheus sets le and quantile itself
// @ts-expect-error le is reserved on a histogram
histogramSeries('Latency', ['le', 'verb']);
// @ts-expect-error quantile is reserved on a summary
summarySeries('Pauses', ['quantile']);

// withLabels: every series of the new catalog carries the added labels, as literal types
const clusterKsm = withLabels(ksm, 'cluster');
sum(clusterKsm.kube_pod_info, { by: ['cluster', 'namespace'] });
sum(rate(clusterKsm.kube_pod_container_status_restarts_total, '5m'), { by: ['cluster'] });
sum(clusterKsm.kube_deployment_status_replicas_available, { by: ['cluster', 'deployment'] });
clusterKsm.kube_node_status_condition.where({ cluster: 'eu-1', condition: 'Ready' });
input(clusterKsm.kube_node_status_condition, { cluster: 'eu-1', node: 'n-1' }, '1x10');
// @ts-expect-error 'clustr' is not a label of any series
sum(clusterKsm.kube_pod_info, { by: ['clustr'] });
// @ts-expect-error the catalog passed in is unchanged: it has no cluster label
sum(ksm.kube_pod_info, { by: ['cluster'] });
// @ts-expect-error labels keep each series' own: kube_node_info has no pod
sum(clusterKsm.kube_node_info, { by: ['pod'] });

// withLabels reaches histogram and summary parts, and takes several labels
const federated = withLabels(apiserver, 'cluster', 'region');
histogramQuantile(0.99, sum(rate(federated.apiserver_request_duration_seconds.bucket, '5m'), { by: ['le', 'cluster', 'region'] }));
sum(federated.go_gc_duration_seconds.quantiles, { by: ['cluster', 'quantile'] });
// @ts-expect-error 'regoin' is not a label of the federated histogram
sum(rate(federated.apiserver_request_duration_seconds.count, '5m'), { by: ['regoin'] });
// @ts-expect-error le cannot be added to a whole catalog
withLabels(apiserver, 'le');
