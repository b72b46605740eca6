// Which monitoring components a stack deploys, and where the ones it does not deploy already run
// (docs/deploy.md, "Components"). Every component is deployed unless the stack says otherwise.
import type { Component, Placement } from '../compiler/model-deploy.ts';
import type { SourceRef } from '../compiler/model.ts';
import { callSite } from './source.ts';

/** Where an existing component is reached, and (Grafana) the folder its dashboards go in. */
export interface ExistingOptions {
  /** `http(s)://host[:port][/path]` as seen from inside the cluster, no credentials. */
  readonly url?: string;
  /** Grafana only: the folder the sidecar files the dashboards in (`grafana_folder` annotation). */
  readonly folder?: string;
}

/** A component the cluster already runs: stackc deploys nothing of it (no manifests, no RBAC) and points at it. */
export interface Existing<O extends ExistingOptions = ExistingOptions> {
  readonly kind: 'existing';
  readonly options: O;
  readonly source: SourceRef;
}

/** The Prometheus of kube-prometheus (the Prometheus Operator): the stack emits only rules, monitors and dashboards. */
export interface KubePrometheus {
  readonly kind: 'kube-prometheus';
  readonly source: SourceRef;
}

/**
 * A component the cluster already runs, at `url`.
 * @example deploy({ components: { alertmanager: existing({ url: 'http://alertmanager.monitoring.svc:9093' }) } })
 */
export function existing<const O extends ExistingOptions>(options: O): Existing<O> {
  return { kind: 'existing', options, source: callSite() };
}

/**
 * Use the cluster's kube-prometheus: emit only PrometheusRule, PodMonitors and dashboard ConfigMaps for its
 * Grafana's sidecar, into the monitoring namespace, labelled with `deploy({ operator })`'s labels.
 * @example deploy({ components: { prometheus: kubePrometheus() } })
 */
export function kubePrometheus(): KubePrometheus {
  return { kind: 'kube-prometheus', source: callSite() };
}

/** Per component, `'deploy'` (the default) or where the existing one is. */
export interface ComponentsOptions {
  /** An existing Prometheus (Grafana's datasource points at it; you load prometheus/ into it), or kube-prometheus. @default 'deploy' */
  readonly prometheus?: 'deploy' | Existing<{ readonly url: string }> | KubePrometheus;
  /** An existing Alertmanager: prometheus.yml sends alerts to it; you load alertmanager/alertmanager.yml into it. @default 'deploy' */
  readonly alertmanager?: 'deploy' | Existing<{ readonly url: string }>;
  /** An existing Grafana with the dashboard sidecar (ConfigMaps labelled `grafana_dashboard: "1"`), or none. @default 'deploy' */
  readonly grafana?: 'deploy' | 'none' | Existing<{ readonly url?: string; readonly folder?: string }>;
  /** An existing blackbox exporter with an `http_2xx` module: the services probe goes through it. @default 'deploy' */
  readonly blackboxExporter?: 'deploy' | Existing<{ readonly url: string }>;
  /** An existing kube-state-metrics: scraped at `url`, or without one, already scraped by the existing Prometheus. @default 'deploy' */
  readonly kubeStateMetrics?: 'deploy' | Existing<{ readonly url?: string }>;
}

type Value = NonNullable<ComponentsOptions[Component]>;

/** The model of one component; `settings` names the deploy() settings given for it, unused unless it is deployed. */
export function placementOf(value: Value | undefined, settings: readonly string[], at: SourceRef): Placement {
  const unused = settings.length ? { unusedSettings: [...settings] } : {};
  if (value === undefined || value === 'deploy') return { kind: 'deployed' };
  if (value === 'none') return { kind: 'none', ...unused, source: at };
  if (value.kind === 'kube-prometheus') return { kind: 'kube-prometheus', ...unused, source: value.source };
  const o: ExistingOptions = value.options;
  return {
    kind: 'existing',
    ...(o.url !== undefined ? { url: o.url } : {}),
    ...(o.folder !== undefined ? { folder: o.folder } : {}),
    ...unused,
    source: value.source,
  };
}
