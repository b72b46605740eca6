// Metrics that rules, panels or tests use but the stack's `metrics` does not list. validate/definitions.ts reports
// each once, at its definition; everything else treats them as listed, so their uses report their own mistakes only.
import type { Metric, Stack } from './model.ts';

export function unlistedMetrics(stack: Stack): Metric[] {
  const listed = new Set(stack.metrics.map((m) => m.name));
  return stack.definitions.flatMap((d) => (d.metric && !d.declared && !listed.has(d.name) ? [d.metric] : []));
}
