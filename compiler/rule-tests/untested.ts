// Rules left without tests on purpose (`tests: untested('reason')`): tests stay mandatory, and the way out is honest,
// with a reason that compile counts and verify lists.
import type { Issue } from '../issues.ts';
import type { Rule, RuleGroup, Stack } from '../model.ts';
import { ruleKey } from '../rule-identity.ts';
import { issue, rulePath } from '../validate/context.ts';

/** An untested mark needs a reason a reader can act on; an empty one is an error at the untested() call. */
export function untestedIssues(stack: Stack, group: RuleGroup, rule: Rule): Issue[] {
  if (!rule.untested || rule.untested.reason.trim() !== '') return [];
  return [issue('rule-tests/untested-reason', rule.untested.source, rulePath(stack, group, rule),
    `${rule.kind === 'alert' ? 'alert' : 'recording rule'} ${rule.name} is marked untested without a reason`,
    `say why no test can show what it does, e.g. untested('needs kube-state-metrics, which promtool tests cannot feed'), or write a test`)];
}

/** Every rule of the stack marked untested, in stack order, with its reason. */
export function untestedRules(stack: Stack): { readonly rule: Rule; readonly key: string; readonly reason: string }[] {
  return stack.ruleGroups.flatMap((g) => g.rules).flatMap((rule) => (rule.untested ? [{ rule, key: ruleKey(stack, rule), reason: rule.untested.reason.trim() }] : []));
}

const rules = (n: number) => `${n} rule${n === 1 ? '' : 's'}`;

/** `2 rules untested: A (reason), B (reason)`, or undefined when every rule is tested. */
export function untestedList(stack: Stack): string | undefined {
  const found = untestedRules(stack);
  return found.length ? `${rules(found.length)} untested: ${found.map((u) => `${u.key} (${u.reason})`).join(', ')}` : undefined;
}

/** compile's one line: how many rules are untested, per stack; undefined when none is. */
export function untestedSummary(stacks: readonly Stack[]): string | undefined {
  const counts = stacks.map((s) => [s.name, untestedRules(s).length] as const).filter(([, n]) => n > 0);
  if (counts.length === 0) return undefined;
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  return `${rules(total)} untested on purpose (${counts.map(([s, n]) => `${s}: ${n}`).join(', ')}); \`npm run verify\` lists them with their reasons`;
}
