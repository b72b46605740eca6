// A small PromQL evaluator for steady inputs: every gauge holds a constant and every counter grows at a constant
// rate from 0. Under those inputs the functions stackc's rules use have closed forms (rate = slope, avg_over_time =
// the constant, histogram_quantile = linear interpolation of bucket rates), so the expected output of a recording
// rule can be predicted independently of Prometheus, and `promtool test rules` then judges the prediction.
// Arithmetic follows Prometheus' own order of operations, so predictions match to the bit.
import { parseDuration } from '../duration.ts';
import type { Target } from '../model.ts';
import type { Node } from '../promql/ast.ts';
import { functions } from '../promql/functions.ts';
import { matches } from './label-values.ts';

export interface SteadySeries {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** A gauge's constant value, or a counter's increase per second (it starts at 0). */
  readonly kind: 'gauge' | 'counter';
  readonly value: number;
  /** A gauge's value at the last sample only (at the evaluation time): a step that tells avg, max, min,
   *  last and quantile over time apart. */
  readonly last?: number;
}

export interface Sample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

type Value = { readonly type: 'scalar'; readonly value: number } | { readonly type: 'vector'; readonly samples: readonly Sample[] };

/** An expression outside what the evaluator can predict; the rule then needs a test written in the stack. */
export class Unsupported extends Error {}

function key(labels: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

function pick(labels: Readonly<Record<string, string>>, keep: (l: string) => boolean): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([l]) => keep(l)));
}

