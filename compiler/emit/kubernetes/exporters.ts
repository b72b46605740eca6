// The exporters prometheus.yml depends on: the blackbox exporter (the services job probes through it) and
// kube-state-metrics (the stack's Kubernetes alerts query its v2 series), the latter only when the stack uses it
// and does not use an existing one.
import type { Stack } from '../../model.ts';
import { blackboxFile } from '../blackbox.ts';
import { isQueried } from '../../queried-series.ts';
import { catalogs, componentName, nameIn, names, ports, usesCatalog } from './names.ts';
import { isDeployed } from './placement.ts';
import {
  clusterIpService, configMap, configVolume, deployment, embed, httpProbe, metadata, resourcesOf, type EmbeddedConfig, type Manifest,
} from './workload.ts';

export function blackboxConfig(stack: Stack, earlier: ReadonlyMap<string, string>): EmbeddedConfig {
  return { name: nameIn(stack, 'blackbox-exporter-config'), data: embed(new Map([...earlier].filter(([p]) => p === blackboxFile)), 'blackbox/') };
}

export function blackboxManifests(stack: Stack, earlier: ReadonlyMap<string, string>): Manifest[] {
  const config = blackboxConfig(stack, earlier);
  const name = componentName(stack, 'blackboxExporter');
  return [
    configMap(stack, name, config),
    deployment(stack, {
      name, user: 65534, group: 65534, recreate: false, configs: [config],
      containers: [{
        name: names.blackboxExporter,
        image: stack.deploy.images.blackboxExporter,
        args: ['--config.file=/etc/blackbox_exporter/blackbox.yml'],
        ports: [{ name: 'http', containerPort: ports.blackboxExporter }],
        volumeMounts: [{ name: 'config', mountPath: '/etc/blackbox_exporter', readOnly: true }],
        resources: resourcesOf(stack.deploy.resources.blackboxExporter),
        livenessProbe: httpProbe('/-/healthy', 'http', 10),
        readinessProbe: httpProbe('/-/healthy', 'http', 5),
      }],
      volumes: [configVolume('config', config.name)],
    }),
    clusterIpService(stack, name, [{ name: 'http', port: ports.blackboxExporter, targetPort: 'http' }]),
  ];
}

/** kube-state-metrics series prefix → the resource it describes. Collecting only these keeps its RBAC minimal. */
export const kubeStateResources: Readonly<Record<string, { readonly resource: string; readonly apiGroup: string }>> = {
  kube_pod_: { resource: 'pods', apiGroup: '' },
  kube_node_: { resource: 'nodes', apiGroup: '' },
  kube_persistentvolumeclaim_: { resource: 'persistentvolumeclaims', apiGroup: '' },
  kube_persistentvolume_: { resource: 'persistentvolumes', apiGroup: '' },
  kube_namespace_: { resource: 'namespaces', apiGroup: '' },
  // the quota's own series is the bare kube_resourcequota
  kube_resourcequota: { resource: 'resourcequotas', apiGroup: '' },
  kube_deployment_: { resource: 'deployments', apiGroup: 'apps' },
  kube_statefulset_: { resource: 'statefulsets', apiGroup: 'apps' },
  kube_daemonset_: { resource: 'daemonsets', apiGroup: 'apps' },
  kube_replicaset_: { resource: 'replicasets', apiGroup: 'apps' },
  kube_job_: { resource: 'jobs', apiGroup: 'batch' },
  kube_cronjob_: { resource: 'cronjobs', apiGroup: 'batch' },
  kube_horizontalpodautoscaler_: { resource: 'horizontalpodautoscalers', apiGroup: 'autoscaling' },
};

/** The resources kube-state-metrics must collect for the series the stack queries (least privilege: listing a catalog
 *  grants nothing by itself); unknown prefixes are a validation issue. */
export function kubeStateResourcesOf(stack: Stack): { resource: string; apiGroup: string }[] {
  const found = new Map<string, { resource: string; apiGroup: string }>();
  for (const m of stack.externalMetrics.filter((e) => e.catalog === catalogs.kubeStateMetrics && isQueried(stack, e))) {
    const prefix = Object.keys(kubeStateResources).find((p) => m.name.startsWith(p));
    if (prefix) found.set(prefix, kubeStateResources[prefix]!);
  }
  return [...found.values()].sort((a, b) => a.resource.localeCompare(b.resource));
}

export function kubeStateMetricsManifests(stack: Stack): Manifest[] {
  if (!isDeployed(stack, 'kubeStateMetrics') || !usesCatalog(stack, catalogs.kubeStateMetrics)) return [];
  const resources = kubeStateResourcesOf(stack);
  const name = componentName(stack, 'kubeStateMetrics');
  return [
    deployment(stack, {
      name, user: 65534, group: 65534, recreate: false, configs: [], serviceAccountName: name,
      containers: [{
        name: names.kubeStateMetrics,
        image: stack.deploy.images.kubeStateMetrics,
        args: [`--resources=${resources.map((r) => r.resource).join(',')}`],
        ports: [{ name: 'http-metrics', containerPort: ports.kubeStateMetrics }, { name: 'telemetry', containerPort: 8081 }],
        resources: resourcesOf(stack.deploy.resources.kubeStateMetrics),
        livenessProbe: httpProbe('/healthz', 'http-metrics', 5),
        readinessProbe: httpProbe('/', 'telemetry', 5),
      }],
      volumes: [],
    }),
    clusterIpService(stack, name, [{ name: 'http-metrics', port: ports.kubeStateMetrics, targetPort: 'http-metrics' }]),
  ];
}

export function serviceAccount(stack: Stack, name: string): Manifest {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: metadata(stack, name, name), automountServiceAccountToken: false };
}
