// Metric builders: each metric is defined once, with its labels kept as literal types.
import type { Direction, Severity, SourceRef, TargetLabel, Unit } from '../compiler/model.ts';
import { defines, seriesOf, type Duration, type Series } from './series.ts';
import { callSite } from './source.ts';
import { tag } from './tags.ts';

/** One threshold level: `{ above: 80, for: '2m' }` or `{ below: 0.85, for: '5m' }`. */
export type ThresholdLevel =
  | { readonly above: number; readonly below?: never; readonly for?: Duration }
  | { readonly below: number; readonly above?: never; readonly for?: Duration };

/** Threshold levels by severity. Each level becomes an alert, a panel colour step and a generated rule test. */
export type ThresholdsInput = { readonly [S in Severity]?: ThresholdLevel };

/** A label whose values are not declared: any value; the metric's cardinality limit still bounds its series. */
export interface OpenLabel { readonly open: true }
/** Marks an open label in a labels record: `labels: { method: ['GET', 'POST'], route: open }`. */
export const open: OpenLabel = Object.freeze({ open: true });

/**
 * A metric's labels: a list of names (every value open), or by name with the values each can take
 * (`{ method: ['GET', 'POST'], status: ['2xx', '5xx'], route: open }`). Declared values are literal types: an
 * exporter call or a matcher with another value does not compile, and the registries start each combination at 0.
 */
export type LabelsInput = readonly string[] | { readonly [label: string]: readonly string[] | OpenLabel };
/** The label names of a labels input. */
export type LabelNamesOf<I extends LabelsInput> = I extends readonly string[] ? I[number] : Extract<keyof I, string>;
/** The declared values of each label that declares them. */
export type LabelValuesOf<I extends LabelsInput> = I extends readonly string[] ? {}
  : { readonly [K in keyof I as I[K] extends readonly string[] ? K : never]: I[K] extends readonly (infer V)[] ? V : never };

interface CommonOptions<L extends LabelsInput> {
  /** Prometheus metric name, e.g. `disk_usage_percent`. Counters end in `_total`. */
  readonly name: string;
  /** One-line description, exported as HELP and used as the panel description. */
  readonly help: string;
  /** Labels the exporter sets: names, or names with their values (see LabelsInput). @default [] */
  readonly labels?: L;
  /** Unit of the value; the name must end in its suffix (`_seconds`, `_bytes`, `_ratio`, `_percent`). @default 'none' */
  readonly unit?: Unit;
  /** Inclusive bounds of the value, for unit 'none' gauges such as a 0–100 score. @default from the unit */
  readonly range?: readonly [number, number];
  /** Most label sets the exporter keeps; beyond it new ones are dropped and counted. @default 1000 */
  readonly cardinalityLimit?: number;
}

/** Only a gauge's value can be compared with a threshold; counters and histograms take none. */
type NoThresholds = { readonly thresholds?: never };

type MetricOptions<L extends LabelsInput, Th extends ThresholdsInput> = CommonOptions<L> & {
  /** Alert thresholds by severity. @example { warning: { above: 80, for: '2m' }, critical: { above: 90, for: '1m' } } */
  readonly thresholds?: Th;
};

/** What every metric object carries at run time, read by dsl/to-model.ts. */
export interface MetricDefinition {
  readonly [tag]: 'metric';
  readonly metricType: 'counter' | 'gauge' | 'histogram' | 'summary';
  readonly name: string;
  readonly help: string;
  readonly labels: readonly string[];
  /** Declared values by label (open labels are not listed). */
  readonly labelValues: Readonly<Record<string, readonly string[]>>;
  readonly unit: Unit;
  readonly range?: readonly [number, number];
  readonly thresholdsInput: ThresholdsInput;
  readonly cardinalityLimit: number;
  readonly source: SourceRef;
  readonly buckets?: readonly number[];
  readonly percentiles?: readonly number[];
  readonly maxAgeSeconds?: number;
  readonly ageBuckets?: number;
}

type Labels<L extends LabelsInput> = LabelNamesOf<L> | TargetLabel;

export type Counter<L extends string, V = {}> = MetricDefinition & Series<'counter', L | TargetLabel, V> & {
  readonly metricType: 'counter';
  readonly declaredLabels?: L;
};
export type Gauge<L extends string, Th extends ThresholdsInput = ThresholdsInput, V = {}> = MetricDefinition &
  Series<'gauge', L | TargetLabel, V> & {
    readonly metricType: 'gauge';
    readonly declaredLabels?: L;
    readonly thresholdLevels?: Th;
  };
/** A histogram has no bare series: query its `bucket`, `sum` or `count`. */
export type Histogram<L extends string, V = {}> = MetricDefinition & {
  readonly metricType: 'histogram';
  readonly declaredLabels?: L;
  readonly bucket: Series<'counter', L | TargetLabel | 'le', V>;
  readonly sum: Series<'counter', L | TargetLabel, V>;
  readonly count: Series<'counter', L | TargetLabel, V>;
};
export type Summary<L extends string, V = {}> = MetricDefinition & {
  readonly metricType: 'summary';
  readonly declaredLabels?: L;
  readonly quantiles: Series<'gauge', L | TargetLabel | 'quantile', V>;
  readonly sum: Series<'counter', L | TargetLabel, V>;
  readonly count: Series<'counter', L | TargetLabel, V>;
};

