// From a compiled stack's model to what the runtime reads: metric specs (as the generated registry carries them,
// plus buckets and summary settings) and the label values the stack's own queries select on, so the simulated
// series match its alerts, recording rules and panels. Used by the tools that run any stack (exporter CLI, up,
// the live judge); an application's exporter never loads this file, and so never the compiler.
import { executableExpr, panelQueries } from '../compiler/dashboard-queries.ts';
import type { Metric, Stack } from '../compiler/model.ts';
import { parsePromQL, selectorsIn } from '../compiler/promql/ast.ts';
import type { LabelValueHints } from './simulate.ts';
import type { MetricSpec } from './spec.ts';

/** The runtime's spec of one metric of the model. */
export function specOf(m: Metric): MetricSpec<string> {
  return {
    kind: m.kind,
    name: m.name,
    help: m.help,
    labels: [...m.labels],
    unit: m.unit,
    ...(m.range ? { range: m.range } : {}),
    thresholds: m.thresholds.map((t) => ({ ...t })),
    cardinalityLimit: m.cardinalityLimit,
    ...(Object.keys(m.labelValues).length ? { values: m.labelValues } : {}),
    ...(m.initialSeries ? { initialise: true } : {}),
    ...(m.kind === 'histogram' ? { buckets: [...m.buckets] } : {}),
    ...(m.kind === 'summary' ? { percentiles: [...m.percentiles], maxAgeSeconds: m.maxAgeSeconds, ageBuckets: m.ageBuckets } : {}),
  };
}

/** Every metric of the stack's exporter, by metric name. */
export function specsOf(stack: Stack): Record<string, MetricSpec<string>> {
  return Object.fromEntries(stack.metrics.map((m) => [m.name, specOf(m)]));
}

/** Every expression of the stack as Prometheus runs it: alerts, recording rules, panel queries. */
export function expressionsOf(stack: Stack): string[] {
  return [
    ...stack.ruleGroups.flatMap((g) => g.rules.map((r) => r.expr.text)),
    ...panelQueries(stack).map((q) => executableExpr(q.expr)),
  ];
}

/** A value a regular expression matches fully, found by simple means (first alternative, `.` as `0`,
 *  optional parts dropped, a character class as its first member); undefined when none of them works. */
export function sampleMatch(pattern: string): string | undefined {
  const full = (s: string) => new RegExp(`^(?:${pattern})$`).test(s);
  const first = pattern.split('|')[0]!.replace(/^\^|\$$/g, '').replace(/^\(|\)$/g, '');
  const candidate = first
    .replace(/\[([^\]])[^\]]*\]/g, '$1')
    .replace(/\\d/g, '0')
    .replace(/\\(.)/g, '$1')
    .replace(/.[*?]/g, '')
    .replace(/\+/g, '')
    .replace(/\./g, '0');
  for (const c of [candidate, first]) {
    try {
      if (full(c)) return c;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The label values the stack's expressions select on its own metrics (`status="500"`, `status=~"5.."` → 500),
 * by metric name and label: the simulation gives those labels these values besides synthetic ones.
 */
export function labelValueHints(stack: Stack): LabelValueHints {
  const byName = new Map(stack.metrics.map((m) => [m.name, m]));
  /** Series of a histogram or summary are selected as `<name>_bucket`, `_sum`, `_count`. */
  const metricOf = (series: string) => byName.get(series) ?? byName.get(series.replace(/_(bucket|sum|count)$/, ''));
  const hints: Record<string, Record<string, string[]>> = {};
  for (const expr of expressionsOf(stack)) {
    const parsed = parsePromQL(expr);
    if (!parsed.ok) continue;
    for (const { selector } of selectorsIn(parsed.ast)) {
      const metric = selector.name ? metricOf(selector.name) : undefined;
      if (!metric) continue;
      for (const m of selector.matchers) {
        if (!metric.labels.includes(m.label)) continue;
        const value = m.op === '=' ? m.value : m.op === '=~' ? sampleMatch(m.value) : undefined;
        if (value === undefined || value === '') continue;
        const forMetric = (hints[metric.name] ??= {});
        const values = (forMetric[m.label] ??= []);
        if (!values.includes(value)) values.push(value);
      }
    }
  }
  return hints;
}
