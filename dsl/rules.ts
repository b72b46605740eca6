// Alerts, recording rules and rule groups.
import type { Severity, SourceRef, Unit, UntestedRule } from '../compiler/model.ts';
import { formatNumber, vectorText, type VectorLike } from './promql.ts';
import type { Gauge, ThresholdLevel, ThresholdsInput } from './metrics.ts';
import { defines, selectorLabels, seriesOf, type Defined, type Duration, type Series } from './series.ts';
import { callSite } from './source.ts';
import { tag } from './tags.ts';
import { testsOf, type TestDefinition, type Untested } from './tests.ts';

/** A recording rule is also a series: later rules, alerts and panels query it by object. */
export type Recording<L extends string, Th extends ThresholdsInput = ThresholdsInput> = Series<'gauge', L> & {
  readonly [tag]: 'recording';
  readonly name: string;
  readonly exprText: string;
  readonly exprSource: SourceRef;
  /** The definitions the expression selects. */
  readonly exprUses: readonly Defined[];
  readonly labels: Readonly<Record<string, string>>;
  readonly unit: Unit;
  readonly range?: readonly [number, number];
  readonly thresholdsInput: ThresholdsInput;
  readonly thresholdLevels?: Th;
  readonly tests: readonly TestDefinition[];
  readonly untested?: UntestedRule;
  readonly source: SourceRef;
};

export interface RecordOptions<Th extends ThresholdsInput> {
  /** Static labels added to every output series. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Unit of the recorded value, for panels. @default 'none' */
  readonly unit?: Unit;
  /** Inclusive bounds of the recorded value. @default from the unit */
  readonly range?: readonly [number, number];
  /** Alert thresholds on the recorded value, as on a gauge. @default {} */
  readonly thresholds?: Th;
  /** Tests with expected samples, for expressions the compiler cannot derive them for; or `untested('reason')`
   *  to leave the rule without any test, on purpose. @default [] */
  readonly tests?: readonly TestDefinition[] | Untested;
}

/**
 * A recording rule `level:metric:operations`. Its output labels are those of the expression.
 * @example const diskAvg = record('disk_usage:avg_5m', avgOverTime(diskUsage, '5m'), { unit: 'percent' });
 */
export function record<L extends string, const Th extends ThresholdsInput = {}>(
  name: string,
  expr: VectorLike<L>,
  o: RecordOptions<Th> = {},
): Recording<L, Th> {
  const source = callSite();
  const labels = o.labels ?? {};
  // the object stands for the series this rule writes: others may record the same name with other static labels
  const matchers = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return defines({
    ...seriesOf<'gauge', L>('recording', name, 'gauge', matchers),
    [tag]: 'recording',
    name,
    exprText: vectorText(expr),
    exprSource: 'source' in expr ? expr.source : source,
    exprUses: expr.uses,
    labels,
    unit: o.unit ?? 'none',
    ...(o.range ? { range: o.range } : {}),
    thresholdsInput: o.thresholds ?? {},
    ...testsOf(o.tests),
    source,
  });
}

export interface AlertDefinition {
  readonly [tag]: 'alert';
  readonly name: string;
  readonly exprText: string;
  readonly exprSource: SourceRef;
  /** The definitions the expression selects. */
  readonly uses: readonly Defined[];
  readonly for: string;
  /** How long the alert keeps firing after its condition stops holding; '' when not set. */
  readonly keepFiringFor?: string;
  readonly severity: Severity;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly threshold?: { readonly series: string; readonly severity: Severity; readonly labels?: Readonly<Record<string, string>> };
  /** Set on the burn-rate alerts of `slo(...)`: the objective's name. */
  readonly slo?: string;
  readonly tests: readonly TestDefinition[];
  readonly untested?: UntestedRule;
  readonly source: SourceRef;
}

/** Annotations. Optional, as in Prometheus (an imported rule keeps what it had), though an alert should say what is
 *  wrong in summary and description. */
