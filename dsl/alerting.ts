// Who hears about alerts: receivers with their notifiers, and one route per severity.
// Credentials are never values here: a notifier names the Secret key the user creates in the cluster.
import type {
  Alerting, Notifier, PagerDutyNotifier, Receiver, SecretKeyRef, SlackNotifier, WebhookNotifier,
} from '../compiler/model-deploy.ts';
import type { Severity, SourceRef } from '../compiler/model.ts';
import { severities } from '../compiler/model.ts';
import type { Duration } from './series.ts';
import { callSite } from './source.ts';

/**
 * A key of a Kubernetes Secret in the monitoring namespace, mounted into Alertmanager as a file.
 * @example secretKey('alertmanager-slack', 'api-url')
 */
export function secretKey(secret: string, key: string): SecretKeyRef {
  return { secret, key };
}

export interface SlackOptions {
  /** Channel to post to, e.g. `#shop-alerts`. */
  readonly channel: string;
  /** Secret key holding the incoming-webhook URL. */
  readonly apiUrl: SecretKeyRef;
  /** Also notify when the alert resolves. @default true */
  readonly sendResolved?: boolean;
}

/** @example slack({ channel: '#shop-alerts', apiUrl: secretKey('alertmanager-slack', 'api-url') }) */
export function slack(o: SlackOptions): SlackNotifier {
  return { kind: 'slack', channel: o.channel, apiUrl: o.apiUrl, sendResolved: o.sendResolved ?? true };
}

export interface PagerDutyOptions {
  /** Secret key holding the Events API v2 integration (routing) key. */
  readonly routingKey: SecretKeyRef;
  /** @default true */
  readonly sendResolved?: boolean;
}

/** @example pagerDuty({ routingKey: secretKey('alertmanager-pagerduty', 'routing-key') }) */
export function pagerDuty(o: PagerDutyOptions): PagerDutyNotifier {
  return { kind: 'pagerduty', routingKey: o.routingKey, sendResolved: o.sendResolved ?? true };
}

export interface WebhookOptions {
  /** Where Alertmanager POSTs. It is written to out/ as is: put no credential in it, use `bearerToken`. */
  readonly url: string;
  /** Secret key holding a token sent as `Authorization: Bearer …`. @default none */
  readonly bearerToken?: SecretKeyRef;
  /** @default true */
  readonly sendResolved?: boolean;
}

/** @example webhook({ url: 'http://order-bot.shop.svc:8080/alerts', bearerToken: secretKey('alertmanager-webhook', 'token') }) */
export function webhook(o: WebhookOptions): WebhookNotifier {
  return { kind: 'webhook', url: o.url, ...(o.bearerToken ? { bearerToken: o.bearerToken } : {}), sendResolved: o.sendResolved ?? true };
}

export interface ReceiverDefinition {
  readonly name: string;
  readonly notifiers: readonly Notifier[];
  readonly source: SourceRef;
}

/**
 * A named Alertmanager receiver: every notifier in it is sent each notification.
 * @example const onCall = receiver('on-call', [pagerDuty({ routingKey: secretKey('alertmanager-pagerduty', 'routing-key') })]);
 */
export function receiver(name: string, notifiers: readonly Notifier[]): ReceiverDefinition {
  return { name, notifiers, source: callSite() };
}

export interface AlertingOptions {
  /** The receiver each severity's alerts go to. */
  readonly routes: Readonly<Record<Severity, ReceiverDefinition>>;
  /** Receiver of alerts without a known severity. @default the warning receiver */
  readonly defaultReceiver?: ReceiverDefinition;
  /** Labels alerts are grouped by into one notification. @default ['alertname', 'namespace'] */
  readonly groupBy?: readonly string[];
  /** How long to wait for more alerts of a new group. @default '30s' */
  readonly groupWait?: Duration;
  /** How long to wait before notifying about new alerts of a group already notified. @default '5m' */
  readonly groupInterval?: Duration;
  /** How long before a still-firing alert is sent again. @default '4h' */
  readonly repeatInterval?: Duration;
}

export interface AlertingDefinition {
  readonly options: AlertingOptions;
  readonly source: SourceRef;
}

/**
 * Routing of the stack's alerts by severity. Warning alerts are inhibited while the critical alert of the same
 * threshold family fires (derived from `alertsFrom`, nothing to declare).
 * @example alerting({ routes: { critical: onCall, warning: team, info: team } })
 */
export function alerting(options: AlertingOptions): AlertingDefinition {
  return { options, source: callSite() };
}

/** The model of a stack's alerting; without one, every alert goes to a receiver that notifies nobody. */
export function alertingOf(def: AlertingDefinition | undefined, stackSource: SourceRef): Alerting {
  if (!def) {
    const none: Receiver = { kind: 'receiver', name: 'default', notifiers: [], source: stackSource };
    return {
      kind: 'alerting', receivers: [none], routes: { critical: 'default', warning: 'default', info: 'default' },
      defaultReceiver: 'default', groupBy: ['alertname', 'namespace'], groupWait: '30s', groupInterval: '5m', repeatInterval: '4h', source: stackSource,
    };
  }
  const o = def.options;
  const used = [...severities.map((s) => o.routes[s]), ...(o.defaultReceiver ? [o.defaultReceiver] : [])];
  const receivers = [...new Set(used)].map((r): Receiver => ({ kind: 'receiver', name: r.name, notifiers: [...r.notifiers], source: r.source }));
  return {
    kind: 'alerting',
    receivers,
    routes: { critical: o.routes.critical.name, warning: o.routes.warning.name, info: o.routes.info.name },
    defaultReceiver: (o.defaultReceiver ?? o.routes.warning).name,
    groupBy: [...(o.groupBy ?? ['alertname', 'namespace'])],
    groupWait: o.groupWait ?? '30s',
    groupInterval: o.groupInterval ?? '5m',
    repeatInterval: o.repeatInterval ?? '4h',
    source: def.source,
  };
}
