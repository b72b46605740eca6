// What every check needs: the stack, and a way to report an issue with its place and logical path.
import type { Issue } from '../issues.ts';
import type { AlertRule, RecordingRule, RuleGroup, SourceRef, Stack } from '../model.ts';

export interface Reporter {
  report(issue: Issue): void;
}

export function ruleLabel(rule: AlertRule | RecordingRule): string {
  return rule.kind === 'alert' ? `alert ${rule.name}` : `record ${rule.name}`;
}

export function rulePath(stack: Stack, group: RuleGroup, rule: AlertRule | RecordingRule): string[] {
  return [stack.name, group.name, ruleLabel(rule)];
}

export function issue(code: string, where: SourceRef, path: readonly string[], message: string, hint: string): Issue {
  return { code, where, path, message, hint };
}

/** Every rule of the stack, with the group it is in. */
export function allRules(stack: Stack): { group: RuleGroup; rule: AlertRule | RecordingRule }[] {
  return stack.ruleGroups.flatMap((group) => group.rules.map((rule) => ({ group, rule })));
}
