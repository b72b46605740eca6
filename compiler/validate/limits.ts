// Cardinality limits: each metric's limit is what the generated registry's guard enforces, so it must be a positive
// whole number. -1 would drop every update, 1.5 or NaN would never bound anything, and 0 would record nothing.
import type { Issue } from '../issues.ts';
import type { Stack } from '../model.ts';
import { issue } from './context.ts';

export function checkLimits(stack: Stack): Issue[] {
  return stack.metrics.flatMap((m) => (Number.isSafeInteger(m.cardinalityLimit) && m.cardinalityLimit > 0 ? [] : [
    issue('limits/cardinality', m.source, [stack.name, `metric ${m.name}`],
      `cardinalityLimit of ${m.name} is ${String(m.cardinalityLimit)}; it must be a whole number of label sets, at least 1`,
      'give the most label sets the exporter should keep, e.g. cardinalityLimit: 1000 (the default when omitted)'),
  ]));
}
