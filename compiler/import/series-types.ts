// The Prometheus type of each series no catalog declares, read from how the rules use it: rate() and friends and a
// `_total` name say counter, deriv() or *_over_time() say gauge, a `_bucket` series with its `_sum` and `_count` is
// a histogram, a series with a `quantile` label beside `_sum`/`_count` a summary. Each inference says why, for the
// `// check:` comment the stack file carries.
import type { MetricType } from '../model.ts';
import type { Node } from '../promql/ast.ts';

/** One declared family of the stack file's own catalog, and why it has its type. */
export interface InferredFamily {
  readonly name: string;
  readonly type: MetricType;
  readonly why: string;
}

/** A series left undeclared on purpose, and why (the compile then reports it where it is used). */
export interface Undeclared {
  readonly name: string;
  readonly why: string;
}

export interface UsedSeries {
  /** Where each name is selected: `alert X`, `record y`, in rule order. */
  readonly usedIn: ReadonlyMap<string, readonly string[]>;
  readonly counterUse: ReadonlyMap<string, string>;
  readonly gaugeUse: ReadonlyMap<string, string>;
  readonly quantileLabel: ReadonlySet<string>;
}

const counterFunctions = new Set(['rate', 'irate', 'increase', 'resets']);
const gaugeFunctions = new Set([
  'deriv', 'delta', 'idelta', 'predict_linear', 'holt_winters', 'double_exponential_smoothing',
  'avg_over_time', 'min_over_time', 'max_over_time', 'stddev_over_time', 'stdvar_over_time', 'quantile_over_time', 'mad_over_time',
]);

function first(map: Map<string, string>, name: string, where: string): void {
  if (!map.has(name)) map.set(name, where);
}

/** What the rules do with each series: where they select it, which functions read it, which matchers. */
export function usedSeries(rules: readonly { readonly where: string; readonly ast: Node }[]): UsedSeries {
  const usedIn = new Map<string, string[]>();
  const counterUse = new Map<string, string>();
  const gaugeUse = new Map<string, string>();
  const quantileLabel = new Set<string>();
  const visit = (n: Node, where: string): void => {
    switch (n.type) {
      case 'selector':
        if (!n.name) return;
        if (!usedIn.get(n.name)?.includes(where)) usedIn.set(n.name, [...(usedIn.get(n.name) ?? []), where]);
        if (n.matchers.some((m) => m.label === 'quantile')) quantileLabel.add(n.name);
        return;
      case 'matrix': return visit(n.selector, where);
      case 'subquery': case 'paren': case 'offset': case 'unary': return visit(n.expr, where);
      case 'call':
        for (const a of n.args) {
          const name = a.type === 'matrix' && a.selector.type === 'selector' ? a.selector.name : undefined;
          if (name && counterFunctions.has(n.fn)) first(counterUse, name, `${n.fn}() in ${where}`);
          if (name && gaugeFunctions.has(n.fn)) first(gaugeUse, name, `${n.fn}() in ${where}`);
          visit(a, where);
        }
        return;
      case 'aggregate': return n.args.forEach((a) => visit(a, where));
      case 'binary': visit(n.lhs, where); return visit(n.rhs, where);
      default:
    }
  };
  for (const r of rules) visit(r.ast, r.where);
  return { usedIn, counterUse, gaugeUse, quantileLabel };
}

function scalarType(name: string, used: UsedSeries): InferredFamily {
  const counter = used.counterUse.get(name);
  const gauge = used.gaugeUse.get(name);
  if (name.endsWith('_total')) return { name, type: 'counter', why: `counter: its name ends in _total${gauge ? `, though ${gauge} treats it as a gauge` : ''}` };
  if (counter && gauge) return { name, type: 'gauge', why: `gauge: ${gauge}, and its name does not end in _total, though ${counter} treats it as a counter` };
  if (counter) return { name, type: 'counter', why: `counter: ${counter}` };
  if (gauge) return { name, type: 'gauge', why: `gauge: ${gauge}` };
  return { name, type: 'gauge', why: 'gauge: no rule reads it with a counter function' };
}

/** Families for the unknown names; `selected` are every name the rules select (of any resolution). */
export function inferFamilies(unknown: readonly string[], selected: ReadonlySet<string>, used: UsedSeries): { families: InferredFamily[]; undeclared: Undeclared[]; familyOf: Map<string, string> } {
  const families: InferredFamily[] = [];
  const undeclared: Undeclared[] = [];
  const familyOf = new Map<string, string>();
  const pending = new Set(unknown);
  const take = (family: InferredFamily, parts: readonly string[]) => {
    families.push(family);
    for (const p of parts) if (pending.delete(p)) familyOf.set(p, family.name);
  };
  for (const name of unknown.filter((n) => n.endsWith('_bucket'))) {
    const base = name.slice(0, -'_bucket'.length);
    if (selected.has(base)) {
      // one family cannot be both: the bare series is queried as such, so the buckets are the mistake (or vice versa)
      pending.delete(name);
      undeclared.push({ name, why: `${name} reads the buckets of a histogram ${base}, but ${base} is also queried as a series of its own (${used.usedIn.get(base)![0]}); a histogram has no bare series` });
      continue;
    }
    take({ name: base, type: 'histogram', why: `histogram: ${name} is read as its buckets (${used.usedIn.get(name)![0]})` }, [name, `${base}_sum`, `${base}_count`]);
  }
  for (const name of unknown.filter((n) => pending.has(n) && used.quantileLabel.has(n))) {
    const parts = [`${name}_sum`, `${name}_count`].filter((p) => pending.has(p));
    if (parts.length) take({ name, type: 'summary', why: `summary: ${name} is selected by quantile and ${parts.join(' and ')} exist` }, [name, ...parts]);
  }
  for (const name of unknown.filter((n) => pending.has(n))) take(scalarType(name, used), [name]);
  families.sort((a, b) => a.name.localeCompare(b.name));
  return { families, undeclared, familyOf };
}
