// Typed wrappers over prom-client metrics. prom-client's typings accept any subset of the label names
// (`Partial<Record<T, …>>`); these require exactly the declared ones, and drop label sets beyond the
// metric's cardinality limit instead of letting a bad label value grow memory and scrapes without bound.
import type { Counter, Gauge, Histogram, Summary } from 'prom-client';
import type { SelfMetrics } from './self-metrics.ts';
import type { MetricSpec } from './spec.ts';

/** Every declared label, each with a value: one of its declared values (V) when it declares them. */
export type LabelValues<L extends string, V = {}> = { readonly [K in L]: K extends keyof V ? V[K] : string | number };
/** Also rejects undeclared labels in a non-literal argument (object literals get excess-property checks anyway). */
export type ExactLabels<L extends string, T> = T & { readonly [K in Exclude<keyof T, L>]: never };

/** Admits at most `spec.cardinalityLimit` distinct label sets; counts every update it drops. */
export class CardinalityGuard {
  private readonly seen = new Set<string>();
  constructor(
    private readonly spec: MetricSpec,
    private readonly self: SelfMetrics,
  ) {}

  admit(labels: Readonly<Record<string, string | number>>): boolean {
    // a plain JavaScript caller is not held to the declared values by the compiler
    if (this.spec.values && this.spec.labels.some((name) => {
      const declared = this.spec.values![name];
      return declared !== undefined && !declared.includes(String(labels[name]));
    })) {
      this.self.undeclaredDropped.inc({ metric: this.spec.name });
      return false;
    }
    // unambiguous whatever the values hold (a separator character can appear inside a value and make two label
    // sets one key, letting the registry grow past the limit)
    const key = JSON.stringify(this.spec.labels.map((name) => String(labels[name])));
    if (this.seen.has(key)) return true;
    if (this.seen.size >= this.spec.cardinalityLimit) {
      this.self.cardinalityDropped.inc({ metric: this.spec.name });
      return false;
    }
    this.seen.add(key);
    return true;
  }

  /** Label sets currently admitted. */
  get size(): number {
    return this.seen.size;
  }
}

abstract class Labelled<L extends string, V = {}> {
  // Makes the wrapper invariant in L: a counter labelled {a, b} is not usable where {a} is expected, or back.
  declare private readonly labelType: (labels: LabelValues<L, V>) => LabelValues<L, V>;
  protected readonly guard: CardinalityGuard;
  constructor(
    readonly spec: MetricSpec<L>,
    self: SelfMetrics,
  ) {
    this.guard = new CardinalityGuard(spec, self);
  }
  /** Label sets currently kept (at most the cardinality limit). */
  get seriesCount(): number {
    return this.guard.size;
  }
}

export class LabelledCounter<L extends string, V = {}> extends Labelled<L, V> {
  constructor(spec: MetricSpec<L>, readonly metric: Counter<L>, self: SelfMetrics) {
    super(spec, self);
  }
  inc<T extends LabelValues<L, V>>(labels: ExactLabels<L, T>, value = 1): void {
    if (this.guard.admit(labels)) this.metric.inc(labels, value);
  }
}

export class LabelledGauge<L extends string, V = {}> extends Labelled<L, V> {
  constructor(spec: MetricSpec<L>, readonly metric: Gauge<L>, self: SelfMetrics) {
    super(spec, self);
  }
  set<T extends LabelValues<L, V>>(labels: ExactLabels<L, T>, value: number): void {
    if (this.guard.admit(labels)) this.metric.set(labels, value);
  }
  inc<T extends LabelValues<L, V>>(labels: ExactLabels<L, T>, value = 1): void {
    if (this.guard.admit(labels)) this.metric.inc(labels, value);
  }
  dec<T extends LabelValues<L, V>>(labels: ExactLabels<L, T>, value = 1): void {
    if (this.guard.admit(labels)) this.metric.dec(labels, value);
  }
  /** Current value of every label set that was set. */
  async values(): Promise<number[]> {
    return (await this.metric.get()).values.map((v) => v.value);
  }
}

export class LabelledHistogram<L extends string, V = {}> extends Labelled<L, V> {
  constructor(spec: MetricSpec<L>, readonly metric: Histogram<L>, self: SelfMetrics) {
    super(spec, self);
  }
  observe<T extends LabelValues<L, V>>(labels: ExactLabels<L, T>, value: number): void {
    if (this.guard.admit(labels)) this.metric.observe(labels, value);
  }
  /** Exposes the label set with every bucket at 0, before anything is observed. */
  zero<T extends LabelValues<L, V>>(labels: ExactLabels<L, T>): void {
    if (this.guard.admit(labels)) this.metric.zero(labels);
  }
}

export class LabelledSummary<L extends string, V = {}> extends Labelled<L, V> {
  constructor(spec: MetricSpec<L>, readonly metric: Summary<L>, self: SelfMetrics) {
    super(spec, self);
  }
  observe<T extends LabelValues<L, V>>(labels: ExactLabels<L, T>, value: number): void {
    if (this.guard.admit(labels)) this.metric.observe(labels, value);
  }
}

// Metrics without labels have one series: no guard, and no label argument to get wrong.

export class PlainCounter {
  constructor(readonly spec: MetricSpec<never>, readonly metric: Counter) {}
  inc(value = 1): void {
    this.metric.inc(value);
  }
}

export class PlainGauge {
  private current: number | undefined;
  constructor(readonly spec: MetricSpec<never>, readonly metric: Gauge) {}
  set(value: number): void {
    this.current = value;
    this.metric.set(value);
  }
  inc(value = 1): void {
    this.set((this.current ?? 0) + value);
  }
  dec(value = 1): void {
    this.set((this.current ?? 0) - value);
  }
  /** The value, once something set it: prom-client exposes an unset gauge as 0, which is not a measurement. */
  get value(): number | undefined {
    return this.current;
  }
  async values(): Promise<number[]> {
    return this.current === undefined ? [] : [this.current];
  }
}

export class PlainHistogram {
  constructor(readonly spec: MetricSpec<never>, readonly metric: Histogram) {}
  observe(value: number): void {
    this.metric.observe(value);
  }
  /** Exposes the histogram with every bucket at 0, before anything is observed. */
  zero(): void {
    this.metric.zero({});
  }
}

export class PlainSummary {
  constructor(readonly spec: MetricSpec<never>, readonly metric: Summary) {}
  observe(value: number): void {
    this.metric.observe(value);
  }
}

/** What the runtime needs of any wrapper, whatever its labels (the wrappers themselves are invariant in L). */
export interface MetricHandle {
  readonly spec: MetricSpec<string>;
}
/** A gauge whose current values can be read, e.g. for the health score. */
export interface GaugeHandle extends MetricHandle {
  values(): Promise<number[]>;
}
