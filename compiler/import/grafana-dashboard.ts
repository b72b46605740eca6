// A Grafana dashboard JSON file (classic model, schemaVersion 27 or later) read as what `dashboard(...)` can say:
// rows of panels of the DSL's types with their Prometheus queries, unit, min/max and colour steps. What the DSL has
// no place for is kept as a "not imported" reason at the dashboard, the panel or the query it belonged to.
import { readFileSync } from 'node:fs';
import type { PanelType, PanelUnit } from '../model-dashboard.ts';
import { grafanaUnit } from '../emit/grafana.ts';

export class DashboardFileError extends Error {}

export interface ImportedQuery {
  readonly expr: string;
  readonly legend?: string;
  readonly instant: boolean;
}

export interface ImportedPanel {
  readonly type: PanelType;
  readonly title: string;
  readonly description?: string;
  readonly unit?: PanelUnit;
  readonly min?: number;
  readonly max?: number;
  /** Colour step values, ascending (the DSL: higher is worse). */
  readonly steps?: readonly number[];
  readonly width?: number;
  readonly height?: number;
  readonly content?: string;
  /** Queries, or the reason one is not imported, in the panel's order. */
  readonly queries: readonly (ImportedQuery | { readonly notImported: string })[];
  readonly notImported: readonly string[];
}

/** A panel of the DSL's types, or one the import leaves out, with the reason. */
export type ImportedItem = ImportedPanel | { readonly skipped: string; readonly title: string };

export interface ImportedDashboard {
  readonly file: string;
  readonly uid: string;
  readonly title: string;
  readonly tags: readonly string[];
  readonly timeRange?: string;
  readonly refresh?: string;
  readonly panels: readonly ImportedItem[];
  readonly rows: readonly { readonly title: string; readonly panels: readonly ImportedItem[] }[];
  readonly notImported: readonly string[];
}

