// Least-privilege RBAC, derived from what runs: Prometheus may read exactly the objects its discovery roles
// list, kube-state-metrics exactly the resources it is told to collect.
import type { Stack } from '../../model.ts';
import { clusterScrapeJobs } from '../prometheus-config.ts';
import { kubeStateMetricsManifests, kubeStateResourcesOf, serviceAccount } from './exporters.ts';
import { componentName } from './names.ts';
import { isDeployed } from './placement.ts';
import { labelsOf, type Manifest } from './workload.ts';

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
const read = ['get', 'list', 'watch'];

/** Kubernetes discovery role → what it lists (Prometheus' docs); `ingress` would be networking.k8s.io. */
const discoveryReads: Readonly<Record<string, readonly Rule[]>> = {
  pod: [{ apiGroups: [''], resources: ['pods'], verbs: read }],
  service: [{ apiGroups: [''], resources: ['services'], verbs: read }],
  endpoints: [{ apiGroups: [''], resources: ['endpoints', 'pods', 'services'], verbs: read }],
  node: [{ apiGroups: [''], resources: ['nodes', 'nodes/metrics'], verbs: read }],
  ingress: [{ apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: read }],
};

function merged(rules: readonly Rule[]): Rule[] {
  const byGroup = new Map<string, Set<string>>();
  for (const r of rules) for (const g of r.apiGroups) byGroup.set(g, new Set([...(byGroup.get(g) ?? []), ...r.resources]));
  return [...byGroup].sort(([a], [b]) => a.localeCompare(b)).map(([g, res]) => ({ apiGroups: [g], resources: [...res].sort(), verbs: read }));
}

export function discoveryRoles(stack: Stack): string[] {
  const roles = clusterScrapeJobs(stack).flatMap((j) => ((j['kubernetes_sd_configs'] as { role: string }[] | undefined) ?? []).map((c) => c.role));
  return [...new Set(roles)].sort();
}

/** Cluster-wide names carry the namespace, and the component's name carries the stack when the namespace is shared. */
function clusterRole(stack: Stack, name: string, rules: readonly Manifest[]): Manifest[] {
  return [
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: `${stack.monitoringNamespace}-${name}`, labels: labelsOf(stack, name) }, rules },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding',
      metadata: { name: `${stack.monitoringNamespace}-${name}`, labels: labelsOf(stack, name) },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${stack.monitoringNamespace}-${name}` },
      subjects: [{ kind: 'ServiceAccount', name, namespace: stack.monitoringNamespace }],
    },
  ];
}

/** An existing component has no RBAC of ours: only what stackc runs is granted anything. */
export function rbacManifests(stack: Stack): Manifest[] {
  const prometheusRules = [
    ...merged(discoveryRoles(stack).flatMap((r) => discoveryReads[r] ?? [])),
    { nonResourceURLs: ['/metrics'], verbs: ['get'] }, // the API servers' metrics
  ];
  const ksm = kubeStateMetricsManifests(stack).length > 0;
  const prometheus = componentName(stack, 'prometheus');
  const kubeStateMetrics = componentName(stack, 'kubeStateMetrics');
  return [
    ...(isDeployed(stack, 'prometheus') ? [serviceAccount(stack, prometheus), ...clusterRole(stack, prometheus, prometheusRules)] : []),
    ...(ksm ? [
      serviceAccount(stack, kubeStateMetrics),
      ...clusterRole(stack, kubeStateMetrics, merged(kubeStateResourcesOf(stack).map((r) => ({ apiGroups: [r.apiGroup], resources: [r.resource], verbs: ['list', 'watch'] })))),
    ] : []),
  ];
}
