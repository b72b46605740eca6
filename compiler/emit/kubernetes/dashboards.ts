// Dashboards for a Grafana stackc does not deploy: one ConfigMap per dashboard, labelled for the dashboard sidecar
// (kube-prometheus and the Grafana Helm chart watch ConfigMaps with `grafana_dashboard: "1"`), each embedding the
// dashboard file the Grafana emitter wrote, byte for byte.
import { createHash } from 'node:crypto';
import type { Stack } from '../../model.ts';
import { dashboardPath } from '../grafana.ts';
import { labelsOf, type Manifest } from './workload.ts';

/** The sidecar's default label; its value is the chart's default `labelValue`. */
export const sidecarLabel = { grafana_dashboard: '1' } as const;
/** The folder annotation the kube-prometheus-stack chart configures its sidecar with (`folderAnnotation`). */
export const folderAnnotation = 'grafana_folder';

/** A Kubernetes name from a Grafana uid (letters, digits, - and _): lower-cased, `_` → `-`, with a short hash when
 *  that changed it, so `Api_Overview` and `api-overview` do not meet. Prefixed by the stack: uids are global in Grafana. */
export function dashboardConfigMapName(stack: Stack, uid: string): string {
  const slug = uid.toLowerCase().replace(/_/g, '-').replace(/^-+|-+$/g, '');
  const hash = slug === uid ? '' : `-${createHash('sha256').update(uid).digest('hex').slice(0, 8)}`;
  return `${stack.name}-dashboard-${slug || 'x'}${hash}`;
}

export function dashboardConfigMaps(stack: Stack, earlier: ReadonlyMap<string, string>): Manifest[] {
  const grafana = stack.deploy.components.grafana;
  if (grafana.kind === 'none') return [];
  const folder = grafana.kind === 'existing' ? grafana.folder : undefined;
  return stack.dashboards.map((d) => {
    const path = dashboardPath(d);
    const content = earlier.get(path);
    if (content === undefined) return undefined;
    return {
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: {
        name: dashboardConfigMapName(stack, d.uid), namespace: stack.monitoringNamespace,
        labels: { ...labelsOf(stack, 'grafana-dashboards'), ...sidecarLabel },
        ...(folder ? { annotations: { [folderAnnotation]: folder } } : {}),
      },
      data: { [path.slice(path.lastIndexOf('/') + 1)]: content },
    };
  }).filter((m): m is NonNullable<typeof m> => m !== undefined)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}
