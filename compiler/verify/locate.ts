// Mapping what a judge names (an alert, a test, a line of an emitted file, a panel id) back to the stack's
// definition: its file:line and logical path, the way validation issues report them.
import type { Dashboard, Panel } from '../model-dashboard.ts';
import type { AlertRule, RecordingRule, RuleGroup, SourceRef, Stack } from '../model.ts';
import { dashboardPath } from '../emit/grafana.ts';
import { layout } from '../emit/grafana-layout.ts';
import { ruleKey } from '../rule-identity.ts';
import { ruleLabel } from '../validate/context.ts';

export interface Located {
  readonly where?: SourceRef;
  readonly path?: readonly string[];
}

type Rule = AlertRule | RecordingRule;

function rules(stack: Stack): { group: RuleGroup; rule: Rule }[] {
  return stack.ruleGroups.flatMap((group) => group.rules.map((rule) => ({ group, rule })));
}

function atRule(stack: Stack, group: RuleGroup, rule: Rule): Located {
  return { where: rule.source, path: [stack.name, group.name, ruleLabel(rule)] };
}

/** The rule named `name` (an alert or a recording rule). Several rules may share a name: `labels` (of an alert or
 *  series the judge reports) pick the one whose static labels they carry, else the first of the name. */
export function ruleNamed(stack: Stack, name: string, labels: Readonly<Record<string, string>> = {}): Located | undefined {
  const named = rules(stack).filter(({ rule }) => rule.name === name);
  const fits = named.find(({ rule }) => Object.entries(rule.labels).every(([k, v]) => (labels[k] ?? '') === v));
  const found = fits ?? named[0];
  return found && atRule(stack, found.group, found.rule);
}

/** The labels of `name{a="x", b="y"}` (promtool's and the test names' notation), else undefined. */
export function labelsOfKey(key: string): { name: string; labels: Record<string, string> } | undefined {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?$/.exec(key.trim());
  if (!m) return undefined;
  const labels: Record<string, string> = {};
  for (const pair of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*("(?:[^"\\]|\\.)*")/g)) labels[pair[1]!] = JSON.parse(pair[2]!) as string;
  return { name: m[1]!, labels };
}

/** `name` appears in `text` as a whole name (not inside a longer metric or alert name). */
function mentions(text: string, name: string): boolean {
  let at = text.indexOf(name);
  while (at >= 0) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + name.length] ?? ' ';
    if (!/[\w:]/.test(before) && !/[\w:]/.test(after)) return true;
    at = text.indexOf(name, at + 1);
  }
  return false;
}

/** The rule `text` names (the longest name that appears, so `X_total` wins over `X`), else the group it names. */
export function ruleMentionedIn(stack: Stack, text: string): Located | undefined {
  const rule = rules(stack).filter(({ rule }) => mentions(text, rule.name)).sort((a, b) => b.rule.name.length - a.rule.name.length)[0];
  if (rule) return atRule(stack, rule.group, rule.rule);
  const group = stack.ruleGroups.find((g) => text.includes(`"${g.name}"`));
  return group && { where: group.source, path: [stack.name, group.name] };
}

/** The test written in the stack that a promtool test group of this name was generated from, if any. */
export function writtenTestNamed(stack: Stack, name: string) {
  for (const { group, rule } of rules(stack)) {
    const test = rule.tests.find((t) => name === `${ruleKey(stack, rule)}: ${t.name}`);
    if (test) return { group, rule, test };
  }
  return undefined;
}

/** A promtool test group by its name: a test written in the stack (`<rule>: <test>`, where a rule sharing its name
 *  is `<name>{<labels that tell it apart>}`) maps to the test, a derived one to its rule. */
export function ruleTestNamed(stack: Stack, name: string): Located | undefined {
  const written = writtenTestNamed(stack, name);
  if (written) return { where: written.test.source, path: [stack.name, written.group.name, ruleLabel(written.rule), `test ${written.test.name}`] };
  const derived = rules(stack).find(({ rule }) => name.startsWith(`${ruleKey(stack, rule)}: `));
  if (derived) return atRule(stack, derived.group, derived.rule);
  const prefix = /^(.*?): /.exec(name)?.[1];
  return prefix === undefined ? undefined : ruleNamed(stack, prefix);
}

/** The definition behind line `line` (1-based) of an emitted file: in a rule file the rule being defined there, in an
 *  Alertmanager file the receiver (or the routing), elsewhere the stack itself. */
export function lineOwner(stack: Stack, path: string, text: string, line: number): Located {
  const before = text.split('\n').slice(0, line).reverse();
  if (path.startsWith('prometheus/') && !path.includes('/tests/')) {
    for (const l of before) {
      const m = /^\s*-?\s*(?:alert|record): (\S+)/.exec(l);
      if (m) return ruleNamed(stack, m[1]!) ?? { where: stack.source, path: [stack.name] };
    }
  }
  if (path.startsWith('alertmanager/')) {
    for (const l of before) {
      const m = /^\s*-\s*name: (\S+)/.exec(l);
      const receiver = m && stack.alerting.receivers.find((r) => r.name === m[1]);
      if (receiver) return { where: receiver.source, path: [stack.name, 'alerting', `receiver ${receiver.name}`] };
      if (/^receivers:/.test(l)) break;
    }
    return { where: stack.alerting.source, path: [stack.name, 'alerting'] };
  }
  return { where: stack.source, path: [stack.name] };
}

/** The panel with `id` in the dashboard emitted to `file`, else the dashboard. */
export function panelOf(stack: Stack, file: string, id?: number): Located | undefined {
  const dashboard: Dashboard | undefined = stack.dashboards.find((d) => dashboardPath(d) === file);
  if (!dashboard) return undefined;
  const placed = id === undefined ? undefined : layout(dashboard).find((p) => p.id === id);
  const panel: Panel | undefined = placed?.kind === 'panel' ? placed.panel : undefined;
  if (panel) return { where: panel.source, path: [stack.name, `dashboard ${dashboard.uid}`, `panel ${panel.title || '(untitled)'}`] };
  if (placed?.kind === 'row') return { where: placed.row.source, path: [stack.name, `dashboard ${dashboard.uid}`, `row ${placed.row.title}`] };
  return { where: dashboard.source, path: [stack.name, `dashboard ${dashboard.uid}`] };
}
