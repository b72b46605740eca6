// Prometheus naming: syntax, reserved names, unit and counter suffixes, duplicates (for rules: label sets that can collide).
import { location, type Issue } from '../issues.ts';
import { targetLabels, type Metric, type Rule, type RuleGroup, type Stack, type Unit } from '../model.ts';
import { fixedLabels, outputLabels, separatingLabel } from '../rule-identity.ts';
import { allRules, issue } from './context.ts';

const metricName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const recordName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const alertName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A name rules may write: classic, or on a Prometheus 3 target any UTF-8 name (on a '2' target utf8-names.ts
 *  reports those, once). */
function ruleNameOk(classic: RegExp, name: string): boolean {
  return classic.test(name) || (name.length > 0 && !loneSurrogate.test(name));
}

const unitSuffix: Readonly<Record<Unit, string | undefined>> = {
  seconds: '_seconds',
  bytes: '_bytes',
  ratio: '_ratio',
  percent: '_percent',
  none: undefined,
};
/** Suffixes that say a unit; a metric named with one must declare that unit. Includes non-base units to catch ms. */
const spokenUnits: readonly [string, Unit | 'milliseconds' | 'kilobytes' | 'megabytes' | 'minutes' | 'hours'][] = [
  ['_seconds', 'seconds'], ['_bytes', 'bytes'], ['_ratio', 'ratio'], ['_percent', 'percent'],
  ['_milliseconds', 'milliseconds'], ['_ms', 'milliseconds'], ['_kilobytes', 'kilobytes'], ['_megabytes', 'megabytes'],
  ['_minutes', 'minutes'], ['_hours', 'hours'],
];

function baseName(m: Metric): string {
  return m.kind === 'counter' ? m.name.replace(/_total$/, '') : m.name;
}

function metricIssues(stack: Stack, m: Metric): Issue[] {
  const out: Issue[] = [];
  const path = [stack.name, `metric ${m.name}`];
  const at = (code: string, message: string, hint: string) => out.push(issue(code, m.source, path, message, hint));
  if (!metricName.test(m.name)) {
    at('naming/metric-name', `"${m.name}" is not a valid metric name for the stack's own exporter`, /[^\x00-\x7f]|[.\-/ ]/.test(m.name)
      ? 'the generated registries expose classic names (letters, digits, underscores); a UTF-8 name another exporter exposes (Prometheus 3 reads them) goes in a catalog'
      : 'use letters, digits and underscores, not starting with a digit (colons are for recording rules)');
  } else if (m.name.startsWith('__')) {
    at('naming/reserved', `"${m.name}" starts with "__", which Prometheus reserves for internal use`, 'drop the leading underscores');
  }
  if (m.help.trim() === '') at('naming/help', `${m.name} has no help text`, 'describe what the metric measures in one line; it becomes HELP and the panel description');
  if (m.kind === 'counter' && !m.name.endsWith('_total')) {
    at('naming/counter-total', `counter "${m.name}" does not end in _total`, `name it "${m.name}_total"`);
  }
  if (m.kind !== 'counter' && m.name.endsWith('_total')) {
    at('naming/total-not-counter', `${m.kind} "${m.name}" ends in _total, which says counter`, 'make it a counter, or drop _total from the name');
  }
  for (const suffix of ['_bucket', '_sum', '_count'] as const) {
    if ((m.kind === 'histogram' || m.kind === 'summary') && m.name.endsWith(suffix)) {
      at('naming/reserved-suffix', `${m.kind} "${m.name}" ends in ${suffix}, which the ${m.kind} itself adds`, `drop ${suffix} from the name`);
    }
  }
  const wanted = unitSuffix[m.unit];
  const base = baseName(m);
  if (wanted && !base.endsWith(wanted)) {
    at('naming/unit-suffix', `${m.name} declares unit "${m.unit}" but its name does not end in ${wanted}${m.kind === 'counter' ? '_total' : ''}`,
      `rename it to "${base}${wanted}${m.kind === 'counter' ? '_total' : ''}"`);
  }
  const spoken = spokenUnits.find(([s]) => base.endsWith(s));
  if (spoken && spoken[1] !== m.unit) {
    const isBase = spoken[1] in unitSuffix;
    at('naming/unit-mismatch', `${m.name} is named in ${spoken[1]} but declares unit "${m.unit}"`,
      isBase ? `declare unit: '${spoken[1]}'` : `Prometheus uses base units: record ${spoken[1]} as seconds or bytes and name the metric accordingly`);
  }
  const seen = new Set<string>();
  for (const l of m.labels) {
    if (seen.has(l)) at('naming/duplicate-label', `${m.name} lists label "${l}" twice`, 'list each label once');
    seen.add(l);
    if (!labelName.test(l)) at('naming/label-name', `"${l}" is not a valid label name`, 'use letters, digits and underscores, not starting with a digit');
    else if (l.startsWith('__')) at('naming/reserved', `label "${l}" starts with "__", which Prometheus reserves`, 'drop the leading underscores');
    if (l === 'le' && m.kind === 'histogram') at('naming/reserved-label', `histogram ${m.name} cannot have a label "le": it holds the bucket bound`, 'rename the label');
    if (l === 'quantile' && m.kind === 'summary') at('naming/reserved-label', `summary ${m.name} cannot have a label "quantile": it holds the percentile`, 'rename the label');
    if ((targetLabels as readonly string[]).includes(l)) {
      at('naming/target-label', `label "${l}" of ${m.name} collides with the "${l}" label the scrape adds; Prometheus would rename it exported_${l}`,
        `drop it: every series of the stack's exporter already carries ${targetLabels.join(', ')}`);
    }
  }
  return out;
}

