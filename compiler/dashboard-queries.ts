// Panel queries as PromQL: Grafana's variables replaced by stand-ins, for the checker (validate/dashboards.ts)
// and by concrete values, for running every panel query against a live Prometheus (the end-to-end test).
import { formatDuration, parseDuration } from './duration.ts';
import type { Dashboard, Panel, PanelQuery } from './model-dashboard.ts';
import type { Stack } from './model.ts';
import { parsePromQL, type Node } from './promql/ast.ts';

/** Template variables a dashboard defines when its queries use them; each selects label values of the stack's own targets. */
export const dashboardVariables = ['namespace', 'pod', 'instance'] as const;
export type DashboardVariable = (typeof dashboardVariables)[number];

/** Grafana's global variables a query may use, and the duration each stands for when checked. */
const builtins = ['__rate_interval', '__interval', '__range'] as const;

const variableRef = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** Every `$name` / `${name}` a query uses, in order of first use. */
export function variablesIn(expr: string): string[] {
  return [...new Set([...expr.matchAll(variableRef)].map((m) => m[1] ?? m[2]!))];
}

export function isKnownVariable(name: string): boolean {
  return (dashboardVariables as readonly string[]).includes(name) || (builtins as readonly string[]).includes(name);
}

/** The variables of a dashboard, in a fixed order: those its queries use. */
export function variablesOf(d: Dashboard): DashboardVariable[] {
  const used = new Set(d.rows.flatMap((r) => r.panels.flatMap((p) => p.queries.flatMap((q) => variablesIn(q.expr.text)))));
  return dashboardVariables.filter((v) => used.has(v));
}

function substitute(expr: string, value: (name: string) => string | undefined): string {
  return expr.replace(variableRef, (whole, braced: string | undefined, bare: string | undefined) => value((braced ?? bare)!) ?? whole);
}

/**
 * The query with Grafana's durations replaced by the values Grafana would use at the stack's scrape interval
 * ($__rate_interval is at least four scrape intervals), so the PromQL checker can parse and check it.
 * `$namespace` and friends stay: inside a matcher's string they are plain text to PromQL.
 */
export function checkableExpr(stack: Stack, expr: string): string {
  const scrapeMs = parseDuration(stack.scrape.interval) ?? 15_000;
  const durations: Record<string, string> = {
    __rate_interval: formatDuration(4 * scrapeMs),
    __interval: formatDuration(scrapeMs),
    __range: '1h',
  };
  return substitute(expr, (name) => durations[name]);
}

/** Values that stand for every variable when a query is run outside Grafana: everything selected, one-minute windows. */
export const executionDefaults: Readonly<Record<string, string>> = {
  namespace: '.*',
  pod: '.*',
  instance: '.*',
  __rate_interval: '1m',
  __interval: '15s',
  __range: '1h',
};

/**
 * The query as Grafana would send it to Prometheus, with every variable replaced by a concrete value.
 * @example executableExpr('sum(rate(requests_total{namespace=~"$namespace"}[$__rate_interval]))')
 *   // 'sum(rate(requests_total{namespace=~".*"}[1m]))'
 */
export function executableExpr(expr: string, values: Readonly<Record<string, string>> = executionDefaults): string {
  return substitute(expr, (name) => values[name] ?? executionDefaults[name]);
}

/** One query of one panel, for tests and tools that run or inspect every panel query. */
export interface PanelQueryRef {
  readonly dashboard: string;
  readonly panel: string;
  readonly refId: string;
  readonly expr: string;
}

/** Every query of every panel of the stack, in dashboard, row and panel order. */
export function panelQueries(stack: Stack): PanelQueryRef[] {
  return stack.dashboards.flatMap((d) => d.rows.flatMap((r) => r.panels.flatMap((p: Panel) =>
    p.queries.map((q: PanelQuery) => ({ dashboard: d.uid, panel: p.title, refId: q.refId, expr: q.expr.text })))));
}

/** The series names an expression selects, added to `out`. */
export function namesIn(n: Node, out: Set<string> = new Set()): Set<string> {
  switch (n.type) {
    case 'selector': if (n.name) out.add(n.name); break;
    case 'matrix': namesIn(n.selector, out); break;
    case 'subquery': case 'paren': case 'offset': case 'unary': namesIn(n.expr, out); break;
    case 'call': case 'aggregate': n.args.forEach((a) => namesIn(a, out)); break;
    case 'binary': namesIn(n.lhs, out); namesIn(n.rhs, out); break;
    default: break;
  }
  return out;
}

/** The series names a panel shows: its subject and every series its queries select. */
export function seriesShown(stack: Stack, p: Panel): Set<string> {
  const out = new Set<string>(p.series ? [p.series] : []);
  for (const q of p.queries) {
    const parsed = parsePromQL(checkableExpr(stack, q.expr.text));
    if (parsed.ok) namesIn(parsed.ast, out);
  }
  return out;
}
