// The labels of each series no catalog declares, inferred from the rules: a label a matcher, by(), without(),
// on(), ignoring(), group_left(), label_replace() or an annotation's {{ $labels.x }} reads must be on the series
// that carries it to that point, and both sides of a one-to-one match carry the same labels. Each requirement is
// pushed down the expression to the imported series it can come from (never into a shipped catalog, whose labels
// are known), with stackc's own checker telling what each part of the expression returns, until nothing changes.
import { ExpressionChecker, type Value } from '../promql/check.ts';
import { isSetOperator, type Node } from '../promql/ast.ts';
import { bareHistogram, externalSeries, type ForbiddenName, type SeriesIndex, type SeriesInfo } from '../promql/series-index.ts';
import type { ExternalMetric } from '../model.ts';
import { labelRef } from '../validate/rules.ts';

export interface RuleForLabels {
  readonly kind: 'alert' | 'recording';
  readonly name: string;
  readonly ast: Node;
  /** The rule's static labels, its group's included. */
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** Labels the scrape adds to every catalog series: never declared. */
const scrapeLabels = new Set(['job', 'instance']);
const labelFunctions = new Set(['label_replace', 'label_join']);

export interface LabelInput {
  readonly rules: readonly RuleForLabels[];
  /** Shipped catalog entries the stack lists (and Prometheus' own series), in the order the stack sees them. */
  readonly known: readonly ExternalMetric[];
  /** The stack's own catalog entries, their labels to be filled in. */
  readonly imported: readonly ExternalMetric[];
  /** The family of each imported series name (`x_bucket` → `x`). */
  readonly familyOf: ReadonlyMap<string, string>;
}

class Inference {
  readonly labels = new Map<string, Set<string>>();
  private recorded = new Map<string, ReadonlySet<string> | undefined>();
  private checker!: ExpressionChecker;
  private changed = false;
  private readonly recordings = new Map<string, RuleForLabels[]>();
  private readonly visiting = new Set<string>();

  constructor(private readonly input: LabelInput) {
    for (const e of input.imported) this.labels.set(e.name, new Set());
    for (const r of input.rules) if (r.kind === 'recording') this.recordings.set(r.name, [...(this.recordings.get(r.name) ?? []), r]);
  }

  private index(): SeriesIndex {
    const series = new Map<string, SeriesInfo>();
    const forbidden = new Map<string, ForbiddenName>();
    const entries = [...this.input.known, ...this.input.imported.map((e) => ({ ...e, labels: [...e.labels, ...this.labels.get(e.name)!].sort() }))];
    for (const e of entries) {
      for (const s of externalSeries(e)) series.set(s.name, s);
      if (e.type === 'histogram') forbidden.set(e.name, bareHistogram(e.name, ''));
    }
    for (const name of ['ALERTS', 'ALERTS_FOR_STATE']) series.set(name, { name, type: 'gauge', labels: undefined, origin: 'alerts', from: 'alerts' });
    for (const [name, labels] of this.recorded) series.set(name, { name, type: 'gauge', labels, origin: 'recording rule', from: `recording rule ${name}` });
    return { series, forbidden };
  }

  private value(n: Node): Value {
    return this.checker.check(n);
  }

  /** Recording rules' labels under the current inference, each name the union of the rules recording it. */
  private recordLabels(): void {
    for (let pass = 0; pass <= this.recordings.size; pass++) {
      this.checker = new ExpressionChecker(this.index(), 15_000);
      const next = new Map<string, ReadonlySet<string> | undefined>();
      for (const [name, rules] of this.recordings) {
        const sets = rules.map((r) => this.value(r.ast).labels).map((l, i) => (l ? new Set([...l, ...Object.keys(rules[i]!.labels)]) : undefined));
        next.set(name, sets.every((s) => s) ? new Set(sets.flatMap((s) => [...s!])) : undefined);
      }
      const same = [...next].every(([k, v]) => { const old = this.recorded.get(k); return v === old || (v && old && v.size === old.size); });
      this.recorded = next;
      if (same && pass > 0) break;
    }
    this.checker = new ExpressionChecker(this.index(), 15_000);
  }

