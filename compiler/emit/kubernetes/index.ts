// The Kubernetes emitter: numbered manifest files (apply order), the operator resources, and deploy.sh.
// Registered after every other emitter: its ConfigMaps embed the exact bytes those produced.
import type { Stack } from '../../model.ts';
import { files, type Files } from '../files.ts';
import { toYamlDocuments } from '../yaml.ts';
import { deployScript } from './deploy-script.ts';
import { blackboxManifests, kubeStateMetricsManifests } from './exporters.ts';
import { grafanaManifests } from './grafana.ts';
import { operatorDir, podMonitor, prometheusRule } from './operator.ts';
import { exporterManifests, exporterPodMonitor } from './stack-exporters.ts';
import { alertmanagerManifests, prometheusManifests } from './prometheus.ts';
import { rbacManifests } from './rbac.ts';
import type { Manifest } from './workload.ts';

export const kubernetesDir = 'kubernetes/';
/** The exporters the stack lists: applied in operator mode too, as the operator only scrapes them. */
export const stackExportersFile = '55-exporters.yaml';

function namespace(stack: Stack): Manifest {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: stack.monitoringNamespace, labels: { 'app.kubernetes.io/part-of': `stackc-${stack.name}` } } };
}

/** Every manifest file by name, in apply order; a component the stack does not need has no file. */
export function manifestFiles(stack: Stack, earlier: Files): [string, Manifest[]][] {
  const all: [string, Manifest[]][] = [
    ['00-namespace.yaml', [namespace(stack)]],
    ['10-rbac.yaml', rbacManifests(stack)],
    ['20-prometheus.yaml', prometheusManifests(stack, earlier)],
    ['30-alertmanager.yaml', alertmanagerManifests(stack, earlier)],
    ['40-blackbox-exporter.yaml', blackboxManifests(stack, earlier)],
    ['50-kube-state-metrics.yaml', kubeStateMetricsManifests(stack)],
    [stackExportersFile, exporterManifests(stack)],
    ['60-grafana.yaml', grafanaManifests(stack, earlier)],
  ];
  return all.filter(([, manifests]) => manifests.length > 0);
}

export function operatorFiles(stack: Stack): [string, Manifest[]][] {
  return [['10-prometheus-rule.yaml', [prometheusRule(stack)]], ['20-pod-monitor.yaml', [podMonitor(stack), ...stack.exporters.map((e) => exporterPodMonitor(stack, e))]]];
}

export function kubernetesFiles(stack: Stack, earlier: Files): Files {
  const manifests = manifestFiles(stack, earlier);
  // the monitoring namespace's; the exporters beside the app are waited for by deploy.sh's exporter block
  const deployments = manifests.flatMap(([, ms]) => ms.filter((m) => m['kind'] === 'Deployment' && (m['metadata'] as { namespace: string }).namespace === stack.monitoringNamespace)
    .map((m) => (m['metadata'] as { name: string }).name));
  const operator = operatorFiles(stack);
  return files([
    ...manifests.map(([name, ms]) => [`${kubernetesDir}${name}`, toYamlDocuments(ms)] as const),
    ...operator.map(([name, ms]) => [`${operatorDir}${name}`, toYamlDocuments(ms)] as const),
    [`${kubernetesDir}deploy.sh`, deployScript(stack, manifests.map(([name]) => name), [
      ...(stack.exporters.length ? [stackExportersFile] : []), ...operator.map(([name]) => `operator/${name}`),
    ], deployments)],
  ]);
}
