// What the live run must show, derived from the model rather than listed by hand: which alerts fire within the
// run, which of them Alertmanager inhibits, which resolve when the workload returns to normal, and which panel
// queries can return data on one machine. Each exclusion carries its reason, for the test's output and the docs.
import { executableExpr, panelQueries, type PanelQueryRef } from '../../compiler/dashboard-queries.ts';
import { parseDuration } from '../../compiler/duration.ts';
import { inhibitRules } from '../../compiler/emit/alertmanager.ts';
import type { AlertRule, Stack } from '../../compiler/model.ts';
import { parsePromQL, seriesNamesIn } from '../../compiler/promql/ast.ts';

/** The test holds the critical phase until every expected alert fires; a `for` beyond this would push the
 *  run past its 3-minute budget. Those alerts are proven by the generated `promtool test rules` cases. */
export const longestFor = '1m';

/** Series of catalogs that exist only in a cluster (kube-state-metrics, kubelet); Prometheus's own (`up`) exist here. */
export function clusterOnlySeries(stack: Stack): Map<string, string> {
  return new Map(stack.externalMetrics.filter((e) => e.catalog !== 'prometheus').map((e) => [e.name, e.catalog]));
}

function seriesIn(expr: string): Set<string> {
  const parsed = parsePromQL(expr);
  if (!parsed.ok) throw new Error(`cannot parse ${expr}: ${parsed.problem.message}`);
  return seriesNamesIn(parsed.ast);
}

/** The cluster-only series an expression selects, as `name (catalog)`. */
function clusterOnlyIn(stack: Stack, expr: string): string[] {
  const external = clusterOnlySeries(stack);
  return [...seriesIn(expr)].filter((n) => external.has(n)).map((n) => `${n} (${external.get(n)})`);
}

export interface Excluded<T> {
  readonly item: T;
  readonly reason: string;
}

export function alertRules(stack: Stack): AlertRule[] {
  return stack.ruleGroups.flatMap((g) => g.rules.filter((r): r is AlertRule => r.kind === 'alert'));
}

/** Alerts the simulation's critical phase makes fire within the run, and the others with the reason. */
export function firingPlan(stack: Stack): { expected: AlertRule[]; excluded: Excluded<AlertRule>[] } {
  const expected: AlertRule[] = [];
  const excluded: Excluded<AlertRule>[] = [];
  for (const rule of alertRules(stack)) {
    const cluster = clusterOnlyIn(stack, rule.expr.text);
    if (cluster.length) excluded.push({ item: rule, reason: `needs ${cluster.join(', ')}, scraped only in a cluster` });
    else if ((parseDuration(rule.for) ?? 0) > parseDuration(longestFor)!) excluded.push({ item: rule, reason: `for: ${rule.for} is longer than the run holds the critical phase (${longestFor})` });
    else expected.push(rule);
  }
  return { expected, excluded };
}

/** Expected alerts that an expected alert of a higher level inhibits (the compiled inhibit_rules). */
export function inhibitedAlerts(stack: Stack, expected: readonly AlertRule[]): Map<string, string> {
  const names = new Set(expected.map((a) => a.name));
  const alertname = (matchers: unknown) => /^alertname="(.+)"$/.exec(String((matchers as string[])[0]))?.[1];
  const out = new Map<string, string>();
  for (const rule of inhibitRules(stack)) {
    const source = alertname(rule.source_matchers);
    const target = alertname(rule.target_matchers);
    if (source && target && names.has(source) && names.has(target)) out.set(target, source);
  }
  return out;
}

/** Expected alerts that resolve when the workload returns to normal: thresholds on the gauges the simulation
 *  drives. Not `uptimeSeries` (the exporter is younger than its 300 s all run long), nor alerts on 5-minute
 *  windows (they resolve 5 minutes after the last event). */
export function resolvingAlerts(expected: readonly AlertRule[], uptimeSeries: string): AlertRule[] {
  return expected.filter((a) => a.threshold && a.threshold.series !== uptimeSeries);
}

/** Panel queries as Grafana would send them, split into those that can return data here and those that cannot. */
export function panelPlan(stack: Stack): { runnable: (PanelQueryRef & { readonly executable: string })[]; excluded: Excluded<PanelQueryRef>[] } {
  const runnable: (PanelQueryRef & { readonly executable: string })[] = [];
  const excluded: Excluded<PanelQueryRef>[] = [];
  for (const q of panelQueries(stack)) {
    const executable = executableExpr(q.expr);
    const cluster = clusterOnlyIn(stack, executable);
    if (cluster.length) excluded.push({ item: q, reason: `needs ${cluster.join(', ')}, scraped only in a cluster` });
    else runnable.push({ ...q, executable });
  }
  return { runnable, excluded };
}

/** A regular expression that an annotation rendered from `template` for an alert with `labels` must match. */
export function renderedPattern(template: string, labels: Readonly<Record<string, string>>): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts = template.split(/(\{\{[^}]*\}\})/);
  return new RegExp(`^${parts.map((part) => {
    const label = /^\{\{\s*\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}$/.exec(part);
    if (label) return escape(labels[label[1]!] ?? '');
    if (/^\{\{\s*\$value\b/.test(part)) return '(-?[0-9][^ ]*|[0-9.]+[a-zµ]+(?: [0-9.]+[a-zµ]+)*)';
    if (part.startsWith('{{')) throw new Error(`the test does not know how to render ${part}`);
    return escape(part);
  }).join('')}$`);
}
