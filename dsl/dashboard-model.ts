// The dashboard part of the bridge from DSL objects to the model: fills in what each panel inherits from its subject.
import type { Dashboard, DashboardRow, Panel, PanelQuery, PanelThresholds, PanelUnit } from '../compiler/model-dashboard.ts';
import type { Severity, SourceRef, Threshold } from '../compiler/model.ts';
import { defaultQueries, queryText, type DashboardDefinition, type PanelDefinition, type PanelSteps, type PanelSubject, type QueryInput } from './dashboard.ts';
import { thresholdsOf } from './to-model.ts';

const refIds = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function subjectName(s: PanelSubject): string {
  return s.name;
}

function subjectHelp(s: PanelSubject): string {
  return 'help' in s ? s.help : `Recording rule ${s.name}: ${s.exprText}`;
}

function subjectUnit(s: PanelSubject): PanelUnit {
  return 'metricType' in s && s.metricType === 'counter' ? 'ops/s' : s.unit;
}

function queryOf(q: QueryInput, i: number, source: SourceRef): PanelQuery {
  const plain = !('expr' in q);
  const expr = plain ? q : q.expr;
  return {
    refId: refIds[i] ?? `Q${i}`,
    expr: { text: queryText(expr), source: 'source' in expr && expr.source ? expr.source : source },
    ...(!plain && q.legend !== undefined ? { legend: q.legend } : {}),
    instant: !plain && (q.instant ?? false),
  };
}

/** Plain numbers, higher is worse: the highest is critical, the next warning, any below info. */
function levelsOf(steps: PanelSteps): Threshold[] {
  if (!Array.isArray(steps)) return thresholdsOf(steps as Exclude<PanelSteps, readonly number[]>);
  const byRank: readonly Severity[] = ['critical', 'warning'];
  return [...(steps as readonly number[])].sort((a, b) => b - a)
    .map((value, i) => ({ severity: byRank[i] ?? 'info', direction: 'above' as const, value, for: '0s' }))
    .reverse();
}

function thresholdsOfPanel(p: PanelDefinition): PanelThresholds {
  const t = p.options.thresholds;
  if (t === 'none') return { kind: 'none' };
  if (t && 'override' in t) return { kind: 'override', levels: levelsOf(t.override as PanelSteps), reason: t.reason as string };
  if (t) return { kind: 'declared', levels: levelsOf(t as PanelSteps) };
  const levels = p.subject ? thresholdsOf(p.subject.thresholdsInput) : [];
  return p.subject && levels.length ? { kind: 'series', series: subjectName(p.subject), levels } : { kind: 'none' };
}

export function panelOf(p: PanelDefinition): Panel {
  const o = p.options;
  const s = p.subject;
  const queries = o.queries ?? (s ? defaultQueries(p.type, s) : []);
  const range = s?.range;
  const min = o.min ?? range?.[0];
  const max = o.max ?? range?.[1];
  return {
    kind: 'panel',
    type: p.type,
    title: o.title ?? (s ? subjectHelp(s) : ''),
    description: o.description ?? (s ? subjectHelp(s) : ''),
    ...(s ? { series: subjectName(s) } : {}),
    unit: o.unit ?? (s ? subjectUnit(s) : 'none'),
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    thresholds: thresholdsOfPanel(p),
    queries: p.type === 'text' ? [] : queries.map((q, i) => queryOf(q, i, p.source)),
    content: p.content,
    ...(o.width !== undefined ? { width: o.width } : {}),
    ...(o.height !== undefined ? { height: o.height } : {}),
    source: p.source,
  };
}

export function dashboardOf(d: DashboardDefinition): Dashboard {
  const o = d.options;
  const rows: DashboardRow[] = [
    ...(o.panels?.length ? [{ kind: 'row' as const, panels: o.panels.map(panelOf), source: d.source }] : []),
    ...(o.rows ?? []).map((r) => ({ kind: 'row' as const, title: r.title, panels: r.panels.map(panelOf), source: r.source })),
  ];
  return {
    kind: 'dashboard',
    uid: o.uid,
    title: o.title,
    description: o.description ?? '',
    tags: [...(o.tags ?? [])],
    refresh: o.refresh ?? '30s',
    timeRange: o.timeRange ?? '1h',
    rows,
    source: d.source,
  };
}
