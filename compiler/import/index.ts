// `stackc import`: Prometheus rule files → a stack file that compiles to the same rules. Series are resolved against
// the shipped catalogs and the input's own recording rules; the rest are declared in the stack's own catalog with
// types and labels inferred from their use. Pure: text in, text out (the CLI reads and writes the files).
import type { ExternalMetric } from '../model.ts';
import type { LabelKnowledge } from '../routing/alert-labels.ts';
import type { AlertmanagerConfig } from './alertmanager-config.ts';
import { alertingText, type AlertingText } from './alertmanager-text.ts';
import { parsePromQL, selectorsIn } from '../promql/ast.ts';
import { inferLabels, type RuleForLabels } from './labels.ts';
import { resolveSeries, type Resolution } from './resolve.ts';
import type { ImportedGroup } from './rule-files.ts';
import { inferFamilies, usedSeries } from './series-types.ts';
import { shippedCatalogs } from './shipped-catalogs.ts';
import { stackFile, type DeclaredFamily } from './stack-file.ts';
import { tsAccess } from './ts-text.ts';
import { dashboardsText, type DashboardsText } from './dashboard-text.ts';
import { parseableText } from './expression.ts';
import type { ImportedDashboard } from './grafana-dashboard.ts';

export interface ImportOptions {
  readonly stackName: string;
  readonly namespace: string;
  /** The rule files as the stack file's header names them. */
  readonly sources: readonly string[];
  /** An Alertmanager configuration to import as the stack's alerting. */
  readonly alertmanager?: AlertmanagerConfig;
  /** Grafana dashboards to import as the stack's dashboards. */
  readonly dashboards?: readonly ImportedDashboard[];
}

export interface ImportResult {
  readonly source: string;
  /** What the user should look at, one line each: undeclared series, alerts whose severity was made up. */
  readonly notes: readonly string[];
  readonly families: readonly DeclaredFamily[];
  readonly ruleCount: number;
  readonly alerting?: AlertingText;
  readonly dashboards?: DashboardsText;
}

const ownCatalog = 'imported';

function familyPart(name: string, family: DeclaredFamily): string | undefined {
  if (family.type === 'histogram') return name.slice(family.name.length + 1);
  if (family.type === 'summary') return name === family.name ? 'quantiles' : name.slice(family.name.length + 1);
  return undefined;
}