/** Reports each name defined twice, at every definition after the first. */
function duplicates<T>(items: readonly T[], key: (t: T) => string, report: (t: T, first: T) => void): void {
  const first = new Map<string, T>();
  for (const t of items) {
    const k = key(t);
    const f = first.get(k);
    if (f) report(t, f);
    else first.set(k, t);
  }
}

const labelText = (labels: Readonly<Record<string, string>>) =>
  `{${Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}="${v}"`).join(', ')}}`;

/** Why two rules of one name can write the same series: the static labels of each that the other can carry. */
function collisionReason(stack: Stack, rule: Rule, first: Rule): string {
  const own = (r: Rule) => Object.fromEntries(Object.entries(fixedLabels(r)).filter(([, v]) => v !== ''));
  const [a, b] = [own(rule), own(first)];
  if (labelText(a) === labelText(b)) return Object.keys(a).length ? `both have the static labels ${labelText(a)}` : 'neither has static labels';
  const missing = (x: Record<string, string>, y: Record<string, string>) => Object.keys(x).filter((k) => !(k in y));
  const returns = (r: Rule, keys: string[]) => (outputLabels(stack, r) === undefined
    ? `its labels cannot be inferred, so it may return ${keys.join(', ')}`
    : `its expression returns ${keys.join(', ')}`);
  const parts = [
    ...(missing(b, a).length ? [`this one sets no ${missing(b, a).join(', ')} of its own and ${returns(rule, missing(b, a))}`] : []),
    ...(missing(a, b).length ? [`the other sets no ${missing(a, b).join(', ')} of its own and ${returns(first, missing(a, b))}`] : []),
  ];
  return `their static labels ${labelText(a)} and ${labelText(b)} agree where both set one; ${parts.join('; ')}`;
}

/** Rules of one name are fine when their static labels keep their series apart (severity, window, quantile, …);
 *  each rule that can write the same labels as an earlier one of its name is reported, naming both places. */
function sameNameCollisions(stack: Stack): Issue[] {
  const out: Issue[] = [];
  const seen = new Map<string, { group: RuleGroup; rule: Rule }[]>();
  for (const { group, rule } of allRules(stack)) {
    const key = `${rule.kind}\u0000${rule.name}`;
    const earlier = seen.get(key) ?? [];
    const clash = earlier.find((e) => separatingLabel(stack, rule, e.rule) === undefined);
    seen.set(key, [...earlier, { group, rule }]);
    if (!clash) continue;
    const at = `group ${clash.group.name} at ${location(clash.rule.source)}`;
    const reason = collisionReason(stack, rule, clash.rule);
    out.push(rule.kind === 'alert'
      ? issue('naming/duplicate-alert', rule.source, [stack.name, group.name, `alert ${rule.name}`],
        `alert "${rule.name}" cannot be told apart from the alert of that name in ${at}: ${reason}. Prometheus and Alertmanager identify an alert by its name and labels, so their alerts would merge`,
        `give one of them a static label with a different value on each (e.g. severity, or labels: { window: '1h' } and { window: '6h' }), or its own name`)
      : issue('naming/duplicate-recording', rule.source, [stack.name, group.name, `record ${rule.name}`],
        `recording rule "${rule.name}" can write the same series as the one of that name in ${at}: ${reason}. Prometheus would drop one of the two samples ("duplicate sample for timestamp")`,
        `give each a static label with a different value (e.g. labels: { quantile: '0.99' } and { quantile: '0.5' }), or its own name`));
  }
  return out;
}

export function checkNaming(stack: Stack): Issue[] {
  const out = stack.metrics.flatMap((m) => metricIssues(stack, m));
  const exposed = stack.metrics.flatMap((m) =>
    (m.kind === 'histogram' ? ['_bucket', '_sum', '_count'] : m.kind === 'summary' ? ['', '_sum', '_count'] : ['']).map((s) => ({ name: m.name + s, m })));
  duplicates(exposed, (e) => e.name, (e, f) => out.push(issue('naming/duplicate-metric', e.m.source, [stack.name, `metric ${e.m.name}`],
    `series "${e.name}" is defined twice (first by ${f.m.kind} ${f.m.name} at ${f.m.source.file}:${f.m.source.line})`, 'give each metric its own name')));
  const rules = allRules(stack);
  out.push(...sameNameCollisions(stack));
  const owned = new Set(exposed.map((e) => e.name));
  for (const { group, rule } of rules) {
    const path = [stack.name, group.name, `${rule.kind === 'alert' ? 'alert' : 'record'} ${rule.name}`];
    if (rule.kind === 'recording') {
      if (!ruleNameOk(recordName, rule.name)) {
        out.push(issue('naming/recording-name', rule.source, path, `"${rule.name}" is not a valid recording rule name`, 'use level:metric:operations, e.g. job:requests:rate5m'));
      } else if (!rule.name.includes(':')) {
        out.push(issue('naming/recording-name', rule.source, path, `recording rule "${rule.name}" has no colon`, 'name it level:metric:operations (e.g. job:requests:rate5m) so it cannot be mistaken for an exported metric'));
      }
      if (owned.has(rule.name)) out.push(issue('naming/duplicate-recording', rule.source, path, `recording rule "${rule.name}" has the name of an exported series`, 'rename the recording rule'));
    } else if (!alertName.test(rule.name)) {
      out.push(issue('naming/alert-name', rule.source, path, `"${rule.name}" is not a valid alert name`, 'use letters, digits and underscores, e.g. HighCPUUsage'));
    }
    for (const l of Object.keys(rule.labels)) {
      if (group.labels[l] === rule.labels[l]) continue; // the group's own, reported once at the group
      if (!ruleNameOk(labelName, l) || l.startsWith('__')) out.push(issue('naming/label-name', rule.source, path, `"${l}" is not a valid label name`, 'use letters, digits and underscores, not starting with "__"'));
    }
  }
  for (const g of stack.ruleGroups) {
    for (const l of Object.keys(g.labels)) {
      if (!ruleNameOk(labelName, l) || l.startsWith('__')) out.push(issue('naming/label-name', g.source, [stack.name, g.name, `label ${l}`], `"${l}" is not a valid label name`, 'use letters, digits and underscores, not starting with "__"'));
    }
  }
  duplicates(stack.ruleGroups, (g) => g.name, (g) => out.push(issue('naming/duplicate-group', g.source, [stack.name, g.name],
    `rule group "${g.name}" is defined twice`, 'Prometheus rejects a rule file with two groups of one name: rename one')));
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(stack.name)) {
    out.push(issue('naming/stack-name', stack.source, [stack.name], `stack name "${stack.name}" cannot be a folder and Kubernetes name`, 'use lower-case letters, digits and dashes'));
  }
  return out;
}
