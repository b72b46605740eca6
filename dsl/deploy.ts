// Settings of the Kubernetes deployment. Every field has a default; a stack overrides only what differs.
import { components, type Component, type Deploy, type Resources } from '../compiler/model-deploy.ts';
import type { GrafanaMajor, SourceRef, Target } from '../compiler/model.ts';
import { placementOf, type ComponentsOptions } from './components.ts';
import { callSite } from './source.ts';

export interface DeployOptions {
  /** Image per component, pinned by version. @default defaultImages */
  readonly images?: Partial<Readonly<Record<Component, string>>>;
  /** CPU and memory requests and limits per component. @default defaultResources */
  readonly resources?: Partial<Readonly<Record<Component, Resources>>>;
  /** PVC sizes. @default { prometheus: '50Gi', alertmanager: '2Gi', grafana: '10Gi' } */
  readonly storage?: Partial<{ readonly prometheus: string; readonly alertmanager: string; readonly grafana: string }>;
  /** Storage class of the PVCs. @default the cluster's default class */
  readonly storageClass?: string;
  /** How long Prometheus keeps samples. @default '15d' */
  readonly retention?: string;
  /** Secret with keys `admin-user` and `admin-password` for Grafana, created by the user. @default 'grafana-admin' */
  readonly grafanaAdminSecret?: string;
  /** Labels for Prometheus Operator output, matching the cluster's Prometheus `ruleSelector` and
   *  `podMonitorSelector`. @default kube-prometheus': { prometheus: 'k8s', role: 'alert-rules' } and {} */
  readonly operator?: { readonly ruleLabels?: Readonly<Record<string, string>>; readonly monitorLabels?: Readonly<Record<string, string>> };
  /** Per component: deployed, or an existing one (`existing({ url })`, `kubePrometheus()`, Grafana `'none'`).
   *  @default every component deployed */
  readonly components?: ComponentsOptions;
  /** Other stacks deploy to the same monitoring namespace: every name stackc gives there (and its cluster-wide RBAC
   *  names) starts with `<stack>-`. @default false */
  readonly sharedNamespace?: boolean;
}

/** Pinned versions: Prometheus and Alertmanager are the releases verify's judges are built from (tools/judges/);
 *  a stack targeting Prometheus 2 deploys the 2.x release its rule tests are judged by (Debian's 2.42), and one
 *  targeting an older Grafana major that major's last release (grafanaImages).
 *  kube-state-metrics v2.20.0 is the newest the Go module proxy lists (k8s.io/kube-state-metrics/v2, 2026-08-18);
 *  blackbox_exporter v0.27.0 (2025-06-26) the newest release we could confirm from here. */
export const defaultImages: Readonly<Record<Component, string>> = {
  prometheus: 'prom/prometheus:v3.16.0',
  alertmanager: 'prom/alertmanager:v0.35.0',
  grafana: 'grafana/grafana:13.2.1',
  blackboxExporter: 'prom/blackbox-exporter:v0.27.0',
  kubeStateMetrics: 'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.20.0',
};

/** The Grafana release deployed for each major of `target.grafana`: the newest patch release of each known here. */
export const grafanaImages: Readonly<Record<GrafanaMajor, string>> = {
  '13': defaultImages.grafana,
  '12': 'grafana/grafana:12.4.3',
  '11': 'grafana/grafana:11.6.14',
};

const size = (cpuReq: string, memReq: string, cpuLim: string, memLim: string): Resources =>
  ({ requests: { cpu: cpuReq, memory: memReq }, limits: { cpu: cpuLim, memory: memLim } });

/** Default requests and limits per component; the exporters' from their upstream examples. */
export const defaultResources: Readonly<Record<Component, Resources>> = {
  prometheus: size('500m', '2Gi', '2000m', '4Gi'),
  alertmanager: size('50m', '64Mi', '200m', '256Mi'),
  grafana: size('250m', '512Mi', '500m', '1Gi'),
  blackboxExporter: size('25m', '32Mi', '100m', '128Mi'),
  kubeStateMetrics: size('50m', '128Mi', '200m', '256Mi'),
};

export interface DeployDefinition {
  readonly options: DeployOptions;
  readonly source: SourceRef;
}

/**
 * How the stack is deployed to Kubernetes.
 * @example deploy({ storageClass: 'standard', retention: '30d', images: { grafana: 'grafana/grafana:13.2.0' } })
 */
export function deploy(options: DeployOptions = {}): DeployDefinition {
  return { options, source: callSite() };
}

/** The model of the deployment settings, every default filled in. */
export function deployOf(def: DeployDefinition | undefined, stackSource: SourceRef, target: Target): Deploy {
  const o = def?.options ?? {};
  const at = def?.source ?? stackSource;
  /** The settings given for one component, reported unused when it is not deployed. */
  const settingsOf = (c: Component): string[] =>
    (['images', 'resources', 'storage'] as const).filter((k) => (o[k] as Partial<Record<Component, unknown>> | undefined)?.[c] !== undefined);
  return {
    kind: 'deploy',
    components: Object.fromEntries(components.map((c) => [c, placementOf(o.components?.[c], settingsOf(c), at)])) as Record<Component, Deploy['components'][Component]>,
    sharedNamespace: o.sharedNamespace ?? false,
    images: {
      ...defaultImages,
      ...(target.prometheus === '2' ? { prometheus: 'prom/prometheus:v2.42.0' } : {}),
      grafana: grafanaImages[target.grafana],
      ...o.images,
    },
    resources: { ...defaultResources, ...o.resources },
    storage: { prometheus: '50Gi', alertmanager: '2Gi', grafana: '10Gi', ...o.storage },
    ...(o.storageClass ? { storageClass: o.storageClass } : {}),
    retention: o.retention ?? '15d',
    grafanaAdminSecret: o.grafanaAdminSecret ?? 'grafana-admin',
    operator: {
      ruleLabels: { ...(o.operator?.ruleLabels ?? { prometheus: 'k8s', role: 'alert-rules' }) },
      monitorLabels: { ...o.operator?.monitorLabels },
    },
    source: at,
  };
}