interface AnnotationOptions {
  /** One line for the notification title. @default no summary annotation */
  readonly summary?: string;
  /** Details; a Go template as Prometheus renders it (`{{ $value }}`, `{{ $labels.<name> }}` of labels the expression
   *  keeps, printf, if, with, range, humanize…; docs/templates.md). */
  readonly description?: string;
  /** Link to the runbook, emitted as the `runbook_url` annotation. */
  readonly runbook?: string;
  /** Further annotations. @default {} */
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface AlertOptions<L extends string> extends AnnotationOptions {
  readonly name: string;
  readonly expr: VectorLike<L>;
  readonly severity: Severity;
  /** How long the condition must hold before the alert fires. @default '0s' */
  readonly for?: Duration;
  /** How long the alert keeps firing after the condition stopped holding (Prometheus' keep_firing_for): a flapping
   *  condition then does not resolve and re-fire the notification. @default not set */
  readonly keepFiringFor?: Duration;
  /** Static labels, e.g. `{ team: 'payments' }`; `severity` is added from `severity`. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Rule tests: at least one where the alert fires and one where it does not. Required for alerts on raw
   *  expressions, since the compiler derives tests only for threshold alerts; `untested('reason')` leaves the
   *  alert without tests, on purpose. @default [] */
  readonly tests?: readonly TestDefinition[] | Untested;
}

function annotationsOf(o: AnnotationOptions): Record<string, string> {
  return {
    ...(o.summary !== undefined ? { summary: o.summary } : {}),
    ...(o.description !== undefined ? { description: o.description } : {}),
    ...(o.runbook !== undefined ? { runbook_url: o.runbook } : {}),
    ...o.annotations,
  };
}

/**
 * An alert on any expression.
 * @example alert({ name: 'PaymentProviderErrors', expr: promql`${sum(increase(paymentErrors, '10m'), { by: ['provider'] })} > 5`,
 *   severity: 'warning', summary: 'A payment provider returns errors', description: '{{ $value }} errors' })
 */
export function alert<L extends string>(o: AlertOptions<L>): AlertDefinition {
  const source = callSite();
  return {
    [tag]: 'alert',
    name: o.name,
    exprText: vectorText(o.expr),
    exprSource: 'source' in o.expr ? o.expr.source : source,
    uses: o.expr.uses,
    for: o.for ?? '0s',
    ...(o.keepFiringFor !== undefined ? { keepFiringFor: o.keepFiringFor } : {}),
    severity: o.severity,
    labels: { ...o.labels, severity: o.severity },
    annotations: annotationsOf(o),
    ...testsOf(o.tests),
    source,
  };
}

/** Per-level settings of a derived alert. */
export interface LevelOptions extends AnnotationOptions {
  /** Alert name. @default `<MetricName><Severity>`, e.g. `CpuUsagePercentWarning` */
  readonly name?: string;
}

export type AlertsFromOptions<Th extends ThresholdsInput> = AnnotationOptions & {
  /** Static labels for every derived alert. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
} & { readonly [S in keyof Th & Severity]?: LevelOptions };

type Thresholded<Th extends ThresholdsInput> = (Gauge<string, Th> | Recording<string, Th>) & { readonly thresholdLevels?: Th };

function pascal(name: string): string {
  return name.split(/[_:]/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/**
 * One alert per threshold level of a gauge or recording rule: `series > value` (or `<`) for the level's `for`.
 * The same numbers become the panel's colour steps and the generated rule tests.
 * @example ...alertsFrom(diskUsage, { summary: 'Disk filling up', warning: { name: 'DiskFilling' }, critical: { name: 'DiskAlmostFull' } })
 */
export function alertsFrom<Th extends ThresholdsInput>(series: Thresholded<Th>, o: AlertsFromOptions<Th> = {} as AlertsFromOptions<Th>): AlertDefinition[] {
  const source = callSite();
  const name = series.seriesName;
  // a recording rule with static labels: its alerts select (and its derived tests feed) only its own series
  const fixed = selectorLabels(series);
  const levels = Object.entries(series.thresholdsInput) as [Severity, ThresholdLevel][];
  return levels.map(([severity, level]) => {
    const perLevel = (o as Record<string, LevelOptions | undefined>)[severity] ?? {};
    const op = level.above !== undefined ? '>' : '<';
    const value = level.above ?? level.below!;
    const defaults: AnnotationOptions = {
      summary: `${name} ${level.above !== undefined ? 'above' : 'below'} ${formatNumber(value)}`,
      description: `${name} is {{ $value }} (threshold ${formatNumber(value)})`,
    };
    return {
      [tag]: 'alert' as const,
      name: perLevel.name ?? `${pascal(name)}${pascal(severity)}`,
      exprText: `${series.seriesName}${series.matchers.length ? `{${series.matchers.join(',')}}` : ''} ${op} ${formatNumber(value)}`,
      exprSource: source,
      uses: series.uses,
      for: level.for ?? '0s',
      severity,
      labels: { ...o.labels, severity },
      annotations: annotationsOf({ ...defaults, ...o, ...perLevel, annotations: { ...o.annotations, ...perLevel.annotations } }),
      threshold: { series: name, severity, ...(Object.keys(fixed).length ? { labels: fixed } : {}) },
      tests: [],
      source,
    };
  });
}

export interface RuleGroupDefinition {
  readonly [tag]: 'group';
  readonly name: string;
  readonly interval: string;
  /** At most this many series per rule, or the group's evaluation fails; 0: no limit. */
  readonly limit: number;
  /** Labels every rule of the group carries unless it sets the label itself. */
  readonly labels: Readonly<Record<string, string>>;
  /** How far in the past the group's rules read their data; '' when not set. */
  readonly queryOffset: string;
  readonly rules: readonly (AlertDefinition | Recording<string>)[];
  readonly source: SourceRef;
}

/**
 * A Prometheus rule group: rules evaluated together, in order, every `interval`.
 * @example ruleGroup('capacity', { interval: '30s', rules: [...alertsFrom(diskUsage)] })
 */
export function ruleGroup(
  name: string,
  o: {
    /** @default the stack's evaluation interval */
    readonly interval?: Duration;
    /** At most this many alerts (or recorded series) per rule: past it the rule's evaluation fails, a guard against a
     *  rule that suddenly matches every pod. @default no limit */
    readonly limit?: number;
    /** Labels added to every alert and recorded series of the group (Prometheus 3's group `labels`); a rule's own
     *  label of the same name wins. On a Prometheus 2 target they are written into each rule. @default {} */
    readonly labels?: Readonly<Record<string, string>>;
    /** Read each evaluation's data this long ago (Prometheus' `query_offset`, Prometheus 3 targets): for series that
     *  arrive late, e.g. by remote write. A rule test's `at` stays the time of the data the rule reads; the generated
     *  tests evaluate that much later. @default not set (Prometheus' global rule_query_offset, 0) */
    readonly queryOffset?: Duration;
    readonly rules: readonly (AlertDefinition | Recording<string, ThresholdsInput>)[];
  },
): RuleGroupDefinition {
  return {
    [tag]: 'group', name, interval: o.interval ?? '', limit: o.limit ?? 0, labels: o.labels ?? {}, queryOffset: o.queryOffset ?? '',
    rules: o.rules, source: callSite(),
  };
}
