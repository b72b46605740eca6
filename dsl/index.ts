// The DSL a stack file imports.
export { counter, gauge, histogram, open, summary } from './metrics.ts';
export type { Counter, Gauge, Histogram, LabelsInput, OpenLabel, Summary, ThresholdsInput, ThresholdLevel } from './metrics.ts';
export { not } from './series.ts';
export type { Duration, Series, Vector, MatchValue } from './series.ts';
export {
  rate, irate, increase, resets, deriv, delta,
  avgOverTime, minOverTime, maxOverTime, sumOverTime, lastOverTime, stddevOverTime, quantileOverTime,
  histogramQuantile, sum, avg, min, max, count, group, stddev, quantile, topk, promql,
} from './promql.ts';
export { alert, alertsFrom, record, ruleGroup } from './rules.ts';
export type { Recording, AlertDefinition, RuleGroupDefinition } from './rules.ts';
export { catalog, counterSeries, gaugeSeries, histogramSeries, summarySeries, withLabels } from './catalog.ts';
export type { Catalog, CatalogHistogram, CatalogSummary } from './catalog.ts';
export { slo, pageWindows, ticketWindows } from './slo.ts';
export type { SloDefinition, SloOptions, SloAlertOptions, BurnWindow, RatioSli, LatencySli } from './slo.ts';
export { openSlo } from './openslo.ts';
export type { OpenSloOptions } from './openslo.ts';
export { stack } from './stack.ts';
export type { StackDefinition, StackOptions, TargetOptions } from './stack.ts';
export { input, ruleTest, untested } from './tests.ts';
export type { TestInput, ExpectedAlert, Untested } from './tests.ts';
export { dashboard, row, panel, scope, override, alertStates, rateInterval, interval, timeRange, $namespace, $pod, $instance } from './dashboard.ts';
export type { DashboardDefinition, DashboardOptions, PanelDefinition, PanelOptions, QueryInput, RowDefinition } from './dashboard.ts';
export { alerting, receiver, slack, pagerDuty, webhook, email, opsgenie, msTeams, secretKey } from './alerting.ts';
export type { AlertingOptions, ReceiverDefinition } from './alerting.ts';
export { route, timeInterval, inhibit } from './routing.ts';
export type { AlertMatch, RouteOptions, RouteDefinition, TimeIntervalDefinition, TimeRangeOptions, InhibitOptions, InhibitDefinition } from './routing.ts';
export { deploy, defaultImages, defaultResources, grafanaImages } from './deploy.ts';
export type { DeployOptions } from './deploy.ts';
export { existing, kubePrometheus } from './components.ts';
export type { ComponentsOptions, Existing, ExistingOptions, KubePrometheus } from './components.ts';
