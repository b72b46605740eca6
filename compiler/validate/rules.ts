// Rules: every expression parses and type-checks; alert labels and annotation templates fit what the expression returns.
import { stackIndex } from '../promql/analyze.ts';
import { parsePromQL, seriesNamesIn } from '../promql/ast.ts';
import { parseDuration } from '../duration.ts';
import type { Issue } from '../issues.ts';
import type { AlertRule, RecordingRule, RuleGroup, Stack } from '../model.ts';
import { allRules, issue, rulePath } from './context.ts';

const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** `{{ $labels.x }}` (or `.Labels.x`) in an annotation: x must be a label of the alert's result. */
export const labelRef = /\{\{[^}]*?(?:\$labels|\.Labels)\.([a-zA-Z_][a-zA-Z0-9_]*)[^}]*\}\}/g;

function sorted(labels: Iterable<string>): string {
  return [...labels].sort().join(', ') || '(none)';
}

function alertIssues(stack: Stack, group: RuleGroup, rule: AlertRule, labels: ReadonlySet<string> | undefined): Issue[] {
  const out: Issue[] = [];
  const path = rulePath(stack, group, rule);
  if (parseDuration(rule.for) === undefined) {
    out.push(issue('rules/invalid-duration', rule.source, path, `for: "${rule.for}" is not a valid duration`, 'write a duration such as 30s, 5m, 1h30m (at most about 292 years, as Prometheus parses it)'));
  }
  if (rule.keepFiringFor !== undefined && parseDuration(rule.keepFiringFor) === undefined) {
    out.push(issue('rules/invalid-duration', rule.source, path, `keepFiringFor: "${rule.keepFiringFor}" is not a valid duration`, 'write a duration such as 5m or 15m'));
  }
  for (const [key, text] of Object.entries(rule.annotations)) {
    if (!labelName.test(key)) {
      out.push(issue('rules/annotation-name', rule.source, path, `annotation "${key}" is not a valid annotation name; Prometheus refuses the rule`,
        `name annotations like labels: letters, digits and underscores, not starting with a digit (e.g. ${key.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^(\d)/, '_$1')})`));
    }
    if ((text.match(/\{\{/g) ?? []).length !== (text.match(/\}\}/g) ?? []).length) {
      out.push(issue('rules/template', rule.source, path, `annotation ${key} has unbalanced {{ }}`, 'close every {{ with }}'));
    }
    if (!labels) continue;
    for (const m of text.matchAll(labelRef)) {
      const name = m[1]!;
      if (!labels.has(name)) {
        out.push(issue('rules/unknown-annotation-label', rule.source, path,
          `annotation ${key} uses {{ $labels.${name} }}, but the alert's expression returns no "${name}" label (it returns: ${sorted(labels)})`,
          `use one of the labels the expression keeps, or keep "${name}" in the expression's aggregation (by (…, ${name}))`));
      }
    }
  }
  if (labels) {
    const stamped = stampedLabels(stack, rule);
    for (const key of Object.keys(rule.labels)) {
      if (labels.has(key) && stamped.get(key) !== rule.labels[key]) {
        out.push(issue('rules/label-overwrite', rule.source, path,
          `the alert's label "${key}" overwrites the "${key}" label its expression returns, so that information is lost`,
          `aggregate "${key}" away in the expression (sum by (…) without it), or rename one of the two labels`));
      }
    }
  }
  return out;
}

/** Static labels of the recording rules the alert reads, where they agree: an alert setting one to the same value
 *  (typically a group's `team` on both) loses nothing by overwriting it. */
function stampedLabels(stack: Stack, rule: AlertRule): ReadonlyMap<string, string | undefined> {
  const parsed = parsePromQL(rule.expr.text);
  if (!parsed.ok) return new Map();
  const byName = recordingsByName(stack);
  const out = new Map<string, string | undefined>();
  for (const name of new Set(seriesNamesIn(parsed.ast))) {
    for (const r of byName.get(name) ?? []) {
      for (const [k, v] of Object.entries(r.labels)) out.set(k, out.has(k) && out.get(k) !== v ? undefined : v);
    }
  }
  return out;
}

const recordings = new WeakMap<Stack, ReadonlyMap<string, readonly RecordingRule[]>>();

/** The stack's recording rules by name, built once: every alert looks up those it reads. */
function recordingsByName(stack: Stack): ReadonlyMap<string, readonly RecordingRule[]> {
  const known = recordings.get(stack);
  if (known) return known;
  const byName = new Map<string, RecordingRule[]>();
  for (const r of stack.ruleGroups.flatMap((g) => g.rules)) if (r.kind === 'recording') byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  recordings.set(stack, byName);
  return byName;
}

function resultIssues(stack: Stack, group: RuleGroup, rule: AlertRule | RecordingRule, kind: string | undefined): Issue[] {
  if (kind === undefined || kind === 'vector') return [];
  return [issue('rules/not-a-vector', rule.expr.source, rulePath(stack, group, rule), `the expression returns a ${kind}, but a rule needs an instant vector`,
    kind === 'scalar' ? 'wrap it in vector(…), or compare a series instead' : 'apply a function such as rate() or avg_over_time() to the range')];
}

export function checkRules(stack: Stack): Issue[] {
  const rules = allRules(stack);
  const { recordings, alerts } = stackIndex(stack);
  const out: Issue[] = [];
  for (const group of stack.ruleGroups) {
    const ms = parseDuration(group.interval);
    if (ms === undefined || ms === 0) {
      out.push(issue('rules/invalid-duration', group.source, [stack.name, group.name], `interval "${group.interval}" is not a valid duration`, 'write a duration such as 30s or 1m'));
    }
    if (group.queryOffset !== undefined && parseDuration(group.queryOffset) === undefined) {
      out.push(issue('rules/invalid-duration', group.source, [stack.name, group.name], `queryOffset "${group.queryOffset}" is not a valid duration`, 'write a duration such as 30s or 1m'));
    }
    if (group.queryOffset !== undefined && stack.target.prometheus === '2') {
      // Debian's 2.42, the '2' target's judge, refuses the field (it came in 2.53)
      out.push(issue('rules/target', group.source, [stack.name, group.name], `rule group ${group.name} sets queryOffset, which Prometheus reads from 2.53 on, but the stack targets Prometheus 2 (judged as 2.42)`,
        "remove queryOffset, or target Prometheus 3: stack(…, { target: { prometheus: '3' } }) (Prometheus' global rule_query_offset is another way on 2.53+)"));
    }
    if (group.rules.length === 0) out.push(issue('rules/empty-group', group.source, [stack.name, group.name], `rule group ${group.name} has no rules`, 'add rules or remove the group'));
    if (!(Number.isInteger(group.limit) && group.limit >= 0 && group.limit <= 2 ** 31 - 1)) {
      out.push(issue('rules/limit', group.source, [stack.name, group.name], `limit ${group.limit} of rule group ${group.name} is not a whole number of series`,
        'write how many alerts or recorded series a rule may produce, e.g. limit: 500 (0 or leaving it out: no limit)'));
    }
  }
  for (const { group, rule } of rules) {
    if (rule.kind === 'recording') {
      const analysis = recordings.get(rule);
      out.push(...(analysis?.issues ?? []), ...resultIssues(stack, group, rule, analysis?.value?.kind));
      continue;
    }
    const { value, issues } = alerts.get(rule)!;
    out.push(...issues, ...resultIssues(stack, group, rule, value?.kind));
    // run even when the expression has problems; validate() marks what depends on them
    out.push(...alertIssues(stack, group, rule, value?.labels));
  }
  return out;
}
