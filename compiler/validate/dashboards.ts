// Dashboards: every panel query passes the same PromQL checks as rules, panel colours agree with the alerts,
// and the dashboard fits Grafana's model (uid, grid, variables).
import { checkableExpr, isKnownVariable, variablesIn } from '../dashboard-queries.ts';
import { thresholdDisagreements } from '../dashboard-thresholds.ts';
import { parseDuration } from '../duration.ts';
import type { Issue } from '../issues.ts';
import type { Dashboard, Panel } from '../model-dashboard.ts';
import type { Stack } from '../model.ts';
import { analyzeExpression, stackIndex } from '../promql/analyze.ts';
import type { SeriesIndex } from '../promql/series-index.ts';
import { issue } from './context.ts';

const uidPattern = /^[a-zA-Z0-9_-]{1,40}$/;
const gridColumns = 24;

function levelsText(levels: readonly { readonly value: number; readonly severity: string }[]): string {
  return levels.map((l) => `${l.value} (${l.severity})`).join(', ');
}

function queryIssues(stack: Stack, index: SeriesIndex, p: Panel, path: readonly string[]): Issue[] {
  const out: Issue[] = [];
  for (const q of p.queries) {
    const qPath = [...path, `query ${q.refId}`];
    for (const name of variablesIn(q.expr.text)) {
      if (!isKnownVariable(name)) {
        out.push(issue('dashboards/unknown-variable', q.expr.source, qPath, `the query uses $${name}, which is not a dashboard variable`,
          'use $namespace, $pod, $instance or Grafana\'s $__rate_interval, $__interval, $__range (in the DSL: $namespace, $pod, rateInterval, …)'));
      }
    }
    const analysis = analyzeExpression({ text: checkableExpr(stack, q.expr.text), source: q.expr.source }, index, stack, qPath);
    out.push(...analysis.issues);
    const value = analysis.value;
    if (p.type === 'heatmap' && value && !value.buckets && !(value.labels?.has('le') ?? true)) {
      out.push(issue('dashboards/heatmap-buckets', q.expr.source, qPath, `heatmap "${p.title}" queries something other than histogram buckets`,
        "query a histogram's buckets keeping le, e.g. sum(rate(latency.bucket, rateInterval), { by: ['le'] }), or use a timeseries panel"));
    }
  }
  return out;
}

function panelIssues(stack: Stack, index: SeriesIndex, d: Dashboard, p: Panel): Issue[] {
  const path = [stack.name, `dashboard ${d.uid}`, `panel ${p.title || '(untitled)'}`];
  const out: Issue[] = [];
  const at = (code: string, message: string, hint: string) => out.push(issue(code, p.source, path, message, hint));
  if (p.title.trim() === '') at('dashboards/panel-title', 'the panel has no title', "give it a title: { title: 'CPU Usage' }");
  if (p.width !== undefined && (!Number.isInteger(p.width) || p.width < 1 || p.width > gridColumns)) {
    at('dashboards/panel-width', `width ${p.width} does not fit Grafana's ${gridColumns}-column grid`, `use a whole number from 1 to ${gridColumns}`);
  }
  if (p.height !== undefined && (!Number.isInteger(p.height) || p.height < 1)) at('dashboards/panel-height', `height ${p.height} is not a whole number of grid rows`, 'use a whole number of 30 px rows, e.g. 8');
  if (p.type !== 'text' && p.queries.length === 0) {
    at('dashboards/no-query', `${p.type} panel "${p.title}" has no query`, 'build the panel from a metric, or give it queries: [...]');
  }
  for (const dis of thresholdDisagreements(stack, p)) {
    const steps = p.thresholds.kind === 'declared' ? p.thresholds.levels.map((l) => l.value) : [];
    at('dashboards/threshold-mismatch',
      `panel "${p.title}" colours at ${steps.join(', ') || '(no steps)'}, but the alerts on ${dis.series} fire at ${levelsText(dis.levels)}`,
      `drop thresholds: so the panel takes the alert thresholds, or, if the difference is on purpose, write thresholds: override([${steps.join(', ')}], 'why')`);
  }
  const own = p.thresholds.kind === 'declared' || p.thresholds.kind === 'override' ? p.thresholds.levels : [];
  if (new Set(own.map((l) => l.direction)).size > 1) {
    at('dashboards/threshold-direction', `panel "${p.title}" mixes above and below colour levels`, 'use one direction for every level, as for a metric\'s thresholds');
  }
  if (p.thresholds.kind === 'override' && p.thresholds.reason.trim() === '') {
    at('dashboards/override-reason', `panel "${p.title}" overrides its colour steps without a reason`, "say why the panel differs from the alerts: override([…], 'reason')");
  }
  return [...out, ...queryIssues(stack, index, p, path)];
}

function dashboardIssues(stack: Stack, index: SeriesIndex, d: Dashboard): Issue[] {
  const path = [stack.name, `dashboard ${d.uid}`];
  const out: Issue[] = [];
  const at = (code: string, message: string, hint: string) => out.push(issue(code, d.source, path, message, hint));
  if (!uidPattern.test(d.uid)) at('dashboards/uid', `dashboard uid "${d.uid}" is not a valid Grafana uid`, 'use 1 to 40 letters, digits, - and _');
  if (d.title.trim() === '') at('dashboards/title', `dashboard ${d.uid} has no title`, 'give it a title');
  for (const [key, value] of [['refresh', d.refresh], ['timeRange', d.timeRange]] as const) {
    if (!parseDuration(value)) at('dashboards/invalid-duration', `${key} "${value}" is not a valid duration`, 'write a duration such as 30s, 1h or 7d');
  }
  const panels = d.rows.flatMap((r) => r.panels);
  const seen = new Map<string, Panel>();
  for (const p of panels) {
    const first = seen.get(p.title);
    if (first && p.title) {
      out.push(issue('dashboards/duplicate-panel', p.source, [...path, `panel ${p.title}`],
        `two panels of dashboard ${d.uid} are titled "${p.title}" (the other at ${first.source.file}:${first.source.line})`, 'give each panel its own title: people and links find panels by title'));
    }
    seen.set(p.title, first ?? p);
  }
  const rowTitles = new Set<string>();
  for (const r of d.rows) {
    if (r.title === undefined) continue;
    if (rowTitles.has(r.title)) out.push(issue('dashboards/duplicate-row', r.source, [...path, `row ${r.title}`], `two rows are titled "${r.title}"`, 'merge them, or give each its own title'));
    rowTitles.add(r.title);
  }
  return [...out, ...panels.flatMap((p) => panelIssues(stack, index, d, p))];
}

export function checkDashboards(stack: Stack): Issue[] {
  if (stack.dashboards.length === 0) return [];
  const { index } = stackIndex(stack);
  const out: Issue[] = [];
  const uids = new Map<string, Dashboard>();
  for (const d of stack.dashboards) {
    const first = uids.get(d.uid);
    if (first) {
      out.push(issue('dashboards/duplicate-uid', d.source, [stack.name, `dashboard ${d.uid}`],
        `two dashboards have uid "${d.uid}" (the other at ${first.source.file}:${first.source.line})`, 'each dashboard is written to grafana/dashboards/<uid>.json: give each its own uid'));
    }
    uids.set(d.uid, first ?? d);
    out.push(...dashboardIssues(stack, index, d));
  }
  return out;
}
