// One definition per series: every object that defines a name the stack reaches must say the same thing, and a
// metric or recording rule that something uses must be part of the stack. Otherwise the rules, panels, registry
// and tests would each follow whichever object they hold, and disagree without anyone noticing.
import type { Issue } from '../issues.ts';
import { location } from '../issues.ts';
import type { SeriesDefinition, Stack } from '../model.ts';
import type { Check } from './index.ts';
import { issue } from './context.ts';

function usedBy(d: SeriesDefinition): string {
  const names = [...new Set(d.usedBy.map((u) => u.what))];
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

/** Each field the two say differently: `thresholds {…} here, {…} there`. */
function differences(here: SeriesDefinition, there: SeriesDefinition): string {
  const keys = [...new Set([...Object.keys(here.content), ...Object.keys(there.content)])].filter((k) => here.content[k] !== there.content[k]);
  return keys.map((k) => `${k} ${here.content[k] ?? '(none)'} here, ${there.content[k] ?? '(none)'} there`).join('; ');
}

function conflicts(stack: Stack): Issue[] {
  const byName = new Map<string, SeriesDefinition[]>();
  for (const d of stack.definitions) {
    const same = byName.get(d.name);
    if (same) same.push(d);
    else byName.set(d.name, [d]);
  }
  const issues: Issue[] = [];
  for (const [name, defs] of byName) {
    // the declared one (in metrics, or in a rule group) is the reference the others are held to
    const first = defs.find((d) => d.declared) ?? defs[0]!;
    for (const other of defs) {
      // two declared ones are a duplicate in metrics or in the rule groups, which the naming check reports
      if (other === first || other.declared || differences(other, first) === '') continue;
      issues.push(issue('definitions/conflict', other.source, [stack.name, `${other.of} ${name}`],
        `two different definitions of ${other.of} ${name}: this one (used by ${usedBy(other)}) and the one at ${location(first.source)} (used by ${usedBy(first)}); they differ in ${differences(other, first)}`,
        `define ${name} once and refer to that one object everywhere: import it where ${usedBy(other)} ${other.usedBy.length > 1 ? 'are' : 'is'} built instead of defining it again`));
    }
  }
  return issues;
}

function undeclared(stack: Stack): Issue[] {
  const declared = new Set(stack.definitions.filter((d) => d.declared).map((d) => d.name));
  const external = new Set(stack.externalMetrics.map((e) => e.name));
  const reported = new Set<string>();
  return stack.definitions.flatMap((d) => {
    if (declared.has(d.name) || external.has(d.name) || reported.has(d.name)) return [];
    reported.add(d.name);
    return d.of === 'metric'
      ? [issue('definitions/not-listed', d.source, [stack.name, `metric ${d.name}`],
        `metric ${d.name} is used by ${usedBy(d)} but is not in the stack's metrics, so the exporter would never expose it`,
        `add it to stack(…, { metrics: [..., ${d.name}] }); metrics is the list of what the app exposes, so stackc does not add to it silently`)]
      : [issue('definitions/not-recorded', d.source, [stack.name, `recording rule ${d.name}`],
        `recording rule ${d.name} is used by ${usedBy(d)} but is in none of the stack's rule groups, so Prometheus never records it`,
        `add it to the rules of a ruleGroup(...) of the stack`)];
  });
}

export const checkDefinitions: Check = (stack) => [...conflicts(stack), ...undeclared(stack)];
