// Options of each Grafana panel type, typed by Grafana's own panel models (see grafana-schema.ts).
// A new panel type without an entry here is a compile error.
import type { PanelType } from '../model-dashboard.ts';
import type { PanelSchemas } from './grafana-schema.ts';

/** What a panel's options depend on. */
export interface PanelContext {
  /** Grafana unit id of the values, e.g. `percent`, `s`. */
  readonly unit: string;
  readonly hasThresholds: boolean;
  /** Markdown of a text panel. */
  readonly content: string;
}

type PanelRender<T extends PanelType> = (c: PanelContext) => PanelSchemas[T];

const lastValue = { calcs: ['lastNotNull'], fields: '', values: false };

export const panelRenderers: { readonly [T in PanelType]: PanelRender<T> } = {
  timeseries: (c) => ({
    options: {
      legend: { displayMode: 'list', placement: 'bottom', showLegend: true, calcs: [] },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
    custom: {
      drawStyle: 'line',
      lineInterpolation: 'smooth',
      lineWidth: 1,
      fillOpacity: 10,
      showPoints: 'never',
      spanNulls: false,
      // the alert thresholds drawn as dashed lines across the graph
      thresholdsStyle: { mode: c.hasThresholds ? 'dashed' : 'off' },
    },
  }),
  gauge: () => ({
    options: {
      orientation: 'auto', reduceOptions: lastValue, showThresholdLabels: false, showThresholdMarkers: true,
      sizing: 'auto', minVizWidth: 75, minVizHeight: 75,
    },
    custom: undefined,
  }),
  stat: () => ({
    options: {
      colorMode: 'value', graphMode: 'area', justifyMode: 'auto', orientation: 'auto', reduceOptions: lastValue,
      textMode: 'auto', wideLayout: true,
      // the change over the time range is not shown: a stat here is a current value against its thresholds
      showPercentChange: false, percentChangeColorMode: 'standard',
    },
    custom: undefined,
  }),
  bargauge: () => ({
    options: {
      displayMode: 'gradient', orientation: 'horizontal', reduceOptions: lastValue, showUnfilled: true, valueMode: 'color',
      namePlacement: 'auto', sizing: 'auto', minVizWidth: 8, minVizHeight: 16, maxVizHeight: 300,
      // each bar is named beside it; a legend would repeat the names
      legend: { displayMode: 'list', placement: 'bottom', showLegend: false, calcs: [] },
    },
    custom: undefined,
  }),
  table: () => ({
    options: { showHeader: true, frameIndex: 0, cellHeight: 'sm' },
    custom: { align: 'auto', inspect: false, cellOptions: { type: 'auto' } },
  }),
  heatmap: (c) => ({
    options: {
      calculate: false,
      cellGap: 1,
      color: { mode: 'scheme', scheme: 'Oranges', fill: 'dark-orange', scale: 'exponential', exponent: 0.5, steps: 64, reverse: false },
      exemplars: { color: 'rgba(255,0,255,0.7)' },
      filterValues: { le: 1e-9 },
      legend: { show: true },
      // Prometheus buckets are cumulative upper bounds
      rowsFrame: { layout: 'le' },
      showValue: 'never',
      tooltip: { mode: 'single', yHistogram: false, showColorScale: false },
      yAxis: { axisPlacement: 'left', reverse: false, unit: c.unit },
    },
    custom: { hideFrom: { legend: false, tooltip: false, viz: false }, scaleDistribution: { type: 'linear' } },
  }),
  text: (c) => ({
    options: { mode: 'markdown', content: c.content },
    custom: undefined,
  }),
};
