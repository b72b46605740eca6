// Grafana: one bare dashboard model per dashboard (what file provisioning reads, not the HTTP API's
// { "dashboard": … } wrapper), the Prometheus datasource and the dashboard provider.
import { checkableExpr, variablesOf, type DashboardVariable } from '../dashboard-queries.ts';
import { panelSteps } from '../dashboard-thresholds.ts';
import type { Dashboard, Panel, PanelQuery, PanelUnit } from '../model-dashboard.ts';
import type { GrafanaMajor, Stack } from '../model.ts';
import { analyzeExpression, stackIndex } from '../promql/analyze.ts';
import type { SeriesIndex } from '../promql/series-index.ts';
import { files, type Files } from './files.ts';
import { layout, type Placed } from './grafana-layout.ts';
import { panelRenderers } from './grafana-panels.ts';
import type { GrafanaDashboard, GrafanaFieldConfig, GrafanaPanel, GrafanaRow, GrafanaVariable, PrometheusTarget } from './grafana-schema.ts';
import { generatedNote } from './header.ts';
import { componentName } from './kubernetes/names.ts';
import { isDeployed } from './kubernetes/placement.ts';
import { toYaml } from './yaml.ts';

/** The dashboard schemaVersion of each Grafana major: the latest its migrations know in the major's last minor release
 *  (42 since 12.2, the last of the classic model: Grafana 13 changes panels by plugin migrations and schema v2
 *  instead; 41 in 11.6). Grafana migrates a dashboard with a lower number forward on load, so each major gets its own. */
export const schemaVersions: Readonly<Record<GrafanaMajor, number>> = { '13': 42, '12': 42, '11': 41 };
/** The provisioned Prometheus datasource's uid: fixed, so dashboards and alerting can name it. */
export const datasourceUid = 'prometheus';
/** Where the Kubernetes manifests mount every file of grafana/dashboards/. */
export const dashboardsMountPath = '/var/lib/grafana/dashboards';
export const dashboardsDir = 'grafana/dashboards';
export const datasourceFile = 'grafana/provisioning/datasources/prometheus.yaml';
export const providerFile = 'grafana/provisioning/dashboards/dashboards.yaml';

const datasourceRef = { type: 'prometheus', uid: '${datasource}' };

/** Grafana's unit ids (grafana/packages/grafana-data valueFormats). */
export const grafanaUnit: Readonly<Record<PanelUnit, string>> = {
  percent: 'percent',
  ratio: 'percentunit',
  seconds: 's',
  bytes: 'bytes',
  none: 'none',
  'requests/s': 'reqps',
  'ops/s': 'ops',
  'bytes/s': 'Bps',
};

/** The bounds a value of the unit can take; gauges and bars need both ends to draw. */
const unitBounds: Readonly<Record<PanelUnit, { readonly min?: number; readonly max?: number }>> = {
  percent: { min: 0, max: 100 },
  ratio: { min: 0, max: 1 },
  seconds: { min: 0 },
  bytes: { min: 0 },
  none: {},
  'requests/s': { min: 0 },
  'ops/s': { min: 0 },
  'bytes/s': { min: 0 },
};

/** Labels every series of a stack's targets has, which would only repeat in a legend. */
const quietLabels = new Set(['job', 'instance', 'namespace', 'le', '__name__']);

export function dashboardPath(d: Dashboard): string {
  return `${dashboardsDir}/${d.uid}.json`;
}

/** The legend of a query: the stack's, or the labels its result keeps (pod first), or the panel title for one series. */
function legendOf(p: Panel, q: PanelQuery, labels: ReadonlySet<string> | undefined): string {
  if (q.legend !== undefined) return q.legend;
  if (p.type === 'heatmap') return '{{le}}';
  if (!labels) return '__auto';
  const shown = [...labels].filter((l) => !quietLabels.has(l)).sort((a, b) => Number(b === 'pod') - Number(a === 'pod') || a.localeCompare(b));
  return shown.length ? shown.map((l) => `{{${l}}}`).join(' ') : p.title;
}

