// The generated Go registry (out/<stack>/exporter/go/) turns metric, label and value names into Go identifiers; two
// different names can become one (`a_b` and `a__b`, a label `gauge` of a metric `shelf` beside the gauge `shelf`),
// and the package would not compile. Said here, with both names, rather than by the Go compiler in a user's build.
import type { Issue } from '../issues.ts';
import type { Stack } from '../model.ts';
import { goIdentifiers, type GoIdentifier } from '../go-names.ts';
import { issue } from './context.ts';

export function checkGoNames(stack: Stack): Issue[] {
  if (!stack.registries.includes('go')) return []; // names only clash in the Go package, when there is one
  const byName = new Map<string, GoIdentifier[]>();
  for (const id of goIdentifiers(stack)) {
    const key = `${id.scope} ${id.name}`;
    const seen = byName.get(key) ?? [];
    // one metric listed twice is naming/duplicate-metric's to report, not a clash of two names
    if (!seen.some((s) => s.of && id.of && s.of.what === id.of.what)) byName.set(key, [...seen, id]);
  }
  return [...byName.values()].filter((ids) => ids.length > 1).flatMap((ids) => {
    const [first, ...rest] = ids;
    // reported once, at the later definition (the earlier one is fine on its own)
    const at = rest.find((id) => id.of)!.of!;
    const clash = first!.of ? first!.of.what : 'a name the generated package declares itself';
    return [issue('naming/go-identifier', at.metric.source, [stack.name, `metric ${at.metric.name}`],
      `${at.what} and ${clash} are both ${first!.name}${first!.scope === 'Metrics' ? ' in Metrics' : ''} in the generated Go registry`,
      'rename the metric, label or value so that they differ in more than their separators; Go cannot declare one name twice')];
  });
}
