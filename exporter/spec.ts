// What the runtime knows about each metric: the model's facts, copied into the generated registry as literals.
// Kept apart from compiler/model.ts so a deployed exporter needs nothing of the compiler.

export type MetricKind = 'counter' | 'gauge' | 'histogram' | 'summary';
export type Severity = 'info' | 'warning' | 'critical';
export type Unit = 'seconds' | 'bytes' | 'ratio' | 'percent' | 'none';

/** One threshold level of a gauge, as the stack declares it. */
export interface ThresholdSpec {
  readonly severity: Severity;
  readonly direction: 'above' | 'below';
  readonly value: number;
  readonly for: string;
}

/** A metric of the stack: name, labels, unit, thresholds and cardinality budget. */
export interface MetricSpec<L extends string = string> {
  readonly kind: MetricKind;
  readonly name: string;
  readonly help: string;
  readonly labels: readonly L[];
  readonly unit: Unit;
  readonly range?: readonly [number, number];
  readonly thresholds: readonly ThresholdSpec[];
  /** Most label sets kept; new ones beyond it are dropped and counted in a self-metric. */
  readonly cardinalityLimit: number;
  /** The values of each label that declares them; an update with another value is dropped and counted. */
  readonly values?: { readonly [K in L]?: readonly string[] };
  /** Every combination of the declared values starts at 0 (counters and histograms whose labels all declare them). */
  readonly initialise?: boolean;
  /** A histogram's bucket bounds, passed to prom-client. @default prom-client's */
  readonly buckets?: readonly number[];
  /** A summary's quantiles, window and age buckets, as for `buckets`. */
  readonly percentiles?: readonly number[];
  readonly maxAgeSeconds?: number;
  readonly ageBuckets?: number;
}

/** Every combination of the declared values, the first label varying slowest, values in declared order. */
export function declaredCombinations<L extends string>(spec: Pick<MetricSpec<L>, 'labels' | 'values'>): Record<L, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const label of spec.labels) {
    const values = spec.values?.[label] ?? [];
    out = out.flatMap((partial) => values.map((v) => ({ ...partial, [label]: v })));
  }
  return out as Record<L, string>[];
}