export function importRules(groups: readonly ImportedGroup[], o: ImportOptions): ImportResult {
  const rules = groups.flatMap((g) => g.rules.map((r) => ({ group: g, rule: r, where: `${r.kind === 'alert' ? 'alert' : 'record'} ${r.name}` })));
  const parsed = rules.map((r) => ({ ...r, parsed: parsePromQL(r.rule.expr) }));
  const asts = parsed.flatMap((r) => (r.parsed.ok ? [{ ...r, ast: r.parsed.ast }] : []));
  const panels = panelQueries(o.dashboards ?? []);
  const names = new Set([...asts, ...panels].flatMap(({ ast }) => selectorsIn(ast).flatMap(({ selector }) => (selector.name ? [selector.name] : []))));
  const recorded = new Set(rules.flatMap(({ rule }) => (rule.kind === 'recording' ? [rule.name] : [])));
  const resolved = resolveSeries(names, recorded);
  const used = usedSeries([...asts, ...panels].map(({ where, ast }) => ({ where, ast })));
  const unknown = [...resolved].filter(([, r]) => r.kind === 'unknown').map(([n]) => n).sort();
  const { families, undeclared, familyOf } = inferFamilies(unknown, names, used);

  const shipped = shippedCatalogs.filter((s) => [...resolved.values()].some((r) => r.kind === 'catalog' && r.shipped === s));
  const known = shippedCatalogs.filter((s) => s.always || shipped.includes(s)).flatMap((s) => s.catalog.entries);
  const importedEntries: ExternalMetric[] = families.map((f) => ({ kind: 'external', catalog: 'imported', name: f.name, type: f.type, help: '', labels: ['instance', 'job'] }));
  const labelRules: RuleForLabels[] = asts.map(({ group, rule, ast }) => ({
    kind: rule.kind, name: rule.name, ast, labels: { ...group.labels, ...rule.labels }, annotations: rule.kind === 'alert' ? rule.annotations : {},
  }));
  // a panel's query needs its series' labels as a rule's would: an alert with no labels of its own says just that
  const panelRules: RuleForLabels[] = panels.map(({ where, ast }) => ({ kind: 'alert', name: where, ast, labels: {}, annotations: {} }));
  const { labels, outputs } = inferLabels({ rules: [...labelRules, ...panelRules], known, imported: importedEntries, familyOf });
  const usedBy = (family: string) => [...new Set([...familyOf].filter(([, f]) => f === family).flatMap(([n]) => used.usedIn.get(n) ?? []))];
  const declared: DeclaredFamily[] = families.map((f) => ({ ...f, labels: labels.get(f.name) ?? [], usedIn: usedBy(f.name) }));
  const byName = new Map(declared.map((f) => [f.name, f]));

  const refOf = (name: string): string | undefined => {
    const r: Resolution | undefined = resolved.get(name);
    if (r?.kind === 'catalog') return partAccess(tsAccess(r.shipped.exportName, r.entry.name), r.part);
    const family = familyOf.get(name);
    if (family === undefined) return undefined;
    return partAccess(tsAccess(ownCatalog, family), familyPart(name, byName.get(family)!));
  };

  const near = [...resolved].flatMap(([name, r]) => (r.kind === 'near' ? [{ name, why: `${name} is in no shipped catalog; did you mean ${r.near.join(' or ')}?` }] : []));
  const left = [...near, ...undeclared].sort((a, b) => a.name.localeCompare(b.name));
  const severityNotes = rules.flatMap(({ rule }) => (rule.kind === 'alert' && !['info', 'warning', 'critical'].includes(rule.labels.severity ?? '')
    ? [`alert ${rule.name}: severity ${rule.labels.severity === undefined ? 'missing' : JSON.stringify(rule.labels.severity)}, written as 'warning'`] : []));
  const syntaxNotes = parsed.flatMap(({ where, parsed: p }) => (p.ok ? [] : [`${where}: PromQL syntax error (${p.problem.message}); the compile reports it`]));
  const alerting = o.alertmanager ? alertingText(o.alertmanager, o.stackName, alertKnowledge(asts, labelRules, outputs)) : undefined;
  const dashboards = o.dashboards?.length ? dashboardsText(o.dashboards, refOf) : undefined;
  const source = stackFile({
    stackName: o.stackName, namespace: o.namespace, sources: [...o.sources, ...(o.alertmanager ? [o.alertmanager.file] : []), ...(o.dashboards ?? []).map((d) => d.file)], groups, shipped,
    families: declared, undeclared: left, refOf, ownCatalog, ...(alerting ? { alerting } : {}), ...(dashboards ? { dashboards } : {}),
  });
  return {
    source,
    notes: [...(alerting?.notes ?? []), ...(dashboards?.notes ?? []), ...left.map((u) => `not declared: ${u.why}`), ...severityNotes, ...syntaxNotes],
    families: declared,
    ruleCount: rules.length,
    ...(alerting ? { alerting } : {}),
    ...(dashboards ? { dashboards } : {}),
  };
}

/** Every imported panel query that parses, named for the notes and `check:` comments. */
function panelQueries(dashboards: readonly ImportedDashboard[]) {
  const items = dashboards.flatMap((d) => [...d.panels, ...d.rows.flatMap((r) => r.panels)].map((p) => ({ d, p })));
  return items.flatMap(({ d, p }) => ('skipped' in p ? [] : p.queries.flatMap((q) => {
    if ('notImported' in q) return [];
    const parsed = parsePromQL(parseableText(q.expr));
    return parsed.ok ? [{ where: `panel ${d.uid}/${p.title}`, ast: parsed.ast }] : [];
  })));
}

function partAccess(base: string, part: string | undefined): string {
  return part ? `${base}.${part}` : base;
}


/** What Alertmanager will know of each imported alert, as the compile decides routes: alertname, the severity the
 *  stack file writes, static labels (the group's included) fixed; the labels the expression returns from the data. */
function alertKnowledge(
  asts: readonly { readonly group: ImportedGroup; readonly rule: ImportedGroup['rules'][number] }[], labelRules: readonly RuleForLabels[],
  outputs: ReadonlyMap<RuleForLabels, ReadonlySet<string> | undefined>,
): LabelKnowledge[] {
  return asts.flatMap(({ group, rule }, i) => {
    if (rule.kind !== 'alert') return [];
    const severity = ['info', 'warning', 'critical'].includes(rule.labels.severity ?? '') ? rule.labels.severity! : 'warning';
    const known = { ...group.labels, ...rule.labels, alertname: rule.name, severity };
    const output = outputs.get(labelRules[i]!);
    return [{ known, dynamic: output ? new Set([...output].filter((l) => !(l in known))) : 'any' as const }];
  });
}
