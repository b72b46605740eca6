// What Alertmanager will know of each alert of the stack: labels whose values the stack fixes (alertname, its static
// labels, severity, Prometheus' external labels) and labels the expression returns, whose values only the data has.
import type { AlertRule, Stack } from '../model.ts';
import { fixedLabels, outputLabels } from '../rule-identity.ts';

export interface AlertLabels {
  readonly rule: AlertRule;
  /** Labels every alert of the rule carries with this value. */
  readonly known: Readonly<Record<string, string>>;
  /** Labels with values from the data; 'any' when the expression's labels cannot be inferred. */
  readonly dynamic: ReadonlySet<string> | 'any';
}

/** What deciding a matcher needs: the import decides it for alerts of rule files, without a stack. */
export type LabelKnowledge = Pick<AlertLabels, 'known' | 'dynamic'>;

export function alertLabels(stack: Stack): AlertLabels[] {
  return stack.ruleGroups.flatMap((g) => g.rules).flatMap((rule) => {
    if (rule.kind !== 'alert') return [];
    const labels = { ...stack.scrape.externalLabels, ...fixedLabels(rule) };
    // alertname first, then by name: the order route tests list them in
    const known = { alertname: rule.name, ...Object.fromEntries(Object.entries(labels).filter(([k]) => k !== 'alertname').sort(([a], [b]) => a.localeCompare(b))) };
    const output = outputLabels(stack, rule);
    const dynamic = output ? new Set([...output].filter((l) => !(l in known))) : 'any' as const;
    return [{ rule, known, dynamic }];
  });
}

/** Whether the alert's label may take values the stack does not fix. */
export function isDynamic(a: LabelKnowledge, label: string): boolean {
  return !(label in a.known) && (a.dynamic === 'any' || a.dynamic.has(label));
}
