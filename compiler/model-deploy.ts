// The model of where a stack runs and who hears about it: Alertmanager receivers and routes, and the settings
// of the Kubernetes deployment (images, storage, resources, Prometheus Operator output).
// Plain readonly data like compiler/model.ts; dsl/to-model.ts fills in every default.
import type { SourceRef } from './model.ts';
import type { Inhibition, Route, TimeInterval } from './model-routing.ts';

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

export interface EmailNotifier {
  readonly kind: 'email';
  readonly to: string;
  readonly from: string;
  /** `host:port` of the SMTP server. */
  readonly smarthost: string;
  readonly authUsername?: string;
  readonly authPassword?: SecretKeyRef;
  readonly requireTls: boolean;
  readonly sendResolved: boolean;
}

export interface OpsgenieNotifier {
  readonly kind: 'opsgenie';
  readonly apiKey: SecretKeyRef;
  /** Absent: Opsgenie's default (US) API. */
  readonly apiUrl?: string;
  readonly responders: readonly { readonly type: 'team' | 'user' | 'escalation' | 'schedule'; readonly name: string }[];
  /** `P1`…`P5`, or a template; absent: Opsgenie's default. */
  readonly priority?: string;
  readonly sendResolved: boolean;
}

/** Microsoft Teams through a Workflows (Power Automate) webhook: Alertmanager's `msteamsv2_configs` (0.28+). */
export interface MsTeamsNotifier {
  readonly kind: 'msteams';
  /** The webhook URL is the credential. */
  readonly webhookUrl: SecretKeyRef;
  readonly sendResolved: boolean;
}

export type Notifier = SlackNotifier | PagerDutyNotifier | WebhookNotifier | EmailNotifier | OpsgenieNotifier | MsTeamsNotifier;
export type NotifierKind = Notifier['kind'];

export interface Receiver {
  readonly kind: 'receiver';
  readonly name: string;
  readonly notifiers: readonly Notifier[];
  readonly source: SourceRef;
}

/** Alertmanager's routing tree (compiler/model-routing.ts): the root's receiver, grouping and timing, which child
 *  routes inherit unless they set their own. The severity form is a tree of one route per severity. */
export interface Alerting {
  readonly kind: 'alerting';
  readonly receivers: readonly Receiver[];
  /** The root's children, tried in order. */
  readonly routes: readonly Route[];
  /** Receiver of alerts no route takes (the root's). */
  readonly defaultReceiver: string;
  readonly timeIntervals: readonly TimeInterval[];
  /** Inhibitions written in the stack; the derived ones (threshold families, objectives) come after them. */
  readonly inhibitions: readonly Inhibition[];
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

/** Where a component comes from (docs/deploy.md, "Components"). `existing`: one the cluster already runs, reached
 *  at `url` (absent only for kube-state-metrics scraped by an existing Prometheus, and Grafana); `none`: Grafana
 *  left out; `kube-prometheus`: the Prometheus Operator's, so the stack emits only rules, monitors and dashboards.
 *  `unusedSettings`: deploy() settings (images, resources, storage) given for a component that is not deployed. */
export type Placement =
  | { readonly kind: 'deployed' }
  | { readonly kind: 'existing'; readonly url?: string; readonly folder?: string; readonly unusedSettings?: readonly string[]; readonly source: SourceRef }
  | { readonly kind: 'none'; readonly unusedSettings?: readonly string[]; readonly source: SourceRef }
  | { readonly kind: 'kube-prometheus'; readonly unusedSettings?: readonly string[]; readonly source: SourceRef };

export interface Deploy {
  readonly kind: 'deploy';
  /** Which components stackc deploys, and where the others are. */
  readonly components: Readonly<Record<Component, Placement>>;
  /** Several stacks share the monitoring namespace: every name stackc gives there starts with `<stack>-`. */
  readonly sharedNamespace: boolean;
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
