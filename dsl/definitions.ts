// Which objects define the series a stack lists or uses. A stack built by reuse can hold two objects for one metric
// name (the one in `metrics`, and an older one a reused rule group or dashboard still refers to); the model records
// every object reached, with who reached it, so validation can refuse two definitions that disagree.
import type { Metric, SeriesDefinition, SourceRef } from '../compiler/model.ts';
import type { QueryInput } from './dashboard.ts';
import type { MetricDefinition } from './metrics.ts';
import type { AlertDefinition, Recording } from './rules.ts';
import type { Defined } from './series.ts';
import type { StackDefinition } from './stack.ts';
import { isTagged } from './tags.ts';
import type { TestDefinition } from './tests.ts';

type Use = { readonly what: string; readonly source: SourceRef };

/** What a definition says, field by field, as text: the location is left out on purpose. */
function contentOf(d: Defined): Record<string, string> {
  const fields = isTagged<Recording<string>>(d, 'recording')
    ? { expr: d.exprText, labels: d.labels, unit: d.unit, range: d.range, thresholds: d.thresholdsInput }
    : (({ metricType, help, labels, unit, range, thresholdsInput, cardinalityLimit, buckets, percentiles, maxAgeSeconds, ageBuckets }: MetricDefinition) =>
      ({ type: metricType, help, labels, unit, range, thresholds: thresholdsInput, cardinalityLimit, buckets, percentiles, maxAgeSeconds, ageBuckets }))(d as unknown as MetricDefinition);
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => [k, JSON.stringify(v)]));
}

function queryUses(q: QueryInput): readonly Defined[] {
  return 'uses' in q ? q.uses : q.expr.uses;
}

/** Every definition the stack reaches from its metrics, rule groups, dashboards and tests. */
export function definitionsOf(def: StackDefinition, metricOf: (d: MetricDefinition) => Metric): SeriesDefinition[] {
  const o = def.options;
  const uses = new Map<Defined, Use[]>();
  const declared = new Set<Defined>();
  const reach = (d: Defined, use: Use) => {
    const known = uses.get(d);
    if (known) return void known.push(use);
    uses.set(d, [use]);
    // a recording rule reached from anywhere brings the series its expression selects
    if (isTagged<Recording<string>>(d, 'recording')) for (const x of d.exprUses) reach(x, { what: `record ${d.name}`, source: d.source });
  };
  const testsOf = (tests: readonly TestDefinition[], rule: string) => {
    for (const t of tests) for (const i of t.options.input) for (const d of i.uses) reach(d, { what: `test "${t.options.name}" of ${rule}`, source: t.source });
  };

  for (const m of o.metrics as readonly Defined[]) {
    declared.add(m);
    reach(m, { what: 'metrics', source: def.source });
  }
  for (const g of [...o.groups, ...(o.slos ?? []).map((s) => s.group)]) {
    for (const r of g.rules) {
      if (isTagged<AlertDefinition>(r, 'alert')) {
        for (const d of r.uses) reach(d, { what: `alert ${r.name}`, source: r.source });
        testsOf(r.tests, `alert ${r.name}`);
      } else {
        declared.add(r);
        reach(r, { what: `group ${g.name}`, source: g.source });
        testsOf(r.tests, `record ${r.name}`);
      }
    }
  }
  for (const dashboard of o.dashboards ?? []) {
    const panels = [...(dashboard.options.panels ?? []), ...(dashboard.options.rows ?? []).flatMap((row) => row.panels)];
    for (const p of panels) {
      const what = `panel "${p.options.title ?? p.subject?.name ?? p.type}" of dashboard ${dashboard.options.uid}`;
      if (p.subject) reach(p.subject as unknown as Defined, { what, source: p.source });
      for (const q of p.options.queries ?? []) for (const d of queryUses(q)) reach(d, { what, source: p.source });
    }
  }
  return [...uses].map(([d, usedBy]) => ({
    kind: 'definition',
    name: d.name,
    of: isTagged(d, 'recording') ? 'recording rule' : 'metric',
    content: contentOf(d),
    source: d.source,
    usedBy,
    declared: declared.has(d),
    ...(isTagged<MetricDefinition>(d, 'metric') ? { metric: metricOf(d) } : {}),
  }));
}
