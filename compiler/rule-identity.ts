// Rules of one name. Prometheus and Alertmanager identify an alert by its whole label set (alertname included), and a
// recorded series by its name and labels: several alerts or recording rules may share a name (the multi-window
// burn-rate pair, one recording per quantile) as long as their static labels keep their series apart.
import type { AlertRule, RecordingRule, Rule, Stack } from './model.ts';
import { stackIndex } from './promql/analyze.ts';
import { labelText, selectorOf } from './promql/names.ts';

/** The labels a rule's expression returns (before its static labels); undefined when they cannot be inferred. */
export function outputLabels(stack: Stack, rule: Rule): ReadonlySet<string> | undefined {
  const { alerts, recordings } = stackIndex(stack);
  return (rule.kind === 'alert' ? alerts.get(rule) : recordings.get(rule))?.value?.labels;
}

/** The labels every series of a rule carries with a known value: its static labels, and for an alert derived from
 *  the threshold of a recording rule with static labels, those too (its expression selects them). */
export function fixedLabels(rule: Rule): Readonly<Record<string, string>> {
  return rule.kind === 'alert' && rule.threshold?.labels ? { ...rule.threshold.labels, ...rule.labels } : rule.labels;
}

/** Could a series of `rule` carry label `name` with the (non-empty) value `value`? A static label fixes it (an empty
 *  one removes it); otherwise only a label the expression may return. */
function canCarry(rule: Rule, output: ReadonlySet<string> | undefined, name: string, value: string): boolean {
  const fixed = fixedLabels(rule);
  if (name in fixed) return fixed[name] === value;
  return output === undefined || output.has(name);
}

/** A label that keeps the series of `a` and `b` apart: fixed by one to a value the other cannot carry. Undefined
 *  when some series of the two could have the same labels. */
export function separatingLabel(stack: Stack, a: Rule, b: Rule): string | undefined {
  for (const [x, y] of [[a, b], [b, a]] as const) {
    const outY = outputLabels(stack, y);
    for (const [name, value] of Object.entries(fixedLabels(x)).sort(([p], [q]) => p.localeCompare(q))) {
      if (value !== '' && !canCarry(y, outY, name, value)) return name;
    }
  }
  return undefined;
}

/** The rules of a stack by kind and name, built once per stack (the model is immutable): every rule asks for its
 *  namesakes, and scanning all rules each time made a 30,000-rule stack quadratic. */
const byName = new WeakMap<Stack, Map<string, Rule[]>>();

/** Every rule of the same kind and name as `rule`, itself included, in stack order. */
export function sameName<R extends Rule>(stack: Stack, rule: R): R[] {
  let index = byName.get(stack);
  if (!index) {
    index = new Map();
    for (const r of stack.ruleGroups.flatMap((g) => g.rules)) {
      const key = `${r.kind}\0${r.name}`;
      const namesakes = index.get(key);
      if (namesakes) namesakes.push(r);
      else index.set(key, [r]);
    }
    byName.set(stack, index);
  }
  return [...(index.get(`${rule.kind}\0${rule.name}`) ?? [])] as R[];
}

/** The fixed labels of `rule` that tell it from the other rules of its name: those whose value differs between
 *  them (a missing label counts as ""). Empty when the name is its own. */
export function distinguishingLabels(stack: Stack, rule: Rule): Record<string, string> {
  const all = sameName(stack, rule);
  if (all.length < 2) return {};
  const names = [...new Set(all.flatMap((r) => Object.keys(fixedLabels(r))))].sort();
  const varying = names.filter((n) => new Set(all.map((r) => fixedLabels(r)[n] ?? '')).size > 1);
  return Object.fromEntries(varying.map((n) => [n, fixedLabels(rule)[n] ?? '']));
}

const matcherText = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels).map(([k, v]) => `${labelText(k)}=${JSON.stringify(v)}`).join(', ');

/** How reports and test names call a rule: its name, and when it shares it, the labels that tell it apart
 *  (`DiskFilling{severity="critical"}`). */
export function ruleKey(stack: Stack, rule: Rule): string {
  const labels = distinguishingLabels(stack, rule);
  return Object.keys(labels).length ? `${rule.name}{${matcherText(labels)}}` : rule.name;
}

/** A PromQL selector for exactly the series a recording rule writes: its name, plus, when others share it, its
 *  static labels and an empty match for each label fixed by another that this rule can never carry. */
export function recordingSelector(stack: Stack, rule: RecordingRule): string {
  const others = sameName(stack, rule).filter((r) => r !== rule);
  if (others.length === 0) return selectorOf(rule.name, []);
  const output = outputLabels(stack, rule);
  const own = Object.entries(rule.labels);
  const absent = [...new Set(others.flatMap((r) => Object.entries(r.labels).filter(([, v]) => v !== '').map(([k]) => k)))]
    .filter((k) => !(k in rule.labels) && output !== undefined && !output.has(k))
    .map((k) => [k, ''] as const);
  const matchers = [...own, ...absent].sort(([a], [b]) => a.localeCompare(b));
  return selectorOf(rule.name, matchers.map(([k, v]) => `${labelText(k)}=${JSON.stringify(v)}`));
}

/** Alertmanager matchers that select the alerts of `rule` and of no other alert of its name. */
export function alertMatchers(stack: Stack, rule: AlertRule): string[] {
  return [`alertname="${rule.name}"`, ...Object.entries(distinguishingLabels(stack, rule)).map(([k, v]) => `${k}=${JSON.stringify(v)}`)];
}

/** Whether an alert with `labels` (as Prometheus or Alertmanager report it) comes from `rule`. */
export function isAlertOf(stack: Stack, rule: AlertRule, labels: Readonly<Record<string, string | undefined>>): boolean {
  return labels.alertname === rule.name && Object.entries(distinguishingLabels(stack, rule)).every(([k, v]) => (labels[k] ?? '') === v);
}
