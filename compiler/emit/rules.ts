// alerts.yml and recording-rules.yml in Prometheus rule-file format, groups in the stack's order.
import type { AlertRule, RecordingRule, Rule, RuleGroup, Stack, Target } from '../model.ts';
import { files, type Files } from './files.ts';
import { toYaml } from './yaml.ts';

export const alertsFile = 'prometheus/alerts.yml';
export const recordingRulesFile = 'prometheus/recording-rules.yml';

function sortedRecord(r: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
}

const annotationOrder = ['summary', 'description', 'runbook_url'];
function orderedAnnotations(a: Readonly<Record<string, string>>): Record<string, string> {
  const rank = (k: string) => (annotationOrder.includes(k) ? annotationOrder.indexOf(k) : annotationOrder.length);
  return Object.fromEntries(Object.entries(a).sort(([x], [y]) => rank(x) - rank(y) || x.localeCompare(y)));
}

export function alertRuleYaml(rule: AlertRule): Record<string, unknown> {
  return {
    alert: rule.name,
    expr: rule.expr.text,
    ...(rule.for !== '0s' ? { for: rule.for } : {}),
    ...(rule.keepFiringFor !== undefined ? { keep_firing_for: rule.keepFiringFor } : {}),
    labels: sortedRecord(rule.labels),
    annotations: orderedAnnotations(rule.annotations),
  };
}

export function recordingRuleYaml(rule: RecordingRule): Record<string, unknown> {
  return { record: rule.name, expr: rule.expr.text, ...(Object.keys(rule.labels).length ? { labels: sortedRecord(rule.labels) } : {}) };
}

/** The rule's labels without those the group's `labels` already give it (the model holds them merged). */
function withoutGroupLabels<R extends Rule>(rule: R, group: Readonly<Record<string, string>>): R {
  return { ...rule, labels: Object.fromEntries(Object.entries(rule.labels).filter(([k, v]) => group[k] !== v)) };
}

/** One group; Prometheus 2 has no group `labels`, so there each rule carries them itself. */
export function groupYaml(g: RuleGroup, target: Target): Record<string, unknown> {
  const grouped = target.prometheus === '3' && Object.keys(g.labels).length > 0;
  const rules = grouped ? g.rules.map((r) => withoutGroupLabels(r, g.labels)) : g.rules;
  return {
    name: g.name,
    ...(g.intervalSet ? { interval: g.interval } : {}),
    ...(g.queryOffset !== undefined ? { query_offset: g.queryOffset } : {}),
    ...(g.limit > 0 ? { limit: g.limit } : {}),
    ...(grouped ? { labels: sortedRecord(g.labels) } : {}),
    rules: rules.map((r) => (r.kind === 'alert' ? alertRuleYaml(r) : recordingRuleYaml(r))),
  };
}

/** Groups that hold only recording rules go to recording-rules.yml; every other group to alerts.yml. */
export function isRecordingGroup(g: RuleGroup): boolean {
  return g.rules.length > 0 && g.rules.every((r) => r.kind === 'recording');
}

export function ruleFileYaml(groups: readonly RuleGroup[], target: Target): string {
  return toYaml({ groups: groups.map((g) => groupYaml(g, target)) });
}

/** The groups of each rule file the stack has, by path, in file order. */
export function ruleFileGroups(stack: Stack): ReadonlyMap<string, readonly RuleGroup[]> {
  const recording = stack.ruleGroups.filter(isRecordingGroup);
  const alerting = stack.ruleGroups.filter((g) => !isRecordingGroup(g));
  return new Map([
    ...(alerting.length ? [[alertsFile, alerting] as const] : []),
    ...(recording.length ? [[recordingRulesFile, recording] as const] : []),
  ]);
}

/** The rule files a stack has, by path: Prometheus' rule_files and the ConfigMaps name exactly these. */
export function ruleFiles(stack: Stack): Files {
  return files([...ruleFileGroups(stack)].map(([path, groups]) => [path, ruleFileYaml(groups, stack.target)] as const));
}
