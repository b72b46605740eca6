// Imported Grafana dashboards as `dashboard(...)` constants of the stack file. Queries go through the same promql
// template writer as rules, so their series are the catalogs' objects; what the DSL cannot say is a
// `// not imported: …` line where it was, and a note.
import { promqlTemplate, type SeriesReference } from './expression.ts';
import type { ImportedDashboard, ImportedItem, ImportedPanel } from './grafana-dashboard.ts';
import { tsString } from './ts-text.ts';

export interface DashboardsText {
  /** `const <name> = dashboard({ … });` per dashboard. */
  readonly declarations: readonly string[];
  /** The constants, as `dashboards: [...]` lists them. */
  readonly names: readonly string[];
  readonly notes: readonly string[];
  /** What the declarations use of 'stackc'. */
  readonly imports: readonly string[];
}

const notImported = (what: string, indent: string) => `${indent}// not imported: ${what.replace(/\n/g, ' ')}`;

function constName(uid: string, taken: Set<string>): string {
  const words = uid.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const base = `${words.map((w, i) => (i ? w[0]!.toUpperCase() + w.slice(1) : w.toLowerCase())).join('') || 'imported'}Dashboard`;
  const safe = /^[0-9]/.test(base) ? `d${base}` : base;
  let name = safe;
  for (let n = 2; taken.has(name); n++) name = `${safe}${n}`;
  taken.add(name);
  return name;
}

function queryLines(p: ImportedPanel, refOf: SeriesReference, indent: string): string[] {
  return p.queries.map((q) => {
    if ('notImported' in q) return notImported(q.notImported, indent);
    const expr = promqlTemplate(q.expr.trim(), refOf);
    const fields = [`expr: ${expr}`, ...(q.legend !== undefined ? [`legend: ${tsString(q.legend)}`] : []), ...(q.instant ? ['instant: true'] : [])];
    return `${indent}{ ${fields.join(', ')} },`;
  });
}

function panelLines(item: ImportedItem, refOf: SeriesReference, indent: string, where: string, notes: string[]): string[] {
  if ('skipped' in item) {
    notes.push(`${where}: ${item.skipped}`);
    return [notImported(item.skipped, indent)];
  }
  const title = item.title || `Untitled ${item.type}`;
  const at = `${where}: panel "${title}"`;
  const comments = item.notImported.map((n) => notImported(n, indent));
  notes.push(...[...item.notImported, ...item.queries.flatMap((q) => ('notImported' in q ? [q.notImported] : []))].map((n) => `${at}: not imported: ${n}`));
  if (!item.title) notes.push(`${at}: the panel had no title; stackc needs one`);
  const size = [...(item.width !== undefined ? [`width: ${item.width}`] : []), ...(item.height !== undefined ? [`height: ${item.height}`] : [])];
  if (item.type === 'text') {
    return [...comments, `${indent}panel.text({ ${[`title: ${tsString(title)}`, `content: ${tsString(item.content ?? '')}`, ...size].join(', ')} }),`];
  }
  const queries = queryLines(item, refOf, `${indent}    `);
  if (!item.queries.some((q) => !('notImported' in q))) {
    notes.push(`${at}: not imported: no Prometheus query left`);
    return [...comments, ...queries.map((l) => l.replace(`${indent}    `, indent)), notImported(`panel "${title}" (${item.type}): no Prometheus query left`, indent)];
  }
  const inner = `${indent}  `;
  const fields = [
    `${inner}title: ${tsString(title)},`,
    ...(item.description !== undefined ? [`${inner}description: ${tsString(item.description)},`] : []),
    ...(item.unit !== undefined ? [`${inner}unit: ${tsString(item.unit)},`] : []),
    ...(item.min !== undefined ? [`${inner}min: ${item.min},`] : []),
    ...(item.max !== undefined ? [`${inner}max: ${item.max},`] : []),
    ...(item.steps ? [`${inner}thresholds: [${item.steps.join(', ')}],`] : []),
    ...(size.length ? [`${inner}${size.join(', ')},`] : []),
    `${inner}queries: [`,
    ...queries,
    `${inner}],`,
  ];
  return [...comments, `${indent}panel.${item.type}({`, ...fields, `${indent}}),`];
}

function dashboardLines(d: ImportedDashboard, name: string, refOf: SeriesReference, notes: string[]): string[] {
  const where = `dashboard ${d.uid}`;
  notes.push(...d.notImported.map((n) => `${where}: not imported: ${n}`));
  const rows = d.rows.flatMap((r) => [
    `    row(${tsString(r.title)}, [`,
    ...r.panels.flatMap((p) => panelLines(p, refOf, '      ', `${where} › row ${r.title}`, notes)),
    '    ]),',
  ]);
  return [
    `// Imported from ${d.file}.`,
    ...d.notImported.map((n) => notImported(n, '')),
    `const ${name} = dashboard({`,
    `  uid: ${tsString(d.uid)},`,
    `  title: ${tsString(d.title)},`,
    ...(d.tags.length ? [`  tags: [${d.tags.map(tsString).join(', ')}],`] : []),
    ...(d.refresh ? [`  refresh: ${tsString(d.refresh)},`] : []),
    ...(d.timeRange ? [`  timeRange: ${tsString(d.timeRange)},`] : []),
    ...(d.panels.length ? ['  panels: [', ...d.panels.flatMap((p) => panelLines(p, refOf, '    ', where, notes)), '  ],'] : []),
    ...(d.rows.length ? ['  rows: [', ...rows, '  ],'] : []),
    '});',
  ];
}

export function dashboardsText(dashboards: readonly ImportedDashboard[], refOf: SeriesReference): DashboardsText {
  const taken = new Set<string>();
  const notes: string[] = [];
  const declarations: string[] = [];
  const names: string[] = [];
  for (const d of dashboards) {
    const name = constName(d.uid, taken);
    names.push(name);
    declarations.push(...dashboardLines(d, name, refOf, notes), '');
  }
  const imports = ['dashboard', ...(declarations.some((l) => l.trimStart().startsWith('panel.')) ? ['panel'] : []), ...(dashboards.some((d) => d.rows.length) ? ['row'] : [])];
  return { declarations, names, notes, imports };
}
