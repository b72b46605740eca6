// alertmanager.yml: the routing tree, inhibitions (the stack's, then those within threshold families and objectives),
// receivers whose credentials are files mounted from Secrets. The local profile keeps routes and inhibitions and sends
// every receiver to one webhook. routes.test.json holds the cases that prove the tree (compiler/routing/route-cases.ts).
import { stackIndex } from '../promql/analyze.ts';
import type { AlertRule, Severity, Stack } from '../model.ts';
import { severities } from '../model.ts';
import { alertMatchers } from '../rule-identity.ts';
import { routeCases } from '../routing/route-cases.ts';
import { receiverYaml } from './alertmanager-receivers.ts';
import { inhibitionYaml, rootRouteYaml, timeIntervalsYaml } from './alertmanager-routes.ts';
import { files, type Files } from './files.ts';
import { generatedNote } from './header.ts';
import { toYaml } from './yaml.ts';

export const alertmanagerFile = 'alertmanager/alertmanager.yml';
export const alertmanagerLocalFile = 'alertmanager/alertmanager.local.yml';
export const routeTestsFile = 'alertmanager/routes.test.json';

type Json = Record<string, unknown>;

/** Alerts derived from one thresholded series, with the labels their expression returns. */
export interface AlertFamily {
  readonly series: string;
  readonly alerts: ReadonlyMap<Severity, AlertRule>;
  /** Labels the alerts' expression returns: an inhibition holds only for the same pod, route, … */
  readonly labels: readonly string[];
}

/** Families with more than one level. A family whose labels cannot be inferred gets no inhibition: without
 *  `equal` labels a critical alert on one pod would silence warnings on every pod. */
export function alertFamilies(stack: Stack): AlertFamily[] {
  const { alerts: analysed } = stackIndex(stack);
  const bySeries = new Map<string, AlertRule[]>();
  for (const g of stack.ruleGroups) {
    for (const r of g.rules) {
      if (r.kind !== 'alert' || !r.threshold) continue;
      // recording rules of one name are told apart by their static labels: each is a family of its own
      const key = r.threshold.labels ? `${r.threshold.series}${JSON.stringify(Object.entries(r.threshold.labels).sort())}` : r.threshold.series;
      bySeries.set(key, [...(bySeries.get(key) ?? []), r]);
    }
  }
  return [...bySeries.values()].flatMap((alerts) => {
    const series = alerts[0]!.threshold!.series;
    if (alerts.length < 2) return [];
    const value = analysed.get(alerts[0]!)?.value;
    if (!value?.labels) return [];
    return [{ series, alerts: new Map(alerts.map((a) => [a.severity, a])), labels: [...value.labels].sort() }];
  });
}

/** Within a family, each level inhibits every lower one (critical silences warning and info; warning silences info).
 *  Levels that share an alert name are told apart by their static labels (severity). */
export function inhibitRules(stack: Stack): Json[] {
  return [...stack.alerting.inhibitions.map(inhibitionYaml), ...thresholdInhibitions(stack), ...objectiveInhibitions(stack)];
}

/** An objective's page silences its ticket: both say the budget burns, the page says it sooner. */
function objectiveInhibitions(stack: Stack): Json[] {
  const alerts = stack.ruleGroups.flatMap((g) => g.rules).filter((r): r is AlertRule => r.kind === 'alert' && r.slo !== undefined);
  return stack.slos.flatMap((slo) => {
    const [page, ticket] = slo.alerts.map((a) => alerts.find((r) => r.slo === slo.name && r.name === a.name && r.severity === a.severity));
    if (!page || !ticket || slo.alerts.length < 2) return [];
    return [{ source_matchers: alertMatchers(stack, page), target_matchers: alertMatchers(stack, ticket), equal: Object.keys(slo.labels).sort() }];
  });
}

function thresholdInhibitions(stack: Stack): Json[] {
  return alertFamilies(stack).flatMap((f) => {
    const levels = severities.filter((s) => f.alerts.has(s));
    return levels.flatMap((lower, i) => levels.slice(i + 1).map((higher) => ({
      source_matchers: alertMatchers(stack, f.alerts.get(higher)!),
      target_matchers: alertMatchers(stack, f.alerts.get(lower)!),
      equal: [...f.labels],
    })));
  });
}

/** The parts both profiles share; `time_intervals` only when the stack has some, so older configs stay as they were. */
function config(stack: Stack, receivers: readonly Json[]): string {
  const intervals = timeIntervalsYaml(stack.alerting.timeIntervals);
  return toYaml({
    route: rootRouteYaml(stack.alerting), inhibit_rules: inhibitRules(stack), receivers,
    ...(intervals.length ? { time_intervals: intervals } : {}),
  });
}

export function clusterAlertmanagerConfig(stack: Stack): string {
  return config(stack, stack.alerting.receivers.map(receiverYaml));
}

export interface LocalReceiver {
  /** Every receiver of the stack posts here (the end-to-end test's webhook recorder). */
  readonly webhookUrl: string;
}

/**
 * The local profile: the same routes and inhibitions; each receiver keeps its name and sends to one local webhook.
 * @example localAlertmanagerConfig(stack, { webhookUrl: 'http://127.0.0.1:40125/alerts' })
 */
export function localAlertmanagerConfig(stack: Stack, local: LocalReceiver = { webhookUrl: 'http://127.0.0.1:9095/alerts' }): string {
  return config(stack, stack.alerting.receivers.map((r) => ({ name: r.name, webhook_configs: [{ send_resolved: true, url: local.webhookUrl }] })));
}

/** The route tests, each runnable as `amtool config routes test --config.file=alertmanager.yml --verify.receivers=<receivers> <labels>`. */
export function routeTestsJson(stack: Stack): string {
  const { cases, unproven } = routeCases(stack);
  return `${JSON.stringify({
    $comment: generatedNote(stack.file),
    run: 'for each case: amtool config routes test --config.file=alertmanager.yml --verify.receivers=<receivers joined by ,> <labels as name=value>',
    cases: cases.map((c) => ({ route: c.route, ...(c.alert ? { alert: c.alert } : {}), labels: c.labels, receivers: c.receivers })),
    ...(unproven.length ? { unproven } : {}),
  }, null, 2)}\n`;
}

export function alertmanagerFiles(stack: Stack): Files {
  return files([
    [alertmanagerFile, clusterAlertmanagerConfig(stack)], [alertmanagerLocalFile, localAlertmanagerConfig(stack)], [routeTestsFile, routeTestsJson(stack)],
  ]);
}
