// Dashboards in the model: plain, deeply readonly data. dsl/to-model.ts fills in what a panel inherits from the
// series it is built from (unit, description, range, threshold levels); emitters only lay out and render.
import type { Expression, SourceRef, Threshold, Unit } from './model.ts';

/** Grafana panel types stackc emits. */
export type PanelType = 'timeseries' | 'gauge' | 'stat' | 'bargauge' | 'table' | 'heatmap' | 'text';
export const panelTypes: readonly PanelType[] = ['timeseries', 'gauge', 'stat', 'bargauge', 'table', 'heatmap', 'text'];

/** A series' unit, or a rate unit for panels that show rate() of a counter. */
export type PanelUnit = Unit | 'requests/s' | 'ops/s' | 'bytes/s';

/** One query of a panel. `expr` may use Grafana's variables ($namespace, $pod, $__rate_interval, …). */
export interface PanelQuery {
  readonly refId: string;
  readonly expr: Expression;
  /** Series name in the legend, e.g. `{{route}}`; undefined lets the compiler derive it from the result's labels. */
  readonly legend?: string;
  /** Evaluate once at the end of the range (tables, alert state) instead of over the whole range. */
  readonly instant: boolean;
}

/**
 * Where a panel's colour steps come from:
 * - `series`: the threshold levels of the series the panel is built from; the alert uses the same numbers;
 * - `declared`: levels the stack wrote for this panel; they must agree with the alert thresholds of every series
 *   the panel shows (a panel of a series without alerts may colour as it likes);
 * - `override`: levels the stack wrote on purpose, with the reason, exempt from that check;
 * - `none`: no thresholds; the panel uses Grafana's plain palette.
 */
export type PanelThresholds =
  | { readonly kind: 'series'; readonly series: string; readonly levels: readonly Threshold[] }
  | { readonly kind: 'declared'; readonly levels: readonly Threshold[] }
  | { readonly kind: 'override'; readonly levels: readonly Threshold[]; readonly reason: string }
  | { readonly kind: 'none' };

export interface Panel {
  readonly kind: 'panel';
  readonly type: PanelType;
  readonly title: string;
  readonly description: string;
  /** The metric or recording rule the panel is built from, if any. */
  readonly series?: string;
  readonly unit: PanelUnit;
  readonly min?: number;
  readonly max?: number;
  readonly thresholds: PanelThresholds;
  readonly queries: readonly PanelQuery[];
  /** Markdown of a text panel; empty for every other type. */
  readonly content: string;
  /** Columns of Grafana's 24-column grid; undefined means the type's default. */
  readonly width?: number;
  /** Grid rows (30 px each); undefined means the type's default. */
  readonly height?: number;
  readonly source: SourceRef;
}

/** A titled row of panels; the first row of a dashboard may be untitled (no row header). */
export interface DashboardRow {
  readonly kind: 'row';
  readonly title?: string;
  readonly panels: readonly Panel[];
  readonly source: SourceRef;
}

export interface Dashboard {
  readonly kind: 'dashboard';
  /** Grafana's stable identifier: the file name and the URL of the dashboard. */
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  /** Auto-refresh interval, e.g. '30s'. */
  readonly refresh: string;
  /** Default time range, relative to now, e.g. '1h'. */
  readonly timeRange: string;
  readonly rows: readonly DashboardRow[];
  readonly source: SourceRef;
}