type Raw = Record<string, unknown>;
const isRaw = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Raw[] => (Array.isArray(v) ? v.filter(isRaw) : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Grafana type → the DSL's, with the note a legacy type gets. */
const panelTypes: Readonly<Record<string, { readonly type: PanelType; readonly note?: string }>> = {
  timeseries: { type: 'timeseries' }, gauge: { type: 'gauge' }, stat: { type: 'stat' }, bargauge: { type: 'bargauge' },
  table: { type: 'table' }, heatmap: { type: 'heatmap' }, text: { type: 'text' },
  graph: { type: 'timeseries', note: 'legacy graph panel written as timeseries (its series overrides, axes and bars are not imported)' },
  singlestat: { type: 'stat', note: 'legacy singlestat panel written as stat (its gauge, sparkline and value maps are not imported)' },
};

const unitOf = new Map(Object.entries(grafanaUnit).map(([ours, theirs]) => [theirs, ours as PanelUnit]));
/** Grafana variables the DSL defines itself; a query may use them as they are. */
export const knownVariables = new Set(['namespace', 'pod', 'instance', '__rate_interval', '__interval', '__range']);
const variableRef = /\$(?:\{([A-Za-z_]\w*)(?::[a-z]+)?\}|([A-Za-z_]\w*))|\[\[([A-Za-z_]\w*)\]\]/g;

export function variablesIn(expr: string): string[] {
  return [...new Set([...expr.matchAll(variableRef)].map((m) => (m[1] ?? m[2] ?? m[3])!))];
}

// fields of a panel a stack has no place for, and how the note names them
const panelExtras: readonly [string, string, (v: unknown) => boolean][] = [
  ['transformations', 'transformations', (v) => Array.isArray(v) && v.length > 0],
  ['links', 'links', (v) => Array.isArray(v) && v.length > 0],
  ['repeat', 'repeat by variable', (v) => typeof v === 'string' && v !== ''],
  ['alert', 'legacy panel alert', (v) => v !== undefined],
];

function datasourceType(d: unknown): string | undefined {
  // a string names a datasource, not its type: taken as Prometheus unless it says otherwise
  if (isRaw(d)) return text(d.type);
  return text(d)?.startsWith('-- ') ? text(d) : undefined;
}

function query(t: Raw, panelSource: unknown): ImportedQuery | { readonly notImported: string } {
  const ds = datasourceType(t.datasource) ?? datasourceType(panelSource);
  const ref = text(t.refId) ?? '?';
  if ((ds !== undefined && ds !== 'prometheus') || typeof t.expr !== 'string') {
    return { notImported: `query ${ref}: ${ds !== undefined && ds !== 'prometheus' ? `${ds} datasource` : 'no PromQL expr'}` };
  }
  if (t.hide === true) return { notImported: `query ${ref}: hidden in the panel` };
  const unknown = variablesIn(t.expr).filter((v) => !knownVariables.has(v));
  if (unknown.length) return { notImported: `query ${ref}: uses ${unknown.map((v) => `$${v}`).join(', ')}, not a stackc dashboard variable: ${t.expr}` };
  const legend = text(t.legendFormat);
  return { expr: t.expr, instant: t.instant === true, ...(legend && legend !== '__auto' ? { legend } : {}) };
}

function unitAndBounds(p: Raw, notes: string[]): Pick<ImportedPanel, 'unit' | 'min' | 'max' | 'steps'> {
  const defaults = isRaw(p.fieldConfig) && isRaw(p.fieldConfig.defaults) ? p.fieldConfig.defaults : {};
  const legacyAxis = list(p.yaxes)[0] ?? {};
  const grafana = text(defaults.unit) ?? text(legacyAxis.format) ?? text(p.format);
  const unit = grafana === undefined ? undefined : unitOf.get(grafana);
  if (grafana !== undefined && unit === undefined && grafana !== 'short') notes.push(`unit ${grafana} (stackc has ${[...unitOf.keys()].join(', ')})`);
  if (isRaw(p.fieldConfig) && list(p.fieldConfig.overrides).length) notes.push('field overrides');
  if (list(defaults.mappings).length) notes.push('value mappings');
  const thresholds = isRaw(defaults.thresholds) ? defaults.thresholds : undefined;
  const values = list(thresholds?.steps).flatMap((s) => (num(s.value) !== undefined ? [num(s.value)!] : []));
  let steps: number[] | undefined = [...values].sort((a, b) => a - b);
  if (steps.length > 3) {
    notes.push(`colour steps ${steps.join(', ')} (stackc takes at most three: info, warning, critical)`);
    steps = undefined;
  } else if (thresholds?.mode === 'percentage') {
    notes.push(`percentage colour steps ${steps.join(', ')}`);
    steps = undefined;
  }
  const min = num(defaults.min) ?? num(legacyAxis.min);
  const max = num(defaults.max) ?? num(legacyAxis.max);
  return { ...(unit ? { unit } : {}), ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), ...(steps?.length ? { steps } : {}) };
}

function panel(p: Raw): ImportedItem {
  const grafanaType = text(p.type) ?? '(none)';
  const title = text(p.title) ?? '';
  const known = panelTypes[grafanaType];
  if (!known) return { skipped: `panel "${title}": type ${grafanaType} is not one of stackc's panel types`, title };
  const notes: string[] = known.note ? [known.note] : [];
  for (const [key, what, present] of panelExtras) if (present(p[key])) notes.push(what);
  const grid = isRaw(p.gridPos) ? p.gridPos : {};
  const base = {
    type: known.type, title, notImported: notes,
    ...(text(p.description) ? { description: text(p.description)! } : {}),
    ...(num(grid.w) !== undefined ? { width: num(grid.w)! } : {}),
    ...(num(grid.h) !== undefined ? { height: num(grid.h)! } : {}),
  };
  if (known.type === 'text') {
    const content = (isRaw(p.options) ? text(p.options.content) : undefined) ?? text(p.content) ?? '';
    return { ...base, content, queries: [] };
  }
  return { ...base, ...unitAndBounds(p, notes), queries: list(p.targets).map((t) => query(t, p.datasource)) };
}

