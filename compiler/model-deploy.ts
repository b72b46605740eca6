// The model of where a stack runs and who hears about it: Alertmanager receivers and routes, and the settings
// of the Kubernetes deployment (images, storage, resources, Prometheus Operator output).
// Plain readonly data like compiler/model.ts; dsl/to-model.ts fills in every default.
import type { Severity, SourceRef } from './model.ts';

/** A key of a Kubernetes Secret the user creates; its value is mounted as a file, never written to out/. */
export interface SecretKeyRef {
  readonly secret: string;
  readonly key: string;
}

export interface SlackNotifier {
  readonly kind: 'slack';
  readonly channel: string;
  /** The incoming-webhook URL (it is the credential). */
  readonly apiUrl: SecretKeyRef;
  readonly sendResolved: boolean;
}

export interface PagerDutyNotifier {
  readonly kind: 'pagerduty';
  /** The Events API v2 integration key. */
  readonly routingKey: SecretKeyRef;
  readonly sendResolved: boolean;
}

export interface WebhookNotifier {
  readonly kind: 'webhook';
  /** Not a secret: Alertmanager 0.25 has no `url_file`, so credentials go in `bearerToken`. */
  readonly url: string;
  /** Sent as `Authorization: Bearer <token>`, read from a file. */
  readonly bearerToken?: SecretKeyRef;
  readonly sendResolved: boolean;
}

export type Notifier = SlackNotifier | PagerDutyNotifier | WebhookNotifier;
export type NotifierKind = Notifier['kind'];

export interface Receiver {
  readonly kind: 'receiver';
  readonly name: string;
  readonly notifiers: readonly Notifier[];
  readonly source: SourceRef;
}

/** Alertmanager's routing: one receiver per severity, grouping and timing shared by all routes. */
export interface Alerting {
  readonly kind: 'alerting';
  readonly receivers: readonly Receiver[];
  /** Receiver name for each severity. */
  readonly routes: Readonly<Record<Severity, string>>;
  /** Receiver name for alerts without a known severity. */
  readonly defaultReceiver: string;
  readonly groupBy: readonly string[];
  readonly groupWait: string;
  readonly groupInterval: string;
  readonly repeatInterval: string;
  readonly source: SourceRef;
}

/** The components stackc deploys, in the order they are documented. */
export const components = ['prometheus', 'alertmanager', 'grafana', 'blackboxExporter', 'kubeStateMetrics'] as const;
export type Component = (typeof components)[number];

export interface Resources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

/** Labels kube-prometheus' Prometheus selects rules and monitors by. */
export interface OperatorSettings {
  readonly ruleLabels: Readonly<Record<string, string>>;
  readonly monitorLabels: Readonly<Record<string, string>>;
}

export interface Deploy {
  readonly kind: 'deploy';
  /** Images pinned by version, by component. */
  readonly images: Readonly<Record<Component, string>>;
  readonly resources: Readonly<Record<Component, Resources>>;
  /** PVC sizes of the components that keep state. */
  readonly storage: { readonly prometheus: string; readonly alertmanager: string; readonly grafana: string };
  /** Storage class of the PVCs; the cluster's default when undefined. */
  readonly storageClass?: string;
  readonly retention: string;
  /** Secret holding Grafana's `admin-user` and `admin-password`. */
  readonly grafanaAdminSecret: string;
  readonly operator: OperatorSettings;
  readonly source: SourceRef;
}
