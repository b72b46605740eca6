// The stack file an import writes: imports, the stack's own catalog of series no shipped catalog declares (each
// with a `// check:` comment saying how its type and labels were inferred), and the rule groups as they were.
import type { MetricType, Severity } from '../model.ts';
import type { ImportedAlert, ImportedGroup, ImportedRecording, ImportedRule } from './rule-files.ts';
import type { ShippedCatalog } from './shipped-catalogs.ts';
import { promqlTemplate, type SeriesReference } from './expression.ts';
import type { AlertingText } from './alertmanager-text.ts';
import type { DashboardsText } from './dashboard-text.ts';
import { tsKey, tsRecord, tsString } from './ts-text.ts';

export interface DeclaredFamily {
  readonly name: string;
  readonly type: MetricType;
  readonly labels: readonly string[];
  readonly why: string;
  readonly usedIn: readonly string[];
}

export interface StackFilePlan {
  readonly stackName: string;
  readonly namespace: string;
  /** The rule files, as the header names them. */
  readonly sources: readonly string[];
  readonly groups: readonly ImportedGroup[];
  /** Shipped catalogs the expressions refer to, in the order the stack lists them. */
  readonly shipped: readonly ShippedCatalog[];
  readonly families: readonly DeclaredFamily[];
  /** Series left undeclared on purpose, and why. */
  readonly undeclared: readonly { readonly name: string; readonly why: string }[];
  readonly refOf: SeriesReference;
  /** The variable of the stack's own catalog. */
  readonly ownCatalog: string;
  /** The imported Alertmanager configuration. */
  readonly alerting?: AlertingText;
  /** The imported Grafana dashboards. */
  readonly dashboards?: DashboardsText;
}

const severities: readonly Severity[] = ['info', 'warning', 'critical'];
const specFunction: Readonly<Record<MetricType, string>> = { counter: 'counterSeries', gauge: 'gaugeSeries', histogram: 'histogramSeries', summary: 'summarySeries' };
const reason = "tests: untested('imported'),";

function comment(text: string, indent: string): string[] {
  // wrapped at about 120 columns, on word boundaries
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + 3 + line.length + 1 + word.length > 120) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.map((l) => `${indent}// ${l}`);
}

