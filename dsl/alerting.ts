// Who hears about alerts: receivers with their notifiers, and the routing tree (dsl/routing.ts) or one route per
// severity. Credentials are never values here: a notifier names the Secret key the user creates in the cluster.
import type {
  Alerting, EmailNotifier, MsTeamsNotifier, Notifier, OpsgenieNotifier, PagerDutyNotifier, Receiver, SecretKeyRef, SlackNotifier, WebhookNotifier,
} from '../compiler/model-deploy.ts';
import type { Route } from '../compiler/model-routing.ts';
import type { Severity, SourceRef } from '../compiler/model.ts';
import { severities } from '../compiler/model.ts';
import { matchersOf, type InhibitDefinition, type RouteDefinition, type TimeIntervalDefinition } from './routing.ts';
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

export interface EmailOptions {
  /** Recipient address(es), comma-separated. */
  readonly to: string;
  /** Sender address. */
  readonly from: string;
  /** SMTP server as `host:port`. */
  readonly smarthost: string;
  /** SMTP login. @default none (no authentication) */
  readonly authUsername?: string;
  /** Secret key holding the SMTP password. @default none */
  readonly authPassword?: SecretKeyRef;
  /** Refuse to send without STARTTLS. @default true */
  readonly requireTls?: boolean;
  /** @default true */
  readonly sendResolved?: boolean;
}

/** @example email({ to: 'payments@example.com', from: 'alertmanager@example.com', smarthost: 'smtp.example.com:587', authUsername: 'alertmanager', authPassword: secretKey('alertmanager-smtp', 'password') }) */
export function email(o: EmailOptions): EmailNotifier {
  return {
    kind: 'email', to: o.to, from: o.from, smarthost: o.smarthost, ...(o.authUsername ? { authUsername: o.authUsername } : {}),
    ...(o.authPassword ? { authPassword: o.authPassword } : {}), requireTls: o.requireTls ?? true, sendResolved: o.sendResolved ?? true,
  };
}

export interface OpsgenieOptions {
  /** Secret key holding the Opsgenie API (integration) key. */
  readonly apiKey: SecretKeyRef;
  /** The API's address, e.g. `https://api.eu.opsgenie.com/` for the EU instance. @default Opsgenie's US API */
  readonly apiUrl?: string;
  /** Teams, users, escalations or schedules the alert is assigned to. @default none */
  readonly responders?: readonly { readonly type: 'team' | 'user' | 'escalation' | 'schedule'; readonly name: string }[];
  /** `P1` (highest) to `P5`. @default Opsgenie's (P3) */
  readonly priority?: 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
  /** @default true */
  readonly sendResolved?: boolean;
}

/** @example opsgenie({ apiKey: secretKey('alertmanager-opsgenie', 'api-key'), responders: [{ type: 'team', name: 'payments' }] }) */
export function opsgenie(o: OpsgenieOptions): OpsgenieNotifier {
  return {
    kind: 'opsgenie', apiKey: o.apiKey, ...(o.apiUrl ? { apiUrl: o.apiUrl } : {}), responders: [...(o.responders ?? [])],
    ...(o.priority ? { priority: o.priority } : {}), sendResolved: o.sendResolved ?? true,
  };
}

export interface MsTeamsOptions {
  /** Secret key holding the Teams Workflows webhook URL (the URL is the credential). */
  readonly webhookUrl: SecretKeyRef;
  /** @default true */
  readonly sendResolved?: boolean;
}

/**
 * Microsoft Teams through a Workflows webhook (Alertmanager's `msteamsv2_configs`, Alertmanager 0.28 or later).
 * @example msTeams({ webhookUrl: secretKey('alertmanager-teams', 'webhook-url') })
 */
export function msTeams(o: MsTeamsOptions): MsTeamsNotifier {
  return { kind: 'msteams', webhookUrl: o.webhookUrl, sendResolved: o.sendResolved ?? true };
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
  /** The routing tree: routes tried in order (`route(...)`), or the receiver each severity's alerts go to. */
  readonly routes: readonly RouteDefinition[] | Readonly<Record<Severity, ReceiverDefinition>>;
  /** Receiver of alerts no route takes. @default the warning receiver of the severity form; required with a tree */
  readonly defaultReceiver?: ReceiverDefinition;
  /** Labels alerts are grouped by into one notification. @default ['alertname', 'namespace'] */
  readonly groupBy?: readonly string[];
  /** How long to wait for more alerts of a new group. @default '30s' */
  readonly groupWait?: Duration;
  /** How long to wait before notifying about new alerts of a group already notified. @default '5m' */
  readonly groupInterval?: Duration;
  /** How long before a still-firing alert is sent again. @default '4h' */
  readonly repeatInterval?: Duration;
  /** Inhibitions besides the derived ones (`inhibit(...)`). @default none */
  readonly inhibit?: readonly InhibitDefinition[];
}

/** The options with a routing tree, which needs its default receiver. */
export type AlertingTreeOptions = AlertingOptions & { readonly routes: readonly RouteDefinition[]; readonly defaultReceiver: ReceiverDefinition };
/** The severity form. */
export type AlertingSeverityOptions = AlertingOptions & { readonly routes: Readonly<Record<Severity, ReceiverDefinition>> };

