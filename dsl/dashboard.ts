// Dashboards: rows of panels built from metric objects. A panel built from a metric inherits its title, help,
// unit, range and threshold levels, so the alert and the panel colours are the same numbers.
import type { PanelType, PanelUnit } from '../compiler/model-dashboard.ts';
import type { SourceRef } from '../compiler/model.ts';
import type { AnyMetric, ThresholdsInput } from './metrics.ts';
import { histogramQuantile, rate, sum, vectorText, type VectorLike } from './promql.ts';
import type { Recording } from './rules.ts';
import { seriesOf, type Duration, type Series, type SeriesType } from './series.ts';
import { callSite } from './source.ts';
import { isTagged, tag } from './tags.ts';

// --- Grafana's variables ---------------------------------------------------------------------------------------

/** Grafana's rate window: at least four scrape intervals, wider when zoomed out. @example rate(requests, rateInterval) */
export const rateInterval = '$__rate_interval' as Duration;
/** Grafana's step between points of the panel. */
export const interval = '$__interval' as Duration;
/** The dashboard's whole time range. @example increase(anomalies, timeRange) */
export const timeRange = '$__range' as Duration;

/** A matcher value selecting what the dashboard's `namespace` variable selects (renders `=~"$namespace"`). */
export const $namespace = new RegExp('$namespace');
/** A matcher value selecting what the dashboard's `pod` variable selects (renders `=~"$pod"`). */
export const $pod = new RegExp('$pod');
/** A matcher value selecting what the dashboard's `instance` variable selects (renders `=~"$instance"`). */
export const $instance = new RegExp('$instance');

type InScope<L extends string> = 'namespace' extends L ? ('pod' extends L ? unknown : { readonly 'scope() needs a series with a pod label': never })
  : { readonly 'scope() needs a series with a namespace label': never };

/**
 * Narrows a series to the namespace and pods selected in the dashboard's variables.
 * @example scope(ksm.kube_pod_status_phase).where({ phase: 'Running' })
 */
export function scope<T extends SeriesType, L extends string>(s: Series<T, L> & InScope<L>): Series<T, L> {
  return (s as Series<T, string>).where({ namespace: $namespace, pod: $pod }) as Series<T, L>;
}

/** Prometheus' own series of alert states, written back for every alerting rule. Labels: alertname, alertstate, the alert's labels. */
export const alertStates: Series<'gauge', 'alertname' | 'alertstate' | 'severity' | (string & {})> = seriesOf('series', 'ALERTS', 'gauge');

// --- panels ------------------------------------------------------------------------------------------------------

/** What a panel can be built from: a metric, or a recording rule. */
export type PanelSubject = AnyMetric | Recording<string>;

/** One query: an expression, or an expression with its legend. */
export type QueryInput = VectorLike<string> | {
  readonly expr: VectorLike<string>;
  /** @default derived from the labels the expression returns, e.g. `{{pod}}` */
  readonly legend?: string;
  /** Evaluate at the end of the range only (tables, current state). @default false */
  readonly instant?: boolean;
};

/**
 * A panel's own colour steps: numbers (higher is worse; the top one is critical, the one below warning, then info),
 * or levels written like a metric's thresholds, e.g. `{ warning: { below: 0.95 }, critical: { below: 0.8 } }`.
 */
export type PanelSteps = readonly number[] | ThresholdsInput;

/** Colour steps that differ from the alert thresholds on purpose, with the reason. */
export interface ThresholdOverride {
  readonly override: PanelSteps;
  readonly reason: string;
}

/**
 * Colour steps that deliberately disagree with the alert thresholds of the series the panel shows.
 * @example thresholds: override([50, 70], 'capacity planning view: colour before the alert fires')
 */
export function override(steps: PanelSteps, reason: string): ThresholdOverride {
  return { override: steps, reason };
}

export interface PanelOptions {
  /** @default the subject's help text */
  readonly title?: string;
  /** Shown on the panel's (i) icon. @default the subject's help text */
  readonly description?: string;
  /** @default the subject's unit; rate panels of counters default to 'ops/s' */
  readonly unit?: PanelUnit;
  /** @default the subject's range, or the unit's (0–100 for percent, 0–1 for ratio) */
  readonly min?: number;
  /** @default the subject's range, or the unit's */
  readonly max?: number;
  /** Queries, refIds A, B, … in this order. @default the subject itself, narrowed to the selected namespace and pods */
  readonly queries?: readonly QueryInput[];
  /** Colour steps. They must equal the alert thresholds of every series the panel shows, unless `override(...)`.
   *  @default the subject's alert thresholds; 'none' for a plain palette */
  readonly thresholds?: PanelSteps | ThresholdOverride | 'none';
  /** Columns of the 24-column grid. @default 12 for graphs and tables, 6 for gauges and stats, 24 for text */
  readonly width?: number;
  /** Grid rows of 30 px. @default 8 (4 for stats) */
  readonly height?: number;
}

