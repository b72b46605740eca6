// Series the Kubernetes API server exposes on /metrics that kubernetes-mixin's apiserver rules, SLO burn rates and
// dashboards read. Names, types and labels are those of the Kubernetes metrics reference (kubernetes/website
// docs/reference/instrumentation/metrics.md); most are STABLE, the ALPHA ones are marked. The API server cannot run
// here, so nothing checks them against a live one. No manifest deploys it: a stack scrapes its cluster's.
import { catalog, counterSeries, gaugeSeries, histogramSeries } from '../catalog.ts';

// what a request is about; `component` is apiserver, or apiextensions-apiserver for CRDs' requests
const request = ['component', 'group', 'resource', 'scope', 'subresource', 'verb', 'version'] as const;
const admission = ['name', 'operation', 'rejected', 'type'] as const;

export const apiserver = catalog('apiserver', {
  // requests: availability and latency SLOs (apiserver_request:availability30d, KubeAPIErrorBudgetBurn)
  apiserver_request_total: counterSeries('Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code', [...request, 'code', 'dry_run']),
  apiserver_request_duration_seconds: histogramSeries('Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component', [...request, 'dry_run']),
  /** BETA: the latency the API server's SLI counts, excluding webhooks and priority-and-fairness queueing. */
  apiserver_request_sli_duration_seconds: histogramSeries('Response latency distribution (not counting webhook duration and priority & fairness queue wait times) in seconds', request),
  apiserver_response_sizes: histogramSeries('Response size distribution in bytes for each group, version, verb, resource, subresource, scope and component', request),
  apiserver_current_inflight_requests: gaugeSeries('Maximal number of currently used inflight request limit of this apiserver per request kind in last second', ['request_kind']),
  apiserver_longrunning_requests: gaugeSeries('Gauge of all active long-running apiserver requests broken out by verb, group, version, resource, scope and component', request),
  /** ALPHA: requests the API server ended early (KubeAPITerminatedRequests). */
  apiserver_request_terminations_total: counterSeries('Number of requests which apiserver terminated in self-defense', [...request, 'code']),
  /** BETA: requests API Priority and Fairness rejected (KubeAPITerminatedRequests). */
  apiserver_flowcontrol_rejected_requests_total: counterSeries('Number of requests rejected by API Priority and Fairness subsystem', ['flow_schema', 'priority_level', 'reason']),
  apiserver_requested_deprecated_apis: gaugeSeries('Gauge of deprecated APIs that have been requested, broken out by API group, version, resource, subresource, and removed_release', ['group', 'removed_release', 'resource', 'subresource', 'version']),

  // admission
  apiserver_admission_controller_admission_duration_seconds: histogramSeries('Admission controller latency histogram in seconds, identified by name and broken out for each operation and API resource and type (validate or admit)', admission),
  apiserver_admission_webhook_admission_duration_seconds: histogramSeries('Admission webhook latency histogram in seconds, identified by name and broken out for each operation and API resource and type (validate or admit)', admission),
  apiserver_admission_step_admission_duration_seconds: histogramSeries('Admission sub-step latency histogram in seconds, broken out for each operation and API resource and step type (validate or admit)', ['operation', 'rejected', 'type']),

  // clients' certificates (KubeClientCertificateExpiration)
  /** ALPHA */
  apiserver_client_certificate_expiration_seconds: histogramSeries('Distribution of the remaining lifetime on the certificate used to authenticate a request', []),

  // aggregated APIs (KubeAggregatedAPIErrors, KubeAggregatedAPIDown)
  /** ALPHA */
  aggregator_unavailable_apiservice: gaugeSeries('Gauge of APIServices which are marked as unavailable broken down by APIService name', ['name']),
  /** ALPHA */
  aggregator_unavailable_apiservice_total: counterSeries('Counter of APIServices which are marked as unavailable broken down by APIService name and reason', ['name', 'reason']),

  // storage
  apiserver_storage_objects: gaugeSeries('Number of stored objects at the time of last check split by kind', ['resource']),
  /** ALPHA: etcd's latency as the API server sees it. */
  etcd_request_duration_seconds: histogramSeries('Etcd request latency in seconds for each operation and object type', ['operation', 'type']),

  // the work queues of its controllers, and the build (kubernetes-mixin's version-mismatch alert)
  workqueue_adds_total: counterSeries('Total number of adds handled by workqueue', ['name']),
  workqueue_depth: gaugeSeries('Current depth of workqueue', ['name']),
  workqueue_queue_duration_seconds: histogramSeries('How long in seconds an item stays in workqueue before being requested', ['name']),
  kubernetes_build_info: gaugeSeries('A metric with a constant \'1\' value labeled by major, minor, git version, git commit, git tree state, build date, Go version, and compiler from which Kubernetes was built, and platform on which it is running', ['build_date', 'compiler', 'git_commit', 'git_tree_state', 'git_version', 'go_version', 'major', 'minor', 'platform']),
});
