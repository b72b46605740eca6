// Names of what stackc deploys, shared by the configs that point at each other (prometheus.yml → Alertmanager,
// blackbox exporter) and the manifests that create them. One place, so a rename cannot split them.
import { isQueried } from '../../queried-series.ts';
import type { Stack } from '../../model.ts';

export const ports = { prometheus: 9090, alertmanager: 9093, grafana: 3000, blackboxExporter: 9115, kubeStateMetrics: 8080 } as const;

export const names = {
  prometheus: 'prometheus',
  alertmanager: 'alertmanager',
  grafana: 'grafana',
  blackboxExporter: 'blackbox-exporter',
  kubeStateMetrics: 'kube-state-metrics',
} as const;

/** `<stack>-` when stacks share the monitoring namespace (deploy({ sharedNamespace })), else ''. */
export function namePrefix(stack: Stack): string {
  return stack.deploy.sharedNamespace ? `${stack.name}-` : '';
}

/** A name stackc gives to an object in the monitoring namespace (Deployment, Service, ConfigMap, PVC, …). */
export function nameIn(stack: Stack, name: string): string {
  return `${namePrefix(stack)}${name}`;
}

/** The name of a component's Deployment, Service, ServiceAccount and `app` label. */
export function componentName(stack: Stack, component: keyof typeof names): string {
  return nameIn(stack, names[component]);
}

/** In-cluster address of a deployed component's Service in the monitoring namespace. */
export function serviceAddress(stack: Stack, component: keyof typeof names): string {
  return `${componentName(stack, component)}.${stack.monitoringNamespace}.svc:${ports[component]}`;
}

/** Where Alertmanager finds the file of a Secret key: each Secret is mounted as one folder. */
export const secretsDir = '/etc/alertmanager/secrets';
export function secretFilePath(ref: { readonly secret: string; readonly key: string }): string {
  return `${secretsDir}/${ref.secret}/${ref.key}`;
}

/** Catalog names whose series need a component or a scrape job of their own. */
export const catalogs = { kubeStateMetrics: 'kube-state-metrics', kubelet: 'kubelet' } as const;

/** True when a rule or panel of the stack queries a series of the catalog: only then is its exporter deployed and scraped. */
export function usesCatalog(stack: Stack, catalog: string): boolean {
  return stack.externalMetrics.some((m) => m.catalog === catalog && isQueried(stack, m));
}