  /** Makes `label` part of what `n` returns, where an imported series can give it. */
  private require(n: Node, label: string): void {
    const v = this.value(n);
    if (!v.labels || v.labels.has(label) || v.kind === 'scalar' || v.kind === 'string') return;
    switch (n.type) {
      case 'selector': return this.requireOnSeries(n.name, label);
      case 'matrix': return this.require(n.selector, label);
      case 'subquery': case 'paren': case 'offset': case 'unary': return this.require(n.expr, label);
      case 'call': {
        if (n.fn === 'absent' || n.fn === 'absent_over_time' || n.fn === 'vector' || n.fn === 'scalar') return;
        if (labelFunctions.has(n.fn)) return this.require(n.args[0]!, label);
        if (n.fn === 'histogram_quantile' || n.fn === 'histogram_fraction') return this.require(n.args[n.args.length - 1]!, label);
        const arg = n.args.find((a) => { const k = this.value(a).kind; return k === 'vector' || k === 'matrix'; });
        return arg ? this.require(arg, label) : undefined;
      }
      case 'aggregate': {
        const input = n.args[n.args.length - 1]!;
        if (['topk', 'bottomk', 'limitk', 'limit_ratio'].includes(n.op)) return this.require(input, label);
        if (n.grouping?.mode === 'without' && !n.grouping.labels.some((l) => l.name === label)) return this.require(input, label);
        return; // by () decides what the result has: a label outside it is the rule's mistake
      }
      case 'binary': {
        const [l, r] = [this.value(n.lhs), this.value(n.rhs)];
        if (l.kind !== 'vector') return this.require(n.rhs, label);
        if (r.kind !== 'vector') return this.require(n.lhs, label);
        if (isSetOperator(n.op)) {
          this.require(n.lhs, label);
          if (n.op === 'or') this.require(n.rhs, label);
          return;
        }
        const m = n.matching;
        if (m?.group) {
          const fromOne = m.group.labels.some((x) => x.name === label);
          const [many, one] = m.group.side === 'left' ? [n.lhs, n.rhs] : [n.rhs, n.lhs];
          return this.require(fromOne ? one : many, label);
        }
        if (m?.mode === 'on' || (m?.mode === 'ignoring' && m.labels.some((x) => x.name === label))) return;
        return this.require(n.lhs, label);
      }
      default:
    }
  }

  private requireOnSeries(name: string | undefined, label: string): void {
    if (!name) return;
    const family = this.input.familyOf.get(name);
    if (family !== undefined) {
      const set = this.labels.get(family)!;
      if (!set.has(label) && !scrapeLabels.has(label) && label !== 'le' && label !== 'quantile') {
        set.add(label);
        this.changed = true;
      }
      return;
    }
    const key = `${name}\u0000${label}`;
    if (this.visiting.has(key)) return;
    this.visiting.add(key);
    for (const r of this.recordings.get(name) ?? []) if (!(label in r.labels)) this.require(r.ast, label);
    this.visiting.delete(key);
  }

  /** The requirements one expression makes of its parts. */
  private constraints(n: Node): void {
    switch (n.type) {
      case 'selector':
        for (const m of n.matchers) this.requireOnSeries(n.name, m.label);
        return;
      case 'matrix': return this.constraints(n.selector);
      case 'subquery': case 'paren': case 'offset': case 'unary': return this.constraints(n.expr);
      case 'call':
        n.args.forEach((a) => this.constraints(a));
        if (labelFunctions.has(n.fn)) {
          const sources = n.fn === 'label_replace' ? [n.args[3]] : n.args.slice(3);
          for (const s of sources) if (s?.type === 'string' && s.value !== '') this.require(n.args[0]!, s.value);
        }
        return;
      case 'aggregate': {
        n.args.forEach((a) => this.constraints(a));
        for (const l of n.grouping?.labels ?? []) this.require(n.args[n.args.length - 1]!, l.name);
        return;
      }
      case 'binary': {
        this.constraints(n.lhs);
        this.constraints(n.rhs);
        const [l, r] = [this.value(n.lhs), this.value(n.rhs)];
        if (l.kind !== 'vector' || r.kind !== 'vector') return;
        const m = n.matching;
        for (const x of m?.labels ?? []) {
          if (m?.mode === 'on') { this.require(n.lhs, x.name); this.require(n.rhs, x.name); }
          else if (!l.labels?.has(x.name) && !r.labels?.has(x.name)) this.require(n.lhs, x.name);
        }
        for (const x of m?.group?.labels ?? []) this.require(m!.group!.side === 'left' ? n.rhs : n.lhs, x.name);
        if (isSetOperator(n.op) || m?.group || m?.mode === 'on' || !l.labels || !r.labels) return;
        // one-to-one: each side gets what only the other has, or no pair could ever match
        const ignored = new Set(m?.labels.map((x) => x.name) ?? []);
        for (const x of l.labels) if (!ignored.has(x) && !r.labels.has(x)) this.require(n.rhs, x);
        for (const x of r.labels) if (!ignored.has(x) && !l.labels.has(x)) this.require(n.lhs, x);
        return;
      }
      default:
    }
  }

  run(): void {
    for (let round = 0; round < 100; round++) {
      this.changed = false;
      this.recordLabels();
      for (const r of this.input.rules) {
        this.constraints(r.ast);
        if (r.kind === 'alert') {
          for (const text of Object.values(r.annotations)) for (const m of text.matchAll(labelRef)) this.require(r.ast, m[1]!);
        }
      }
      if (!this.changed) return;
    }
  }

  /** What `rule` returns under the inferred labels; undefined when the checker cannot say. */
  outputLabels(rule: RuleForLabels): ReadonlySet<string> | undefined {
    return this.value(rule.ast).labels;
  }
}

export interface InferredLabels {
  /** The labels each imported family gets (scrape labels aside), sorted. */
  readonly labels: ReadonlyMap<string, readonly string[]>;
  /** The labels each rule's expression returns, as the compile will see them (routing decides by them). */
  readonly outputs: ReadonlyMap<RuleForLabels, ReadonlySet<string> | undefined>;
}

export function inferLabels(input: LabelInput): InferredLabels {
  const inference = new Inference(input);
  inference.run();
  return {
    labels: new Map([...inference.labels].map(([k, v]) => [k, [...v].sort()])),
    outputs: new Map(input.rules.map((r) => [r, inference.outputLabels(r)])),
  };
}