/** Prometheus' bucketQuantile for cumulative bucket values sorted by upper bound. */
function bucketQuantile(q: number, buckets: readonly { upper: number; count: number }[]): number {
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...buckets].sort((a, b) => a.upper - b.upper);
  if (sorted.length < 2 || sorted[sorted.length - 1]!.upper !== Infinity) return NaN;
  const observations = sorted[sorted.length - 1]!.count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  const b = sorted.findIndex((x) => x.count >= rank);
  if (b === sorted.length - 1) return sorted[sorted.length - 2]!.upper;
  if (b === 0 && sorted[0]!.upper <= 0) return sorted[0]!.upper;
  let bucketStart = 0;
  const bucketEnd = sorted[b]!.upper;
  let count = sorted[b]!.count;
  if (b > 0) {
    bucketStart = sorted[b - 1]!.upper;
    count -= sorted[b - 1]!.count;
    rank -= sorted[b - 1]!.count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

/** Prometheus 3's kahansum.Inc over `xs` from the first value: the sum and its compensation, added last. */
function kahanSum(xs: readonly number[]): [number, number] {
  let sum = xs[0] ?? 0;
  let c = 0;
  for (const x of xs.slice(1)) {
    const t = sum + x;
    if (!Number.isFinite(t)) c = 0;
    else if (Math.abs(sum) >= Math.abs(x)) c += sum - t + x;
    else c += x - t + sum;
    sum = t;
  }
  return [sum, c];
}

/** Prometheus' quantile(): linear interpolation between the two closest ranks. */
function quantileOf(phi: number, values: readonly number[]): number {
  if (values.length === 0 || Number.isNaN(phi)) return NaN;
  if (phi < 0) return -Infinity;
  if (phi > 1) return Infinity;
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const rank = phi * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return sorted[lower]! * (1 - weight) + sorted[upper]! * weight;
}

/** The *_over_time functions over a window of gauge samples, in Prometheus' order of operations. */
const overTime: Readonly<Record<string, ((values: number[], phi: number) => number) | undefined>> = {
  // Prometheus' incremental mean
  avg_over_time: (xs) => xs.reduce((mean, x, i) => mean + (x / (i + 1) - mean / (i + 1)), 0),
  min_over_time: (xs) => Math.min(...xs),
  max_over_time: (xs) => Math.max(...xs),
  last_over_time: (xs) => xs[xs.length - 1]!,
  quantile_over_time: (xs, phi) => quantileOf(phi, xs),
};
const zeroOverTime = new Set(['stddev_over_time', 'stdvar_over_time']);

export class SteadyState {
  constructor(
    private readonly series: readonly SteadySeries[],
    /** Seconds since the first sample. */
    private readonly at: number,
    /** Seconds between samples. */
    private readonly interval: number,
    /** Whose range selectors: 3's leave out a sample exactly at the window's start, 2's keep it. */
    private readonly target: Target['prometheus'] = '3',
  ) {}

  evaluate(n: Node): Value {
    switch (n.type) {
      case 'number': return { type: 'scalar', value: n.value };
      case 'paren': return this.evaluate(n.expr);
      case 'unary': return this.map(this.evaluate(n.expr), (v) => -v);
      case 'selector': return { type: 'vector', samples: this.select(n).map((s) => ({ labels: s.labels, value: s.kind === 'gauge' ? (s.last ?? s.value) : s.value * this.at })) };
      case 'call': return this.call(n);
      case 'aggregate': return this.aggregate(n);
      case 'binary': return this.binary(n);
      default: throw new Unsupported(`${n.type} expressions`);
    }
  }

  private select(n: Extract<Node, { type: 'selector' }>): SteadySeries[] {
    return this.series.filter((s) => s.name === n.name && n.matchers.every((m) => matches(m, s.labels[m.label])));
  }

  private map(v: Value, f: (x: number) => number): Value {
    return v.type === 'scalar' ? { type: 'scalar', value: f(v.value) } : { type: 'vector', samples: v.samples.map((s) => ({ labels: s.labels, value: f(s.value) })) };
  }

  private range(arg: Node | undefined): { series: SteadySeries[]; seconds: number } {
    if (arg?.type !== 'matrix' || arg.selector.type !== 'selector') throw new Unsupported('range functions over anything but a range selector');
    const seconds = (parseDuration(arg.range) ?? 0) / 1000;
    if (seconds > this.at) throw new Unsupported('a range longer than the test');
    return { series: this.select(arg.selector), seconds };
  }

  private call(n: Extract<Node, { type: 'call' }>): Value {
    const vec = (samples: Sample[]): Value => ({ type: 'vector', samples });
    // a call Prometheus would refuse (the checker reports it) has nothing to predict
    const sig = functions[n.fn];
    if (sig && (n.args.length < sig.args.length - (sig.optional ?? 0) || (!sig.variadic && n.args.length > sig.args.length))) {
      throw new Unsupported(`${n.fn}() with ${n.args.length} arguments`);
    }
    switch (n.fn) {
      case 'rate':
      case 'increase': {
        const { series, seconds } = this.range(n.args[0]);
        return vec(series.map((s) => ({ labels: s.labels, value: this.extrapolatedRate(s, seconds, n.fn === 'rate') })));
      }
      case 'irate': {
        const { series, seconds } = this.range(n.args[0]);
        return vec(series.map((s) => {
          const [previous, last] = this.counterWindow(s, seconds).slice(-2);
          return { labels: s.labels, value: (last!.v - previous!.v) / (last!.t - previous!.t) };
        }));
      }
      case 'resets':
        return vec(this.range(n.args[0]).series.map((s) => ({ labels: s.labels, value: 0 })));
      case 'deriv':
      case 'delta':
      case 'idelta':
        return vec(this.range(n.args[0]).series.map((s) => ({ labels: s.labels, value: s.last === undefined ? 0 : this.unsupported(`${n.fn}() of a changing gauge`) })));
      case 'histogram_quantile': return this.histogramQuantile(n);
      case 'vector': {
        const v = this.evaluate(n.args[0]!);
        if (v.type !== 'scalar') throw new Unsupported('vector() of a vector');
        return vec([{ labels: {}, value: v.value }]);
      }
      case 'time': return { type: 'scalar', value: this.at };
      case 'abs': return this.map(this.evaluate(n.args[0]!), Math.abs);
      case 'ceil': return this.map(this.evaluate(n.args[0]!), Math.ceil);
      case 'floor': return this.map(this.evaluate(n.args[0]!), Math.floor);
      default:
        if (overTime[n.fn]) {
          const phi = n.fn === 'quantile_over_time' ? this.evaluate(n.args[0]!) : undefined;
          const { series, seconds } = this.range(n.fn === 'quantile_over_time' ? n.args[1] : n.args[0]);
          return vec(series.map((s) => ({ labels: s.labels, value: overTime[n.fn]!(this.window(s, seconds, n.fn), phi?.type === 'scalar' ? phi.value : NaN) })));
        }
        if (zeroOverTime.has(n.fn)) {
          return vec(this.range(n.args[0]).series.map((s) => ({ labels: s.labels, value: s.last === undefined ? 0 : this.unsupported(`${n.fn}() of a changing gauge`) })));
        }
        throw new Unsupported(`${n.fn}()`);
    }
  }

  /** The indexes of the samples (one every interval from 0) inside (at - seconds, at] in Prometheus 3, [at - seconds,
   *  at] in 2. */
  private windowIndexes(seconds: number): { first: number; last: number } {
    const last = Math.floor(this.at / this.interval);
    const start = (this.at - seconds) / this.interval;
    return { first: Math.max(0, this.target === '3' ? Math.floor(start) + 1 : Math.ceil(start)), last };
  }

  /** A counter's samples in the window: promtool's `0+bxN` adds b once per step, so the values are sums, not products. */
  private counterWindow(s: SteadySeries, seconds: number): { t: number; v: number }[] {
    const { first, last } = this.windowIndexes(seconds);
    if (last - first < 1) this.unsupported('a range window holding fewer than two samples');
    const step = s.value * this.interval;
    const samples: { t: number; v: number }[] = [];
    for (let k = 0, v = 0; k <= last; k++, v += step) if (k >= first) samples.push({ t: k * this.interval, v });
    return samples;
  }

  /** rate() and increase() as Prometheus computes them, extrapolating to the window's ends (functions.go,
   *  extrapolatedRate): the arithmetic differs in its last steps between 2 and 3, and the tests compare to the bit. */
  private extrapolatedRate(s: SteadySeries, seconds: number, isRate: boolean): number {
    const samples = this.counterWindow(s, seconds);
    const first = samples[0]!;
    const last = samples[samples.length - 1]!;
    const result = last.v - first.v;
    let durationToStart = first.t - (this.at - seconds);
    let durationToEnd = this.at - last.t;
    const sampledInterval = last.t - first.t;
    const average = sampledInterval / (samples.length - 1);
    const threshold = average * 1.1;
    const toZero = result > 0 && first.v >= 0 ? sampledInterval * (first.v / result) : Infinity;
    // 2 stops at the counter's zero point before judging the distance to the start, 3 after
    if (this.target === '2') durationToStart = Math.min(durationToStart, toZero);
    if (durationToStart >= threshold) durationToStart = average / 2;
    if (this.target === '3') durationToStart = Math.min(durationToStart, toZero);
    if (durationToEnd >= threshold) durationToEnd = average / 2;
    if (this.target === '2') {
      const extrapolated = result * ((sampledInterval + durationToStart + durationToEnd) / sampledInterval);
      return isRate ? extrapolated / seconds : extrapolated;
    }
    let factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
    if (isRate) factor /= seconds;
    return result * factor;
  }

  /** A gauge's samples (one every interval from 0) inside (at - seconds, at] in Prometheus 3, [at - seconds, at] in 2. */
  private window(s: SteadySeries, seconds: number, fn: string): number[] {
    if (s.kind !== 'gauge') this.unsupported(`${fn}() over a counter`);
    const { first, last } = this.windowIndexes(seconds);
    const count = last - first + 1;
    if (count < 1) this.unsupported('a range window holding no sample');
    return [...Array<number>(count - 1).fill(s.value), s.last ?? s.value];
  }

  private unsupported(what: string): never {
    throw new Unsupported(what);
  }

  private histogramQuantile(n: Extract<Node, { type: 'call' }>): Value {
    const q = this.evaluate(n.args[0]!);
    const v = this.evaluate(n.args[1]!);
    if (q.type !== 'scalar' || v.type !== 'vector') throw new Unsupported('histogram_quantile() with these arguments');
    const groups = new Map<string, { labels: Record<string, string>; buckets: { upper: number; count: number }[] }>();
    for (const s of v.samples) {
      const labels = pick(s.labels, (l) => l !== 'le');
      const g = groups.get(key(labels)) ?? { labels, buckets: [] };
      g.buckets.push({ upper: s.labels.le === '+Inf' ? Infinity : Number(s.labels.le), count: s.value });
      groups.set(key(labels), g);
    }
    return { type: 'vector', samples: [...groups.values()].map((g) => ({ labels: g.labels, value: bucketQuantile(q.value, g.buckets) })) };
  }

  private aggregate(n: Extract<Node, { type: 'aggregate' }>): Value {
    if (n.args.length === 0) throw new Unsupported(`${n.op}() without an argument`);
    const input = this.evaluate(n.args[n.args.length - 1]!);
    if (input.type !== 'vector') throw new Unsupported('aggregating a scalar');
    const g = n.grouping;
    const keep = (l: string) => (!g ? false : g.mode === 'by' ? g.labels.some((x) => x.name === l) : !g.labels.some((x) => x.name === l));
    const groups = new Map<string, { labels: Record<string, string>; values: number[] }>();
    for (const s of input.samples) {
      const labels = pick(s.labels, keep);
      const group = groups.get(key(labels)) ?? { labels, values: [] };
      group.values.push(s.value);
      groups.set(key(labels), group);
    }
    // 3 sums with Kahan-Neumaier compensation and averages the compensated sum; 2 adds plainly, mean incrementally
    const three = this.target === '3';
    const reduce: Record<string, ((xs: number[]) => number) | undefined> = {
      sum: (xs) => (three ? kahanSum(xs).reduce((a, b) => a + b) : xs.reduce((a, b) => a + b, 0)),
      avg: (xs) => (three
        ? kahanSum(xs).reduce((sum, c) => sum / xs.length + c / xs.length)
        : xs.reduce((mean, x, i) => (i === 0 ? x : mean + x / (i + 1) - mean / (i + 1)), 0)),
      min: (xs) => Math.min(...xs),
      max: (xs) => Math.max(...xs),
      count: (xs) => xs.length,
      group: () => 1,
    };
    const f = reduce[n.op];
    if (!f) throw new Unsupported(`${n.op}()`);
    return { type: 'vector', samples: [...groups.values()].map((gr) => ({ labels: gr.labels, value: f(gr.values) })) };
  }

  private binary(n: Extract<Node, { type: 'binary' }>): Value {
    const lhs = this.evaluate(n.lhs);
    const rhs = this.evaluate(n.rhs);
    const op = arithmetic[n.op];
    const cmp = comparison[n.op];
    if (!op && !cmp) throw new Unsupported(`the ${n.op} operator`);
    const apply = (a: number, b: number): number | undefined => {
      if (op) return op(a, b);
      const keepIt = cmp!(a, b);
      return n.bool ? (keepIt ? 1 : 0) : keepIt ? a : undefined;
    };
    if (lhs.type === 'scalar' && rhs.type === 'scalar') return { type: 'scalar', value: op ? op(lhs.value, rhs.value) : cmp!(lhs.value, rhs.value) ? 1 : 0 };
    if (lhs.type === 'vector' && rhs.type === 'scalar') {
      return { type: 'vector', samples: lhs.samples.flatMap((s) => { const v = apply(s.value, rhs.value); return v === undefined ? [] : [{ labels: s.labels, value: v }]; }) };
    }
    if (lhs.type === 'scalar' && rhs.type === 'vector') {
      return { type: 'vector', samples: rhs.samples.flatMap((s) => { const v = op ? op(lhs.value, s.value) : cmp!(lhs.value, s.value) ? (n.bool ? 1 : s.value) : n.bool ? 0 : undefined; return v === undefined ? [] : [{ labels: s.labels, value: v }]; }) };
    }
    if (lhs.type !== 'vector' || rhs.type !== 'vector') throw new Unsupported('this operation');
    const m = n.matching;
    if (m?.group) throw new Unsupported('group_left / group_right');
    const signature = (labels: Readonly<Record<string, string>>) =>
      key(pick(labels, (l) => (m?.mode === 'on' ? m.labels.some((x) => x.name === l) : !(m?.labels ?? []).some((x) => x.name === l))));
    const right = new Map(rhs.samples.map((s) => [signature(s.labels), s]));
    return {
      type: 'vector',
      samples: lhs.samples.flatMap((s) => {
        const r = right.get(signature(s.labels));
        if (!r) return [];
        const v = apply(s.value, r.value);
        const labels = m?.mode === 'on' ? pick(s.labels, (l) => m.labels.some((x) => x.name === l)) : pick(s.labels, (l) => !(m?.labels ?? []).some((x) => x.name === l));
        return v === undefined ? [] : [{ labels, value: v }];
      }),
    };
  }
}

const arithmetic: Record<string, ((a: number, b: number) => number) | undefined> = {
  '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b, '/': (a, b) => a / b, '%': (a, b) => a % b, '^': (a, b) => a ** b,
};
const comparison: Record<string, ((a: number, b: number) => boolean) | undefined> = {
  '==': (a, b) => a === b, '!=': (a, b) => a !== b, '>': (a, b) => a > b, '<': (a, b) => a < b, '>=': (a, b) => a >= b, '<=': (a, b) => a <= b,
};
