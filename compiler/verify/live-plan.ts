// What the live run must show, derived from the model: which alerts the simulation drives (threshold alerts on
// the gauges it moves, whose `for` fits the run), which it does not and why, which driven alerts Alertmanager
// inhibits, where each is routed, and which recording rules and panel queries can have data on one machine.
import { executableExpr, panelQueries, type PanelQueryRef } from '../dashboard-queries.ts';
import { parseDuration } from '../duration.ts';
import { inhibitRules } from '../emit/alertmanager.ts';
import type { Matcher } from '../model-routing.ts';
import { alertLabels, isDynamic, type AlertLabels } from '../routing/alert-labels.ts';
import { parseMatcher } from '../routing/matchers.ts';
import { matchersHold } from '../routing/reach.ts';
import { allNodes, walk } from '../routing/tree.ts';
import type { AlertRule, RecordingRule, RuleGroup, SourceRef, Stack } from '../model.ts';
import { parsePromQL, seriesNamesIn } from '../promql/ast.ts';
import { externalSeries } from '../promql/series-index.ts';
import { distinguishingLabels, ruleKey } from '../rule-identity.ts';
import { specOf } from '../../exporter/from-model.ts';
import { phaseBand, pointIn } from '../../exporter/thresholds.ts';

/** The phase the live run holds: every gauge past its most severe threshold, so every level's alert can fire. */
export const livePhase = 'critical';
/** How long the run may wait for the driven alerts to fire; with start-up and delivery it stays near 3 minutes. */
export const firingBudgetMs = 150_000;
/** Added to every computed wait for process start-up and HTTP polling. */
export const slackMs = 5_000;

export interface Excluded<T> {
  readonly item: T;
  readonly reason: string;
}

export interface DrivenAlert {
  readonly rule: AlertRule;
  /** The labels that pick this rule's alerts in Prometheus and Alertmanager: alertname, and when other alerts share
   *  the name, the static labels that tell it apart (severity, window, …). */
  readonly identity: Readonly<Record<string, string>>;
  /** The latest it can fire after the run starts: first scrape, pending at an evaluation, `for`, the next evaluation. */
  readonly fireWithinMs: number;
  /** The receivers the stack's routing tree sends it to, in Alertmanager's order. */
  readonly receivers: readonly string[];
  /** Why its deliveries are not judged (its route depends on labels the data sets, or on the clock); absent when they are. */
  readonly deliveryUnjudged?: string;
  /** The driven alert whose firing inhibits this one (the compiled inhibit_rules), if any: its name, with the
   *  labels that tell it apart when another alert shares the name. */
  readonly inhibitedBy?: string;
}

/** Whether an alert Prometheus or Alertmanager reports (by its labels) is one of `d`'s. */
export function isAlertOf(d: DrivenAlert, labels: Readonly<Record<string, string | undefined>>): boolean {
  return Object.entries(d.identity).every(([k, v]) => (labels[k] ?? '') === v);
}

export interface PanelCheck extends PanelQueryRef {
  readonly executable: string;
  readonly source: SourceRef;
}

export interface LivePlan {
  readonly driven: readonly DrivenAlert[];
  readonly notDriven: readonly Excluded<AlertRule>[];
  readonly recordings: readonly RecordingRule[];
  readonly recordingsExcluded: readonly Excluded<RecordingRule>[];
  readonly panels: readonly PanelCheck[];
  readonly panelsExcluded: readonly Excluded<PanelQueryRef>[];
  /** How long after the start every series can exist: two scrapes and two evaluations of the slowest group. */
  readonly dataMs: number;
  /** How long the run waits for every driven alert to fire. */
  readonly firingDeadlineMs: number;
  /** How long Alertmanager may take from an alert's arrival to its notification (group_wait). */
  readonly deliveryMs: number;
}

const ms = (duration: string) => parseDuration(duration) ?? 0;

/** Why the series of `expr` cannot exist in the run, or undefined when they all can: series of catalogs that exist
 *  only in a cluster (kube-state-metrics, kubelet), or of an exporter the run does not start. Prometheus's own
 *  (`up`) and the started exporters' exist here. */
