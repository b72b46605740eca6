// Declared label values: each label that declares values lists at least one, each once; and when the registries
// start every combination at 0, the combinations fit the metric's cardinality limit (beyond it the guard would drop
// the updates of real series, and the start-up alone would fill the limit).
import type { Issue } from '../issues.ts';
import type { Metric, Stack } from '../model.ts';
import { issue } from './context.ts';

function metricIssues(stack: Stack, m: Metric): Issue[] {
  const out: Issue[] = [];
  const path = [stack.name, `metric ${m.name}`];
  for (const [label, values] of Object.entries(m.labelValues)) {
    if (values.length === 0) {
      out.push(issue('labels/no-values', m.source, [...path, `label ${label}`], `label ${label} of ${m.name} declares no values, so no update can carry it`,
        `list the values it takes, e.g. ${label}: ['a', 'b'], or mark it open: ${label}: open`));
    }
    const twice = values.filter((v, i) => values.indexOf(v) !== i);
    if (twice.length) {
      out.push(issue('labels/duplicate-value', m.source, [...path, `label ${label}`], `label ${label} of ${m.name} declares ${[...new Set(twice)].map((v) => `"${v}"`).join(', ')} twice`, 'list each value once'));
    }
  }
  if (m.initialSeries) {
    const combinations = m.labels.reduce((n, l) => n * (m.labelValues[l]?.length ?? 1), 1);
    if (combinations > m.cardinalityLimit) {
      out.push(issue('labels/initial-series', m.source, path,
        `${m.name} declares ${combinations} label combinations (${m.labels.map((l) => `${m.labelValues[l]?.length ?? 0} ${l}`).join(' × ')}), more than its cardinalityLimit of ${m.cardinalityLimit}, and the registries start each at 0`,
        `raise cardinalityLimit to at least ${combinations}, declare fewer values, mark a label open (its series then appear on first use), or set initialSeries: false on the stack`));
    }
  }
  return out;
}

export function checkLabelValues(stack: Stack): Issue[] {
  return stack.metrics.flatMap((m) => metricIssues(stack, m));
}