export interface AlertingDefinition {
  readonly options: AlertingOptions;
  readonly source: SourceRef;
}

/**
 * Routing of the stack's alerts: a tree of routes by label, or one route per severity. Warning alerts are inhibited
 * while the critical alert of the same threshold family fires (derived from `alertsFrom`, nothing to declare).
 * @example alerting({ routes: { critical: onCall, warning: team, info: team } })
 * @example alerting({ defaultReceiver: ops, routes: [route({ match: { team: 'payments' }, receiver: payments })], inhibit: [inhibit({ source: { alertname: 'ClusterDown' }, target: { severity: 'warning' } })] })
 */
export function alerting(options: AlertingTreeOptions | AlertingSeverityOptions): AlertingDefinition {
  return { options, source: callSite() };
}

const severityForm = (routes: AlertingOptions['routes']): routes is Readonly<Record<Severity, ReceiverDefinition>> => !Array.isArray(routes);

/** The severity form as a tree: most severe first, the first matching route wins. */
function severityRoutes(routes: Readonly<Record<Severity, { readonly name: string }>>, source: SourceRef): Route[] {
  return [...severities].reverse().map((s): Route => ({
    kind: 'route', matchers: [{ label: 'severity', op: '=', value: s }], receiver: routes[s].name, continue: false,
    muteWhen: [], activeWhen: [], routes: [], derived: true, source,
  }));
}

/** The model of a route; every receiver and time interval it names is added to the sets. */
function routeOf(def: RouteDefinition, receivers: Set<ReceiverDefinition>, intervals: Set<TimeIntervalDefinition | string>): Route {
  const o = def.options;
  if (o.receiver) receivers.add(o.receiver);
  // a name given as a string (plain JavaScript) is kept, so validation can say no interval has it
  const names = (list: readonly (TimeIntervalDefinition | string)[] | undefined) => (list ?? []).map((i) => { intervals.add(i); return typeof i === 'string' ? i : i.name; });
  return {
    kind: 'route', matchers: matchersOf(o.match), ...(o.receiver ? { receiver: o.receiver.name } : {}), continue: o.continue ?? false,
    ...(o.groupBy ? { groupBy: [...o.groupBy] } : {}), ...(o.groupWait ? { groupWait: o.groupWait } : {}),
    ...(o.groupInterval ? { groupInterval: o.groupInterval } : {}), ...(o.repeatInterval ? { repeatInterval: o.repeatInterval } : {}),
    muteWhen: names(o.muteWhen), activeWhen: names(o.activeWhen),
    routes: (o.routes ?? []).map((r) => routeOf(r, receivers, intervals)), derived: false, source: def.source,
  };
}

const receiverOf = (r: ReceiverDefinition): Receiver => ({ kind: 'receiver', name: r.name, notifiers: [...r.notifiers], source: r.source });

/** The model of a stack's alerting; without one, every alert goes to a receiver that notifies nobody. */
export function alertingOf(def: AlertingDefinition | undefined, stackSource: SourceRef): Alerting {
  if (!def) {
    const none: Receiver = { kind: 'receiver', name: 'default', notifiers: [], source: stackSource };
    return {
      kind: 'alerting', receivers: [none], routes: severityRoutes({ critical: none, warning: none, info: none }, stackSource),
      defaultReceiver: 'default', timeIntervals: [], inhibitions: [],
      groupBy: ['alertname', 'namespace'], groupWait: '30s', groupInterval: '5m', repeatInterval: '4h', source: stackSource,
    };
  }
  const o = def.options;
  const receivers = new Set<ReceiverDefinition>();
  const intervals = new Set<TimeIntervalDefinition | string>();
  let routes: Route[];
  let fallback: ReceiverDefinition | undefined;
  if (severityForm(o.routes)) {
    for (const s of severities) receivers.add(o.routes[s]);
    routes = severityRoutes(o.routes, def.source);
    fallback = o.routes.warning;
  } else {
    routes = o.routes.map((r) => routeOf(r, receivers, intervals));
  }
  const root = o.defaultReceiver ?? fallback;
  // the root receiver first in a tree (it is written first); the severity form keeps its order of old
  const ordered = severityForm(o.routes) ? [...receivers, ...(root ? [root] : [])] : [...(root ? [root] : []), ...receivers];
  return {
    kind: 'alerting',
    receivers: [...new Set(ordered)].map(receiverOf),
    routes,
    // a tree without its default receiver is refused by validation (alerting/default-receiver)
    defaultReceiver: root?.name ?? '',
    timeIntervals: [...intervals].flatMap((i) => (typeof i === 'string' ? [] : [{ kind: 'time-interval' as const, name: i.name, ranges: i.ranges, source: i.source }])),
    inhibitions: (o.inhibit ?? []).map((i) => ({
      kind: 'inhibition', sourceMatchers: matchersOf(i.options.source), targetMatchers: matchersOf(i.options.target), equal: [...(i.options.equal ?? [])], source: i.source,
    })),
    groupBy: [...(o.groupBy ?? ['alertname', 'namespace'])],
    groupWait: o.groupWait ?? '30s',
    groupInterval: o.groupInterval ?? '5m',
    repeatInterval: o.repeatInterval ?? '4h',
    source: def.source,
  };
}