/** Panels in reading order: by grid row, then column (the DSL lays them out again in this order). */
function reading(panels: readonly Raw[]): Raw[] {
  const at = (p: Raw, k: 'x' | 'y') => (isRaw(p.gridPos) ? num(p.gridPos[k]) ?? 0 : 0);
  return [...panels].sort((a, b) => at(a, 'y') - at(b, 'y') || at(a, 'x') - at(b, 'x'));
}

function timeRange(d: Raw, notes: string[]): string | undefined {
  if (!isRaw(d.time)) return undefined;
  const from = /^now-(\d+[smhdwy])$/.exec(text(d.time.from) ?? '');
  if (from && d.time.to === 'now') return from[1];
  notes.push(`time range ${String(d.time.from)} to ${String(d.time.to)} (stackc: a duration back from now)`);
  return undefined;
}

function templating(d: Raw, notes: string[]): void {
  const vars = isRaw(d.templating) ? list(d.templating.list) : [];
  for (const v of vars) {
    const name = text(v.name) ?? '';
    if (v.type === 'datasource') continue; // stackc defines its own, defaulting to the provisioned Prometheus
    if (knownVariables.has(name)) notes.push(`variable $${name}: stackc defines it (values of its label on the stack's targets), not from ${JSON.stringify(v.query ?? v.definition ?? '')}`);
    else notes.push(`variable $${name} (${String(v.type)}): stackc dashboards define only $namespace, $pod and $instance; queries using it are not imported`);
  }
}

export function parseDashboard(json: unknown, file: string): ImportedDashboard {
  if (!isRaw(json)) throw new DashboardFileError(`${file}: not a dashboard JSON object`);
  const d = isRaw(json.dashboard) ? json.dashboard : json; // the HTTP API's wrapper, or the bare model
  const schema = num(d.schemaVersion);
  if (schema === undefined || schema < 27) throw new DashboardFileError(`${file}: schemaVersion ${String(d.schemaVersion)}; stackc imports 27 or later (open and save it in a current Grafana first)`);
  if (!Array.isArray(d.panels)) throw new DashboardFileError(`${file}: no panels list${Array.isArray(d.rows) ? ' (the pre-5.0 rows model)' : ''}`);
  const notes: string[] = ['panel display options (legend, tooltip, colours, draw style) are stackc\'s own'];
  const rows: { title: string; panels: ImportedItem[] }[] = [];
  const top: ImportedItem[] = [];
  for (const p of reading(list(d.panels))) {
    if (p.type === 'row') {
      rows.push({ title: text(p.title) ?? '', panels: reading(list(p.panels)).map(panel) });
      if (p.repeat) notes.push(`row "${String(p.title)}": repeat by variable`);
    } else (rows.at(-1)?.panels ?? top).push(panel(p));
  }
  templating(d, notes);
  const annotations = isRaw(d.annotations) ? list(d.annotations.list).filter((a) => a.builtIn !== 1) : [];
  if (annotations.length) notes.push(`annotations ${annotations.map((a) => JSON.stringify(a.name ?? '')).join(', ')}`);
  if (list(d.links).length) notes.push('dashboard links');
  const refresh = text(d.refresh) || undefined;
  if (!refresh) notes.push('no auto-refresh (stackc refreshes every 30s)');
  const range = timeRange(d, notes);
  return {
    file, uid: text(d.uid) ?? '', title: text(d.title) ?? '', tags: Array.isArray(d.tags) ? d.tags.filter((t): t is string => typeof t === 'string') : [],
    ...(range ? { timeRange: range } : {}), ...(refresh ? { refresh } : {}),
    panels: top, rows, notImported: notes,
  };
}

export function readDashboardFile(path: string, display: string): ImportedDashboard {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    if (e instanceof SyntaxError) throw new DashboardFileError(`${display}: not JSON (${e.message})`);
    throw e;
  }
  return parseDashboard(json, display);
}
