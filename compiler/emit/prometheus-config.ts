// prometheus.yml for the cluster (Kubernetes discovery) and its local profile (static targets on loopback,
// same rule files), from one set of functions so the two cannot drift apart.
import type { Stack } from '../model.ts';
import { probeModule } from './blackbox.ts';
import { exporterClusterJob, exporterLocalJob, exporterLocalTarget, localPod, podTargetRelabelling } from './exporter-scrape.ts';
import { files, type Files } from './files.ts';
import { catalogs, componentName, names, ports, usesCatalog } from './kubernetes/names.ts';
import { endpoint, operatorOnly, type Endpoint } from './kubernetes/placement.ts';
import { ruleFileGroups } from './rules.ts';
import { toYaml } from './yaml.ts';

export const prometheusFile = 'prometheus/prometheus.yml';
export const prometheusLocalFile = 'prometheus/prometheus.local.yml';

type Json = Record<string, unknown>;

const serviceAccountDir = '/var/run/secrets/kubernetes.io/serviceaccount';
const inClusterTls = { tls_config: { ca_file: `${serviceAccountDir}/ca.crt` }, authorization: { credentials_file: `${serviceAccountDir}/token` } };

/** rule_files entries: relative to the folder of prometheus.yml, where the ConfigMap mounts them too. */
export function ruleFileNames(stack: Stack): string[] {
  return [...ruleFileGroups(stack).keys()].map((path) => path.slice(path.lastIndexOf('/') + 1));
}

function global(stack: Stack): Json {
  const labels = Object.entries(stack.scrape.externalLabels).sort(([a], [b]) => a.localeCompare(b));
  return {
    scrape_interval: stack.scrape.interval,
    evaluation_interval: stack.scrape.evaluationInterval,
    ...(labels.length ? { external_labels: Object.fromEntries(labels) } : {}),
  };
}

/** Scheme and path prefix only when not plain http at the root, as the deployed Alertmanager is. */
function schemeAndPrefix(e: Pick<Endpoint, 'scheme' | 'pathPrefix'>): Json {
  return { ...(e.scheme === 'http' ? {} : { scheme: e.scheme }), ...(e.pathPrefix ? { path_prefix: e.pathPrefix } : {}) };
}

function alertingTo(targets: readonly string[], at: Pick<Endpoint, 'scheme' | 'pathPrefix'> = { scheme: 'http', pathPrefix: '' }): Json {
  return { alertmanagers: [{ ...schemeAndPrefix(at), static_configs: [{ targets: [...targets] }], timeout: '10s' }] };
}

/** The stack's app pods, found by their app label. The target is the pod IP at the exporter's port, whatever ports
 *  the pod declares (targets of one pod then collapse into one); `namespace` and `pod` are the labels `targetLabels` promises. */
function appJob(stack: Stack): Json {
  return {
    job_name: stack.app,
    metrics_path: stack.scrape.metricsPath,
    scheme: 'http',
    kubernetes_sd_configs: [{ role: 'pod', namespaces: { names: [stack.namespace] } }],
    relabel_configs: [
      { source_labels: ['__meta_kubernetes_pod_label_app'], action: 'keep', regex: stack.app },
      ...podTargetRelabelling(stack.scrape.port),
    ],
  };
}

const apiServersJob: Json = {
  job_name: 'kubernetes-apiservers',
  kubernetes_sd_configs: [{ role: 'endpoints' }],
  scheme: 'https',
  ...inClusterTls,
  relabel_configs: [{
    source_labels: ['__meta_kubernetes_namespace', '__meta_kubernetes_service_name', '__meta_kubernetes_endpoint_port_name'],
    action: 'keep', regex: 'default;kubernetes;https',
  }],
};

function nodesJob(name: string, metricsPath: string): Json {
  return {
    job_name: name,
    kubernetes_sd_configs: [{ role: 'node' }],
    scheme: 'https',
    metrics_path: metricsPath,
    ...inClusterTls,
    relabel_configs: [{ action: 'labelmap', regex: '__meta_kubernetes_node_label_(.+)' }],
  };
}

/** kube-state-metrics' series name the pod and namespace they describe: honor_labels keeps them. The deployed one
 *  is found by its Service; an existing one is scraped at its URL; one without a URL is scraped by its own Prometheus. */
function kubeStateMetricsJobs(stack: Stack): Json[] {
  if (stack.deploy.components.kubeStateMetrics.kind === 'existing') {
    const e = endpoint(stack, 'kubeStateMetrics');
    return e ? [{
      job_name: names.kubeStateMetrics, honor_labels: true, ...(e.scheme === 'http' ? {} : { scheme: e.scheme }),
      metrics_path: `${e.pathPrefix}/metrics`, static_configs: [{ targets: [e.address] }],
    }] : [];
  }
  return [{
    job_name: names.kubeStateMetrics,
    honor_labels: true,
    kubernetes_sd_configs: [{ role: 'endpoints', namespaces: { names: [stack.monitoringNamespace] } }],
    relabel_configs: [{
      source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpoint_port_name'],
      action: 'keep', regex: `${componentName(stack, 'kubeStateMetrics')};http-metrics`,
    }],
  }];
}

