// Grafana's published dashboard model (@grafana/grafana-foundation-sdk 0.0.x, the line that follows the current
// Grafana: 13, dashboard schemaVersion 42) as JSON types.
// The SDK declares option values as TypeScript enums; `Json<T>` turns each enum into the union of its values,
// so a plain object literal (and the emitted JSON) is checked against Grafana's own types by tsc.
import type * as sdkDashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type * as sdkPrometheus from '@grafana/grafana-foundation-sdk/prometheus';
import type * as sdkTimeseries from '@grafana/grafana-foundation-sdk/timeseries';
import type * as sdkGauge from '@grafana/grafana-foundation-sdk/gauge';
import type * as sdkStat from '@grafana/grafana-foundation-sdk/stat';
import type * as sdkBargauge from '@grafana/grafana-foundation-sdk/bargauge';
import type * as sdkTable from '@grafana/grafana-foundation-sdk/table';
import type * as sdkHeatmap from '@grafana/grafana-foundation-sdk/heatmap';
import type * as sdkText from '@grafana/grafana-foundation-sdk/text';

type IsAny<T> = 0 extends 1 & T ? true : false;

/** T as it looks in JSON: string enums become their values, methods disappear. */
export type Json<T> = IsAny<T> extends true ? unknown
  : T extends (...args: never[]) => unknown ? never
  : T extends string ? (string extends T ? string : `${T}`)
  : T extends number | boolean | null | undefined ? T
  : T extends readonly (infer E)[] ? Json<E>[]
  : T extends object ? { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: Json<T[K]> }
  : T;

export type GrafanaDashboard = Json<sdkDashboard.Dashboard>;
export type GrafanaPanel = Json<sdkDashboard.Panel>;
export type GrafanaRow = Json<sdkDashboard.RowPanel>;
export type GrafanaVariable = Json<sdkDashboard.VariableModel>;
export type GrafanaFieldConfig = Json<sdkDashboard.FieldConfig>;
export type GrafanaThresholdStep = Json<sdkDashboard.Threshold>;
export type GrafanaGridPos = Json<sdkDashboard.GridPos>;
export type PrometheusTarget = Json<sdkPrometheus.Dataquery>;

/** Each panel type's `options` and `fieldConfig.defaults.custom`, as the current Grafana's panel plugins declare them. */
export interface PanelSchemas {
  readonly timeseries: { readonly options: Json<sdkTimeseries.Options>; readonly custom: Json<sdkTimeseries.FieldConfig> };
  readonly gauge: { readonly options: Json<sdkGauge.Options>; readonly custom: undefined };
  readonly stat: { readonly options: Json<sdkStat.Options>; readonly custom: undefined };
  readonly bargauge: { readonly options: Json<sdkBargauge.Options>; readonly custom: undefined };
  readonly table: { readonly options: Json<sdkTable.Options>; readonly custom: Json<sdkTable.FieldConfig> };
  readonly heatmap: { readonly options: Json<sdkHeatmap.Options>; readonly custom: Json<sdkHeatmap.FieldConfig> };
  readonly text: { readonly options: Json<sdkText.Options>; readonly custom: undefined };
}
