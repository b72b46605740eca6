// Scrape jobs of the exporters a stack runs, for the cluster (pods found by their labels) and the local profile
// (static targets on loopback). Both give every target the same labels as the app's job: job, instance, and the
// namespace and pod the cluster's relabelling takes from the pod; the operator's PodMonitors give the same
// (compiler/emit/kubernetes/stack-exporters.ts).
import type { Exporter } from '../model-exporters.ts';
import type { Stack } from '../model.ts';

type Json = Record<string, unknown>;

/** The pod's IP at `port` becomes the target (targets of one pod collapse into one), and the pod's namespace and
 *  name its `namespace` and `pod` labels. Shared with the app's job, so the two cannot label differently. */
export function podTargetRelabelling(port: number): Json[] {
  return [
    { source_labels: ['__meta_kubernetes_pod_phase'], action: 'drop', regex: 'Succeeded|Failed' },
    { source_labels: ['__meta_kubernetes_pod_ip'], target_label: '__address__', regex: '(.+)', replacement: `$1:${port}` },
    { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
    { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
  ];
}

/** The label stackc puts on everything it deploys for a stack; exporters' pods are kept by it and their app label. */
export const partOf = (stack: Stack) => `stackc-${stack.name}`;

export function exporterClusterJob(stack: Stack, e: Exporter): Json {
  return {
    job_name: e.name,
    metrics_path: e.metricsPath,
    scheme: 'http',
    kubernetes_sd_configs: [{ role: 'pod', namespaces: { names: [e.namespace] } }],
    relabel_configs: [
      {
        source_labels: ['__meta_kubernetes_pod_label_app', '__meta_kubernetes_pod_label_app_kubernetes_io_part_of'],
        action: 'keep', regex: `${e.name};${partOf(stack)}`,
      },
      ...podTargetRelabelling(e.port),
    ],
  };
}

/** The local profile's pod name for a target: the cluster's pods are `<name>-<hash>`, here `<name>-<i>`. */
export const localPod = (name: string, i = 0) => `${name}-${i}`;

/** The default local target of an exporter: its local port on loopback. */
export const exporterLocalTarget = (e: Exporter) => `127.0.0.1:${e.localPort}`;

export function exporterLocalJob(e: Exporter, target: string): Json {
  return {
    job_name: e.name,
    metrics_path: e.metricsPath,
    scheme: 'http',
    static_configs: [{ targets: [target], labels: { namespace: e.namespace, pod: localPod(e.name) } }],
  };
}