function targetOf(stack: Stack, index: SeriesIndex, p: Panel, q: PanelQuery): PrometheusTarget {
  const { value } = analyzeExpression({ text: checkableExpr(stack, q.expr.text), source: q.expr.source }, index, stack, []);
  const format = p.type === 'heatmap' ? 'heatmap' : p.type === 'table' && q.instant ? 'table' : 'time_series';
  return {
    datasource: datasourceRef,
    editorMode: 'code',
    expr: q.expr.text,
    format,
    instant: q.instant,
    legendFormat: legendOf(p, q, value?.labels),
    range: !q.instant,
    refId: q.refId,
  };
}

function fieldDefaults(stack: Stack, p: Panel, custom: unknown): GrafanaFieldConfig {
  const steps = panelSteps(stack, p);
  const bounded = p.type !== 'heatmap' && p.type !== 'table';
  const min = p.min ?? unitBounds[p.unit].min;
  const max = p.max ?? unitBounds[p.unit].max;
  const colourByThresholds = steps && p.type !== 'timeseries';
  return {
    ...(p.type !== 'heatmap' ? { unit: grafanaUnit[p.unit] } : {}),
    ...(bounded && min !== undefined ? { min } : {}),
    ...(bounded && max !== undefined ? { max } : {}),
    thresholds: { mode: 'absolute', steps: steps ?? [{ value: null, color: 'green' }] },
    color: { mode: colourByThresholds ? 'thresholds' : 'palette-classic' },
    ...(custom !== undefined ? { custom } : {}),
  };
}

function panelJson(stack: Stack, index: SeriesIndex, item: Extract<Placed, { kind: 'panel' }>): GrafanaPanel {
  const p = item.panel;
  const rendered = panelRenderers[p.type]({ unit: grafanaUnit[p.unit], hasThresholds: panelSteps(stack, p) !== undefined, content: p.content });
  const common = { id: item.id, type: p.type, title: p.title, gridPos: item.gridPos, options: rendered.options };
  if (p.type === 'text') return { ...common, ...(p.description ? { description: p.description } : {}) };
  return {
    ...common,
    description: p.description,
    datasource: datasourceRef,
    targets: p.queries.map((q) => targetOf(stack, index, p, q)),
    fieldConfig: { defaults: fieldDefaults(stack, p, rendered.custom), overrides: [] },
    // a table of an instant query shows label columns; the sample time adds nothing there
    ...(p.type === 'table' && p.queries.every((q) => q.instant)
      ? { transformations: [{ id: 'organize', options: { excludeByName: { Time: true }, renameByName: { Value: 'value' } } }] }
      : {}),
  };
}

function rowJson(item: Extract<Placed, { kind: 'row' }>): GrafanaRow {
  return { type: 'row', id: item.id, title: item.row.title ?? '', collapsed: false, gridPos: item.gridPos, panels: [] };
}

/** The jobs whose targets the variables list: the app's, and each exporter's the stack runs (their series carry the
 *  same namespace and pod labels, so scope() narrows them too). */
function targetsSelector(stack: Stack): string {
  const jobs = [stack.app, ...stack.exporters.map((e) => e.name)];
  return jobs.length === 1 ? `job="${stack.app}"` : `job=~"${jobs.join('|')}"`;
}

function variableJson(stack: Stack, name: DashboardVariable): GrafanaVariable {
  const inNamespace = name === 'namespace' ? '' : ', namespace=~"$namespace"';
  return {
    type: 'query',
    name,
    label: name[0]!.toUpperCase() + name.slice(1),
    datasource: datasourceRef,
    query: `label_values(up{${targetsSelector(stack)}${inNamespace}}, ${name})`,
    refresh: 2,
    includeAll: true,
    multi: true,
    // "All" namespaces means those the app and its exporters run in (Grafana joins the options); all pods of them, by regex
    ...(name === 'namespace' ? {} : { allValue: '.*' }),
    current: { selected: true, text: ['All'], value: ['$__all'] },
    options: [],
    sort: 1,
    hide: 0,
    regex: '',
    skipUrlSync: false,
  };
}