function absentIn(stack: Stack, expr: string, started: ReadonlySet<string>): string | undefined {
  const here = new Set(['prometheus', ...stack.exporters.filter((e) => started.has(e.name)).map((e) => e.catalog)]);
  // by series name: a catalog histogram is queried as its _bucket, _sum and _count series
  const external = new Map(stack.externalMetrics.filter((e) => !here.has(e.catalog)).flatMap((e) => externalSeries(e).map((s) => [s.name, e.catalog] as const)));
  const parsed = parsePromQL(expr);
  if (!parsed.ok) return undefined;
  const absent = [...seriesNamesIn(parsed.ast)].filter((n) => external.has(n));
  if (absent.length === 0) return undefined;
  const exporterOf = (catalog: string) => stack.exporters.find((e) => e.catalog === catalog);
  const notStarted = absent.filter((n) => exporterOf(external.get(n)!));
  const clusterOnly = absent.filter((n) => !exporterOf(external.get(n)!));
  const named = (ns: string[]) => ns.map((n) => `${n} (${external.get(n)})`).join(', ');
  return [
    ...(clusterOnly.length ? [`needs ${named(clusterOnly)}, scraped only in a cluster`] : []),
    ...(notStarted.length ? [`needs ${named(notStarted)}, whose exporter the run does not start`] : []),
  ].join('; ');
}

const fmt = (n: number) => String(Number(n.toPrecision(4)));

/** Why the simulation's live phase does not make a threshold alert's condition hold, or undefined when it does. */
function thresholdProblem(stack: Stack, rule: AlertRule & { threshold: NonNullable<AlertRule['threshold']> }): string | undefined {
  const { series, severity } = rule.threshold;
  const metric = stack.metrics.find((m) => m.name === series);
  if (!metric) return `its threshold is on ${series}, which the exporter does not export (a recording rule): the simulation sets metrics, not what rules compute`;
  if (metric.kind !== 'gauge') return `its threshold is on the ${metric.kind} ${series}: the simulation moves only gauges through their thresholds' bands`;
  if (severity === 'info') return `an info threshold: the simulation's phases cross warning and critical thresholds only`;
  const threshold = metric.thresholds.find((t) => t.severity === severity);
  if (!threshold) return `${series} has no ${severity} threshold in the model`;
  const spec = specOf(metric);
  const band = phaseBand(spec, 'critical');
  const [low, high] = [pointIn(band, 0), pointIn(band, 1)];
  const past = (v: number) => (threshold.direction === 'above' ? v > threshold.value : v < threshold.value);
  if (!past(low) || !past(high)) {
    return `in the ${livePhase} phase ${series} lies in ${fmt(low)}…${fmt(high)}, not ${threshold.direction} its ${severity} threshold ${fmt(threshold.value)}`;
  }
  return undefined;
}

export function alertRules(stack: Stack): { rule: AlertRule; group: RuleGroup }[] {
  return stack.ruleGroups.flatMap((group) => group.rules.filter((r): r is AlertRule => r.kind === 'alert').map((rule) => ({ rule, group })));
}

/** The alerts of `rules` an inhibit rule's matchers surely select: by their name and static labels (a missing one
 *  matches ""); a matcher on a label the data sets selects none. */
function selected(stack: Stack, matchers: unknown, rules: readonly AlertRule[]): AlertRule[] {
  const parsed = (matchers as string[]).map((m) => parseMatcher(String(m)));
  if (parsed.some((p) => !p)) return [];
  const labels = new Map(alertLabels(stack).map((a) => [a.rule, a]));
  return rules.filter((r) => matchersHold(parsed as Matcher[], labels.get(r)!) === 'yes');
}

/** Where the tree sends an alert, when its fixed labels decide it and no schedule mutes the route. */
function liveRoute(stack: Stack, a: AlertLabels): { receivers: string[]; unjudged?: string } {
  const { final } = walk(stack.alerting, a.known);
  const receivers = final.map((n) => n.receiver);
  const data = [...new Set(allNodes(stack.alerting).flatMap((n) => n.route.matchers).map((m) => m.label).filter((l) => isDynamic(a, l)))];
  if (data.length) return { receivers, unjudged: `its route depends on ${data.join(', ')}, set by the data` };
  const scheduled = final.filter((n) => n.route.muteWhen.length || n.route.activeWhen.length);
  if (scheduled.length) return { receivers, unjudged: `route ${scheduled[0]!.name} is muted on a schedule (${[...scheduled[0]!.route.muteWhen, ...scheduled[0]!.route.activeWhen].join(', ')})` };
  return { receivers };
}

/** Driven alerts that a driven alert of a higher level inhibits, from the compiled inhibit_rules: target → source.
 *  Alerts are told apart by name and static labels, since levels of one family may share a name. */