/** Pods that opt in with prometheus.io annotations; the stack's app pods are dropped, the job above scrapes them. */
function annotatedPodsJob(stack: Stack): Json {
  return {
    job_name: 'kubernetes-pods',
    kubernetes_sd_configs: [{ role: 'pod' }],
    relabel_configs: [
      { source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_scrape'], action: 'keep', regex: 'true' },
      { source_labels: ['__meta_kubernetes_namespace', '__meta_kubernetes_pod_label_app'], action: 'drop', regex: `${stack.namespace};${stack.app}` },
      { source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_path'], action: 'replace', target_label: '__metrics_path__', regex: '(.+)' },
      {
        source_labels: ['__address__', '__meta_kubernetes_pod_annotation_prometheus_io_port'],
        action: 'replace', regex: '([^:]+)(?::\\d+)?;(\\d+)', replacement: '$1:$2', target_label: '__address__',
      },
      { action: 'labelmap', regex: '__meta_kubernetes_pod_label_(.+)' },
      { source_labels: ['__meta_kubernetes_namespace'], action: 'replace', target_label: 'kubernetes_namespace' },
      { source_labels: ['__meta_kubernetes_pod_name'], action: 'replace', target_label: 'kubernetes_pod_name' },
    ],
  };
}

/** Services annotated prometheus.io/probe=true, probed over HTTP through the blackbox exporter (stackc's or the existing one). */
function probedServicesJob(stack: Stack): Json {
  const blackbox = endpoint(stack, 'blackboxExporter')!;
  return {
    job_name: 'kubernetes-services',
    kubernetes_sd_configs: [{ role: 'service' }],
    ...(blackbox.scheme === 'http' ? {} : { scheme: blackbox.scheme }),
    metrics_path: `${blackbox.pathPrefix}/probe`,
    params: { module: [probeModule] },
    relabel_configs: [
      { source_labels: ['__meta_kubernetes_service_annotation_prometheus_io_probe'], action: 'keep', regex: 'true' },
      { source_labels: ['__address__'], target_label: '__param_target' },
      { target_label: '__address__', replacement: blackbox.address },
      { source_labels: ['__param_target'], target_label: 'instance' },
      { action: 'labelmap', regex: '__meta_kubernetes_service_label_(.+)' },
      { source_labels: ['__meta_kubernetes_namespace'], target_label: 'kubernetes_namespace' },
      { source_labels: ['__meta_kubernetes_service_name'], target_label: 'kubernetes_name' },
    ],
  };
}

/** The cluster's scrape jobs, the catalog-dependent ones only when the stack queries that catalog. */
export function clusterScrapeJobs(stack: Stack): Json[] {
  return [
    appJob(stack),
    ...stack.exporters.map((e) => exporterClusterJob(stack, e)),
    apiServersJob,
    nodesJob('kubernetes-nodes', '/metrics'),
    ...(usesCatalog(stack, catalogs.kubelet) ? [nodesJob('kubernetes-cadvisor', '/metrics/cadvisor')] : []),
    ...(usesCatalog(stack, catalogs.kubeStateMetrics) ? kubeStateMetricsJobs(stack) : []),
    annotatedPodsJob(stack),
    probedServicesJob(stack),
  ];
}

export function clusterPrometheusConfig(stack: Stack): string {
  const alertmanager = endpoint(stack, 'alertmanager')!;
  return toYaml({
    global: global(stack),
    alerting: alertingTo([alertmanager.address], alertmanager),
    rule_files: ruleFileNames(stack),
    scrape_configs: clusterScrapeJobs(stack),
  });
}

export interface LocalTargets {
  /** host:port of each exporter; each becomes one pod `<app>-<i>` in the stack's namespace. */
  readonly exporterTargets: readonly string[];
  readonly alertmanagerTargets: readonly string[];
  /** host:port of each exporter the stack runs, by its job name. @default each on loopback at its local port */
  readonly exporterJobTargets?: Readonly<Record<string, string>>;
}

/** The emitted local profile's targets: the exporter at its port and Alertmanager at its default, on loopback. */
export function defaultLocalTargets(stack: Stack): LocalTargets {
  return { exporterTargets: [`127.0.0.1:${stack.scrape.port}`], alertmanagerTargets: [`127.0.0.1:${ports.alertmanager}`] };
}

/**
 * The local profile: the app job and the exporters' jobs with static targets carrying the labels the cluster's
 * relabeling adds (namespace, pod), so every rule and annotation sees the same labels as in the cluster.
 * @example localPrometheusConfig(stack, { exporterTargets: ['127.0.0.1:40123'], alertmanagerTargets: ['127.0.0.1:40124'] })
 */
export function localPrometheusConfig(stack: Stack, targets: LocalTargets = defaultLocalTargets(stack)): string {
  return toYaml({
    global: global(stack),
    alerting: alertingTo(targets.alertmanagerTargets),
    rule_files: ruleFileNames(stack),
    scrape_configs: [{
      job_name: stack.app,
      metrics_path: stack.scrape.metricsPath,
      scheme: 'http',
      static_configs: targets.exporterTargets.map((target, i) => ({
        targets: [target],
        labels: { namespace: stack.namespace, pod: localPod(stack.app, i) },
      })),
    }, ...stack.exporters.map((e) => exporterLocalJob(e, targets.exporterJobTargets?.[e.name] ?? exporterLocalTarget(e)))],
  });
}

/** kube-prometheus' operator writes its Prometheus' config: the stack's cluster file would describe nothing that runs. */
export function prometheusConfigFiles(stack: Stack): Files {
  return files([
    ...(operatorOnly(stack) ? [] : [[prometheusFile, clusterPrometheusConfig(stack)] as const]),
    [prometheusLocalFile, localPrometheusConfig(stack)],
  ]);
}