function datasourceVariable(): GrafanaVariable {
  return {
    type: 'datasource', name: 'datasource', label: 'Data source', query: 'prometheus', regex: '',
    current: { selected: false, text: 'Prometheus', value: datasourceUid },
    hide: 0, includeAll: false, multi: false, options: [], refresh: 1, skipUrlSync: false,
  };
}

export function dashboardJson(stack: Stack, index: SeriesIndex, d: Dashboard): GrafanaDashboard {
  const placed = layout(d);
  return {
    uid: d.uid,
    title: d.title,
    description: d.description ? `${d.description} ${generatedNote(stack.file)}` : generatedNote(stack.file),
    tags: [...d.tags],
    timezone: 'browser',
    // provisioned from files: edits in the UI would be lost on the next deploy
    editable: false,
    graphTooltip: 1,
    time: { from: `now-${d.timeRange}`, to: 'now' },
    refresh: d.refresh,
    fiscalYearStartMonth: 0,
    liveNow: false,
    schemaVersion: schemaVersions[stack.target.grafana],
    links: [],
    annotations: {
      list: [{
        builtIn: 1, datasource: { type: 'grafana', uid: '-- Grafana --' }, enable: true, hide: true,
        iconColor: 'rgba(0, 211, 255, 1)', name: 'Annotations & Alerts', type: 'dashboard',
      }],
    },
    templating: { list: [datasourceVariable(), ...variablesOf(d).map((v) => variableJson(stack, v))] },
    panels: placed.map((item) => (item.kind === 'row' ? rowJson(item) : panelJson(stack, index, item))),
  };
}

/** JSON with object keys sorted (as Grafana exports it), two-space indented, newline-terminated. */
export function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, sort(x)]));
    return v;
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

/** The Prometheus Grafana queries: the deployed one's Service, or the existing one's URL as given. */
function prometheusUrl(stack: Stack): string {
  const p = stack.deploy.components.prometheus;
  return p.kind === 'existing' && p.url !== undefined ? p.url : `http://${componentName(stack, 'prometheus')}.${stack.monitoringNamespace}.svc.cluster.local:9090`;
}

function datasourceYaml(stack: Stack): string {
  return toYaml({
    apiVersion: 1,
    datasources: [{
      name: 'Prometheus',
      type: 'prometheus',
      uid: datasourceUid,
      access: 'proxy',
      url: prometheusUrl(stack),
      isDefault: true,
      editable: false,
      // Grafana's $__rate_interval and step follow the real scrape interval
      jsonData: { timeInterval: stack.scrape.interval, httpMethod: 'POST' },
    }],
  });
}

function providerYaml(stack: Stack): string {
  return toYaml({
    apiVersion: 1,
    providers: [{
      name: stack.name,
      orgId: 1,
      folder: '',
      type: 'file',
      disableDeletion: true,
      updateIntervalSeconds: 30,
      allowUiUpdates: false,
      options: { path: dashboardsMountPath, foldersFromFilesStructure: false },
    }],
  });
}

export function grafanaFiles(stack: Stack): Files {
  if (stack.dashboards.length === 0) return files([]);
  const { index } = stackIndex(stack);
  return files([
    ...stack.dashboards.map((d) => [dashboardPath(d), stableJson(dashboardJson(stack, index, d))] as const),
    // provisioning is for the Grafana stackc deploys; an existing one loads the dashboards through its sidecar
    ...(isDeployed(stack, 'grafana') ? [[datasourceFile, datasourceYaml(stack)], [providerFile, providerYaml(stack)]] as const : []),
  ]);
}
