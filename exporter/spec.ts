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
  /** A histogram's bucket bounds, passed to prom-client. @default prom-client's */
  readonly buckets?: readonly number[];
  /** A summary's quantiles, window and age buckets, as for `buckets`. */
  readonly percentiles?: readonly number[];
  readonly maxAgeSeconds?: number;
  readonly ageBuckets?: number;
}