function inhibitions(stack: Stack, driven: readonly AlertRule[]): Map<AlertRule, AlertRule> {
  const out = new Map<AlertRule, AlertRule>();
  for (const rule of inhibitRules(stack)) {
    const source = selected(stack, rule.source_matchers, driven)[0];
    if (!source) continue;
    for (const target of selected(stack, rule.target_matchers, driven)) if (target !== source) out.set(target, source);
  }
  return out;
}

/** @param started the names of the stack's exporters the run starts (scripts/local/stack-exporters.ts) */
export function livePlan(stack: Stack, started: ReadonlySet<string> = new Set()): LivePlan {
  const scrapeMs = ms(stack.scrape.interval);
  const candidates: { rule: AlertRule; fireWithinMs: number }[] = [];
  const notDriven: Excluded<AlertRule>[] = [];
  for (const { rule, group } of alertRules(stack)) {
    const absent = absentIn(stack, rule.expr.text, started);
    const evaluationMs = ms(group.interval || stack.scrape.evaluationInterval);
    const fireWithinMs = scrapeMs + 2 * evaluationMs + ms(rule.for) + slackMs;
    let reason: string | undefined;
    if (absent) reason = absent;
    else if (!rule.threshold) reason = 'not derived from a threshold: the simulation cannot tell when its expression holds';
    else reason = thresholdProblem(stack, { ...rule, threshold: rule.threshold });
    if (!reason && fireWithinMs > firingBudgetMs) {
      reason = `for: ${rule.for}: it could fire only ${Math.round(fireWithinMs / 1000)} s in, past the run's ${firingBudgetMs / 1000} s`;
    }
    if (reason) notDriven.push({ item: rule, reason });
    else candidates.push({ rule, fireWithinMs });
  }
  const inhibited = inhibitions(stack, candidates.map((c) => c.rule));
  const labels = new Map(alertLabels(stack).map((a) => [a.rule, a]));
  const driven = candidates.map(({ rule, fireWithinMs }): DrivenAlert => {
    const route = liveRoute(stack, labels.get(rule)!);
    return {
      rule, fireWithinMs, identity: { alertname: rule.name, ...distinguishingLabels(stack, rule) }, receivers: route.receivers,
      ...(route.unjudged ? { deliveryUnjudged: route.unjudged } : {}),
      ...(inhibited.has(rule) ? { inhibitedBy: ruleKey(stack, inhibited.get(rule)!) } : {}),
    };
  });

  const recordings: RecordingRule[] = [];
  const recordingsExcluded: Excluded<RecordingRule>[] = [];
  for (const g of stack.ruleGroups) {
    for (const r of g.rules) {
      if (r.kind !== 'recording') continue;
      const absent = absentIn(stack, r.expr.text, started);
      if (absent) recordingsExcluded.push({ item: r, reason: absent });
      else recordings.push(r);
    }
  }

  const panels: PanelCheck[] = [];
  const panelsExcluded: Excluded<PanelQueryRef>[] = [];
  const sources = new Map(stack.dashboards.flatMap((d) => d.rows.flatMap((r) => r.panels.flatMap((p) => p.queries.map((q) => [`${d.uid}\u0000${p.title}\u0000${q.refId}`, q.expr.source] as const)))));
  for (const q of panelQueries(stack)) {
    const executable = executableExpr(q.expr);
    const absent = absentIn(stack, executable, started);
    if (absent) panelsExcluded.push({ item: q, reason: absent });
    else panels.push({ ...q, executable, source: sources.get(`${q.dashboard}\u0000${q.panel}\u0000${q.refId}`)! });
  }

  // rate() over a range needs two scrapes, and a rule one more evaluation: the floor when no alert is driven
  const longestEvaluation = Math.max(ms(stack.scrape.evaluationInterval), ...stack.ruleGroups.map((g) => ms(g.interval || stack.scrape.evaluationInterval)));
  const dataMs = 2 * scrapeMs + 2 * longestEvaluation + slackMs;
  return {
    driven, notDriven, recordings, recordingsExcluded, panels, panelsExcluded, dataMs,
    firingDeadlineMs: Math.max(dataMs, ...driven.map((d) => d.fireWithinMs)),
    // a route may wait longer than the root before its first notification
    deliveryMs: Math.max(ms(stack.alerting.groupWait), ...allNodes(stack.alerting).map((n) => ms(n.route.groupWait ?? '0s'))) + slackMs,
  };
}
