// The Kubernetes emitter: numbered manifest files (apply order), the operator resources, and deploy.sh.
// Registered after every other emitter: its ConfigMaps embed the exact bytes those produced.
// Only deployed components have manifests; with kube-prometheus only the exporters and operator/ remain.
import type { Stack } from '../../model.ts';
import { files, type Files } from '../files.ts';
import { toYamlDocuments } from '../yaml.ts';
import { dashboardConfigMaps } from './dashboards.ts';
import { deployScript } from './deploy-script.ts';
import { blackboxManifests, kubeStateMetricsManifests } from './exporters.ts';
import { grafanaManifests } from './grafana.ts';
import { operatorDir, podMonitor, prometheusRule } from './operator.ts';
import { isDeployed, operatorOnly } from './placement.ts';
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

/** Every manifest file by name, in apply order; a component the stack does not need or does not deploy has no file.
 *  A shared namespace is not the stack's to declare (deploy.sh creates it when missing). An existing Grafana gets
 *  the dashboards as sidecar ConfigMaps instead. */
export function manifestFiles(stack: Stack, earlier: Files): [string, Manifest[]][] {
  const when = (c: Parameters<typeof isDeployed>[1], manifests: () => Manifest[]) => (isDeployed(stack, c) ? manifests() : []);
  const all: [string, Manifest[]][] = operatorOnly(stack) ? [[stackExportersFile, exporterManifests(stack)]] : [
    ['00-namespace.yaml', stack.deploy.sharedNamespace ? [] : [namespace(stack)]],
    ['10-rbac.yaml', rbacManifests(stack)],
    ['20-prometheus.yaml', when('prometheus', () => prometheusManifests(stack, earlier))],
    ['30-alertmanager.yaml', when('alertmanager', () => alertmanagerManifests(stack, earlier))],
    ['40-blackbox-exporter.yaml', when('blackboxExporter', () => blackboxManifests(stack, earlier))],
    ['50-kube-state-metrics.yaml', kubeStateMetricsManifests(stack)],
    [stackExportersFile, exporterManifests(stack)],
    ['60-grafana.yaml', isDeployed(stack, 'grafana') ? grafanaManifests(stack, earlier) : dashboardConfigMaps(stack, earlier)],
  ];
  return all.filter(([, manifests]) => manifests.length > 0);
}

/** With kube-prometheus, its Grafana's sidecar loads the dashboards: they are operator output too. */
export function operatorFiles(stack: Stack, earlier: Files): [string, Manifest[]][] {
  const dashboards = operatorOnly(stack) ? dashboardConfigMaps(stack, earlier) : [];
  return [
    ['10-prometheus-rule.yaml', [prometheusRule(stack)]],
    ['20-pod-monitor.yaml', [podMonitor(stack), ...stack.exporters.map((e) => exporterPodMonitor(stack, e))]],
    ...(dashboards.length ? [['30-grafana-dashboards.yaml', dashboards] as [string, Manifest[]]] : []),
  ];
}

export function kubernetesFiles(stack: Stack, earlier: Files): Files {
  const manifests = manifestFiles(stack, earlier);
  // the monitoring namespace's; the exporters beside the app are waited for by deploy.sh's exporter block
  const deployments = manifests.flatMap(([, ms]) => ms.filter((m) => m['kind'] === 'Deployment' && (m['metadata'] as { namespace: string }).namespace === stack.monitoringNamespace)
    .map((m) => (m['metadata'] as { name: string }).name));
  const operator = operatorFiles(stack, earlier);
  const operatorApply = [...(stack.exporters.length ? [stackExportersFile] : []), ...operator.map(([name]) => `operator/${name}`)];
  return files([
    ...manifests.map(([name, ms]) => [`${kubernetesDir}${name}`, toYamlDocuments(ms)] as const),
    ...operator.map(([name, ms]) => [`${operatorDir}${name}`, toYamlDocuments(ms)] as const),
    [`${kubernetesDir}deploy.sh`, deployScript(stack, operatorOnly(stack) ? operatorApply : manifests.map(([name]) => name), operatorApply, deployments)],
  ]);
}