function listOf(names: readonly string[]): string {
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

function familyLines(f: DeclaredFamily, indent: string): string[] {
  const labels = `[${f.labels.map(tsString).join(', ')}]`;
  return [
    ...comment(`check: ${f.why}; ${f.labels.length ? `labels as ${listOf(f.usedIn)} ${f.usedIn.length === 1 ? 'reads' : 'read'} them` : `no label beyond job and instance is read (${listOf(f.usedIn)})`}`, indent),
    `${indent}${tsKey(f.name)}: ${specFunction[f.type]}(${tsString('Imported: inferred from the rules that query it')}, ${labels}),`,
  ];
}

/** `severity` is a field of alert(): the label's value when it is one stackc routes by, else 'warning', said so. */
function severityLines(a: ImportedAlert, indent: string): string[] {
  const given = a.labels.severity;
  if (given !== undefined && (severities as readonly string[]).includes(given)) return [`${indent}severity: ${tsString(given)},`];
  const why = given === undefined
    ? 'check: no severity label in the rule; stackc routes by one, so the import says warning'
    : `check: severity was ${JSON.stringify(given)}; stackc routes by info, warning or critical`;
  return [...comment(why, indent), `${indent}severity: 'warning',`];
}

function exprLine(expr: string, refOf: SeriesReference, indent: string, key = 'expr: '): string {
  return `${indent}${key}${promqlTemplate(expr.trim(), refOf)},`;
}

function alertLines(a: ImportedAlert, refOf: SeriesReference, indent: string): string[] {
  const inner = `${indent}  `;
  const { summary, description, runbook_url: runbook, ...others } = a.annotations;
  const { severity: _, ...labels } = a.labels;
  return [
    `${indent}alert({`,
    `${inner}name: ${tsString(a.name)},`,
    ...severityLines(a, inner),
    ...(a.for !== undefined && a.for !== '0s' ? [`${inner}for: ${tsString(a.for)},`] : []),
    ...(a.keepFiringFor !== undefined ? [`${inner}keepFiringFor: ${tsString(a.keepFiringFor)},`] : []),
    ...(Object.keys(labels).length ? [`${inner}labels: ${tsRecord(labels)},`] : []),
    exprLine(a.expr, refOf, inner),
    ...(summary !== undefined ? [`${inner}summary: ${tsString(summary)},`] : []),
    ...(description !== undefined ? [`${inner}description: ${tsString(description)},`] : []),
    ...(runbook !== undefined ? [`${inner}runbook: ${tsString(runbook)},`] : []),
    ...(Object.keys(others).length ? [`${inner}annotations: ${tsRecord(others)},`] : []),
    `${inner}${reason}`,
    `${indent}}),`,
  ];
}

function recordingLines(r: ImportedRecording, refOf: SeriesReference, indent: string): string[] {
  const options = `{ ${Object.keys(r.labels).length ? `labels: ${tsRecord(r.labels)}, ` : ''}${reason.slice(0, -1)} }`;
  return [`${indent}record(${tsString(r.name)}, ${promqlTemplate(r.expr.trim(), refOf)}, ${options}),`];
}

function ruleLines(r: ImportedRule, refOf: SeriesReference, indent: string): string[] {
  return r.kind === 'alert' ? alertLines(r, refOf, indent) : recordingLines(r, refOf, indent);
}

function groupLines(g: ImportedGroup, refOf: SeriesReference): string[] {
  const i = '      ';
  return [
    `    ruleGroup(${tsString(g.name)}, {`,
    ...(g.interval !== undefined ? [`${i}interval: ${tsString(g.interval)},`] : []),
    ...(g.limit !== undefined ? [`${i}limit: ${g.limit},`] : []),
    ...(g.queryOffset !== undefined ? [`${i}queryOffset: ${tsString(g.queryOffset)},`] : []),
    ...(Object.keys(g.labels).length ? [`${i}labels: ${tsRecord(g.labels)},`] : []),
    `${i}rules: [`,
    ...g.rules.flatMap((r) => ruleLines(r, refOf, `${i}  `)),
    `${i}],`,
    '    }),',
  ];
}

function dslImports(plan: StackFilePlan): string[] {
  const rules = plan.groups.flatMap((g) => g.rules);
  const names = new Set(['promql', 'ruleGroup', 'stack', 'untested']);
  if (rules.some((r) => r.kind === 'alert')) names.add('alert');
  if (rules.some((r) => r.kind === 'recording')) names.add('record');
  if (plan.families.length) names.add('catalog');
  for (const f of plan.families) names.add(specFunction[f.type]);
  for (const n of plan.alerting?.imports ?? []) names.add(n);
  if (plan.dashboards) for (const n of plan.dashboards.imports) names.add(n);
  return [
    `import { ${[...names].sort().join(', ')} } from 'stackc';`,
    ...plan.shipped.map((s) => `import { ${s.exportName} } from 'stackc/catalogs/${s.module}';`),
  ];
}

/** The whole stack file. */
export function stackFile(plan: StackFilePlan): string {
  const listed = [...(plan.families.length ? [plan.ownCatalog] : []), ...plan.shipped.filter((s) => !s.always).map((s) => s.exportName)];
  const lines = [
    ...comment(`Imported by \`stackc import\` from ${plan.sources.join(', ')}. Review every "check:" comment: the types and labels of series no shipped catalog declares are inferred from how the rules use them. Every rule is marked untested('imported'): replace the mark with ruleTest(...) cases (docs/import.md).`, ''),
    ...dslImports(plan),
    '',
  ];
  if (plan.undeclared.length) {
    lines.push('// Series the rules read that this file does not declare, so the compile reports each rule that reads them:');
    for (const u of plan.undeclared) lines.push(...comment(`check: ${u.why}`, ''));
    lines.push('');
  }
  if (plan.families.length) {
    lines.push('// Series no shipped catalog declares.', `const ${plan.ownCatalog} = catalog('imported', {`);
    for (const f of plan.families) lines.push(...familyLines(f, '  '));
    lines.push('});', '');
  }
  if (plan.alerting) lines.push(...plan.alerting.declarations, '');
  if (plan.dashboards) lines.push(...plan.dashboards.declarations);
  lines.push(
    `export default stack(${tsString(plan.stackName)}, {`,
    `  namespace: ${tsString(plan.namespace)},`,
    '  metrics: [],',
    ...(listed.length ? [`  catalogs: [${listed.join(', ')}],`] : []),
    '  groups: [',
    ...plan.groups.flatMap((g) => groupLines(g, plan.refOf)),
    '  ],',
    ...(plan.alerting?.entry ?? []),
    ...(plan.dashboards ? [`  dashboards: [${plan.dashboards.names.join(', ')}],`] : []),
    '});',
    '',
  );
  return lines.join('\n');
}
