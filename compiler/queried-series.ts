// The series a stack actually queries: in its rules and in its panels. What the stack deploys for external series
// (kube-state-metrics and the resources it may read) follows from these, not from every series a catalog lists, so
// a richer shipped catalog never widens a stack's RBAC.
import { seriesShown } from './dashboard-queries.ts';
import type { ExternalMetric, Stack } from './model.ts';
import { parsePromQL, seriesNamesIn } from './promql/ast.ts';

const computed = new WeakMap<Stack, ReadonlySet<string>>();

export function queriedSeries(stack: Stack): ReadonlySet<string> {
  const known = computed.get(stack);
  if (known) return known;
  const names = new Set<string>();
  for (const rule of stack.ruleGroups.flatMap((g) => g.rules)) {
    const parsed = parsePromQL(rule.expr.text);
    if (parsed.ok) for (const n of seriesNamesIn(parsed.ast)) names.add(n);
  }
  for (const panel of stack.dashboards.flatMap((d) => d.rows.flatMap((r) => r.panels))) for (const n of seriesShown(stack, panel)) names.add(n);
  computed.set(stack, names);
  return names;
}

/** True when a rule or panel selects the series (a histogram's or summary's by one of its parts). */
export function isQueried(stack: Stack, e: ExternalMetric): boolean {
  const names = queriedSeries(stack);
  return [e.name, `${e.name}_bucket`, `${e.name}_sum`, `${e.name}_count`].some((n) => names.has(n));
}