export interface PanelDefinition {
  readonly type: PanelType;
  readonly subject?: PanelSubject;
  readonly options: PanelOptions;
  /** Markdown of a text panel. */
  readonly content: string;
  readonly source: SourceRef;
}

function isOwnMetric(s: PanelSubject): s is AnyMetric {
  return isTagged(s, 'metric');
}

/** The query a panel shows when none is given: the subject, narrowed to the dashboard's scope. */
export function defaultQueries(type: PanelType, s: PanelSubject): readonly QueryInput[] {
  if (!isOwnMetric(s)) return [s];
  const inScope = { namespace: $namespace, pod: $pod };
  switch (s.metricType) {
    case 'gauge': return [s.where(inScope)];
    case 'counter': return [{ expr: sum(rate(s.where(inScope), rateInterval)), legend: 'total' }];
    case 'histogram': {
      const buckets = sum(rate(s.bucket.where(inScope), rateInterval), { by: ['le'] });
      return type === 'heatmap' ? [{ expr: buckets, legend: '{{le}}' }] : [{ expr: histogramQuantile(0.95, buckets), legend: 'p95' }];
    }
    case 'summary': return [s.quantiles.where(inScope)];
  }
}

function builder(type: PanelType) {
  function build(subject: PanelSubject, options?: PanelOptions): PanelDefinition;
  function build(options: PanelOptions & { readonly title: string; readonly queries: readonly QueryInput[] }): PanelDefinition;
  function build(a: PanelSubject | PanelOptions, b: PanelOptions = {}): PanelDefinition {
    const hasSubject = isTagged(a, 'metric') || isTagged(a, 'recording');
    return hasSubject
      ? { type, subject: a as PanelSubject, options: b, content: '', source: callSite() }
      : { type, options: a as PanelOptions, content: '', source: callSite() };
  }
  return build;
}

/**
 * Panel builders, one per Grafana panel type. Built from a metric, a panel inherits title, description, unit,
 * min/max and the threshold colour steps of that metric's alerts.
 * @example panel.timeseries(cacheHits, { title: 'Cache Hit Ratio', queries: [scope(cacheHits), { expr: avg(scope(cacheHits)), legend: 'Average' }] })
 * @example panel.heatmap(requestDuration, { title: 'Request latency' })
 */
export const panel = {
  timeseries: builder('timeseries'),
  gauge: builder('gauge'),
  stat: builder('stat'),
  bargauge: builder('bargauge'),
  table: builder('table'),
  heatmap: builder('heatmap'),
  /** A Markdown note. @example panel.text({ title: 'About', content: 'Runbooks: …' }) */
  text(o: { readonly title: string; readonly content: string; readonly width?: number; readonly height?: number }): PanelDefinition {
    return { type: 'text', options: o, content: o.content, source: callSite() };
  },
};

// --- rows and dashboards -------------------------------------------------------------------------------------------

export interface RowDefinition {
  readonly title: string;
  readonly panels: readonly PanelDefinition[];
  readonly source: SourceRef;
}

/** A titled row of panels, laid out left to right and wrapped at 24 columns. @example row('Requests', [panel.heatmap(latency)]) */
export function row(title: string, panels: readonly PanelDefinition[]): RowDefinition {
  return { title, panels, source: callSite() };
}

export interface DashboardOptions {
  /** Grafana uid: letters, digits, - and _, at most 40 characters. It names the file and the URL. */
  readonly uid: string;
  readonly title: string;
  /** @default '' (the generated-file note is added) */
  readonly description?: string;
  /** @default [] */
  readonly tags?: readonly string[];
  /** Auto-refresh interval. @default '30s' */
  readonly refresh?: Duration;
  /** Default time range back from now. @default '1h' */
  readonly timeRange?: Duration;
  /** Panels above the first titled row. @default [] */
  readonly panels?: readonly PanelDefinition[];
  /** @default [] */
  readonly rows?: readonly RowDefinition[];
}

export interface DashboardDefinition {
  readonly [tag]: 'dashboard';
  readonly options: DashboardOptions;
  readonly source: SourceRef;
}

/**
 * A Grafana dashboard, compiled to `out/<stack>/grafana/dashboards/<uid>.json`.
 * @example dashboard({ uid: 'shop-overview', title: 'Shop', panels: [panel.gauge(diskUsage)], rows: [row('Checkout', [...])] })
 */
export function dashboard(options: DashboardOptions): DashboardDefinition {
  return { [tag]: 'dashboard', options, source: callSite() };
}

export function queryText(q: VectorLike<string>): string {
  return vectorText(q);
}