const isOpen = (v: readonly string[] | OpenLabel): v is OpenLabel => !Array.isArray(v);

function labelsOf(input: LabelsInput | undefined): { labels: readonly string[]; labelValues: Record<string, readonly string[]> } {
  if (input === undefined) return { labels: [], labelValues: {} };
  if (Array.isArray(input)) return { labels: input as readonly string[], labelValues: {} };
  const entries = Object.entries(input as Record<string, readonly string[] | OpenLabel>);
  return {
    labels: entries.map(([name]) => name),
    labelValues: Object.fromEntries(entries.flatMap(([name, v]) => (isOpen(v) ? [] : [[name, [...v]]]))),
  };
}

function definition(metricType: MetricDefinition['metricType'], o: MetricOptions<LabelsInput, ThresholdsInput>, source: SourceRef) {
  return {
    [tag]: 'metric' as const,
    metricType,
    name: o.name,
    help: o.help,
    ...labelsOf(o.labels),
    unit: o.unit ?? 'none',
    ...(o.range ? { range: o.range } : {}),
    thresholdsInput: o.thresholds ?? {},
    cardinalityLimit: o.cardinalityLimit ?? 1000,
    source,
  };
}

/**
 * A counter: a value that only goes up. Query it with `rate()` or `increase()`.
 * @example const requests = counter({ name: 'requests_total', help: 'HTTP requests', labels: ['method', 'route', 'status'] });
 */
export function counter<const L extends LabelsInput = []>(o: CommonOptions<L> & NoThresholds): Counter<LabelNamesOf<L>, LabelValuesOf<L>> {
  const series = seriesOf<'counter', Labels<L>>('metric', o.name, 'counter');
  return defines({ ...series, ...definition('counter', o, callSite()), metricType: 'counter' }) as Counter<LabelNamesOf<L>, LabelValuesOf<L>>;
}

/**
 * A gauge: a value that goes up and down. Thresholds on a gauge derive alerts, panel colours and rule tests.
 * @example const diskUsage = gauge({ name: 'disk_usage_percent', help: 'Disk usage', unit: 'percent', thresholds: { warning: { above: 80, for: '2m' } } });
 */
export function gauge<const L extends LabelsInput = [], const Th extends ThresholdsInput = {}>(
  o: MetricOptions<L, Th>,
): Gauge<LabelNamesOf<L>, Th, LabelValuesOf<L>> {
  const series = seriesOf<'gauge', Labels<L>>('metric', o.name, 'gauge');
  return defines({ ...series, ...definition('gauge', o, callSite()), metricType: 'gauge' }) as Gauge<LabelNamesOf<L>, Th, LabelValuesOf<L>>;
}

/**
 * A histogram: observations counted into buckets. `le` is reserved.
 * @example const latency = histogram({ name: 'request_duration_seconds', help: '…', unit: 'seconds', labels: ['route'], buckets: [0.1, 0.5, 1] });
 */
export function histogram<const L extends LabelsInput = []>(
  o: CommonOptions<L> & NoThresholds & { /** Upper bounds, ascending, in the metric's unit. */ readonly buckets: readonly number[] },
): Histogram<LabelNamesOf<L>, LabelValuesOf<L>> {
  const parts = {
    bucket: seriesOf('series', `${o.name}_bucket`, 'counter'),
    sum: seriesOf('series', `${o.name}_sum`, 'counter'),
    count: seriesOf('series', `${o.name}_count`, 'counter'),
  };
  return defines({ ...definition('histogram', o, callSite()), metricType: 'histogram', buckets: o.buckets, ...parts }, Object.values(parts)) as Histogram<LabelNamesOf<L>, LabelValuesOf<L>>;
}

/**
 * A summary: client-side quantiles over a sliding window. `quantile` is reserved.
 * @example const work = summary({ name: 'job_duration_seconds', help: '…', unit: 'seconds', percentiles: [0.5, 0.99] });
 */
export function summary<const L extends LabelsInput = []>(
  o: CommonOptions<L> & NoThresholds & {
    /** @default [0.01, 0.05, 0.5, 0.9, 0.99] (prom-client's) */
    readonly percentiles?: readonly number[];
    /** Sliding window in seconds. @default 600 */
    readonly maxAgeSeconds?: number;
    /** @default 5 */
    readonly ageBuckets?: number;
  },
): Summary<LabelNamesOf<L>, LabelValuesOf<L>> {
  const parts = {
    quantiles: seriesOf('series', o.name, 'gauge'),
    sum: seriesOf('series', `${o.name}_sum`, 'counter'),
    count: seriesOf('series', `${o.name}_count`, 'counter'),
  };
  return defines({
    ...definition('summary', o, callSite()),
    metricType: 'summary',
    percentiles: o.percentiles ?? [0.01, 0.05, 0.5, 0.9, 0.99],
    maxAgeSeconds: o.maxAgeSeconds ?? 600,
    ageBuckets: o.ageBuckets ?? 5,
    ...parts,
  }, Object.values(parts)) as Summary<LabelNamesOf<L>, LabelValuesOf<L>>;
}

export type AnyMetric = Counter<string> | Gauge<string, ThresholdsInput> | Histogram<string> | Summary<string>;

export function thresholdDirection(level: ThresholdLevel): Direction {
  return level.above !== undefined ? 'above' : 'below';
}
