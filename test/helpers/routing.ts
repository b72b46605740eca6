// The receiver a severity-form stack names for a severity, read from the model's route (not from stackc's walk of
// the tree, which the tests judge).
import type { Stack, Severity } from '../../compiler/model.ts';

export function severityReceiver(stack: Stack, severity: Severity): string {
  const route = stack.alerting.routes.find((r) => r.matchers.length === 1 && r.matchers[0]!.label === 'severity' && r.matchers[0]!.value === severity);
  if (!route?.receiver) throw new Error(`${stack.name} routes no ${severity} alerts by severity`);
  return route.receiver;
}
