// Values the types describe but a JavaScript caller (or a cast) can still get wrong, which would otherwise be taken
// silently: histogram buckets that are not finite and strictly ascending, a unit or a severity outside its list.
import type { Issue } from '../issues.ts';
import { severities, type Stack, type Unit } from '../model.ts';
import { allRules, issue } from './context.ts';

const units: readonly Unit[] = ['seconds', 'bytes', 'ratio', 'percent', 'none'];

export function checkValues(stack: Stack): Issue[] {
  const out: Issue[] = [];
  for (const m of stack.metrics) {
    const path = [stack.name, `metric ${m.name}`];
    if (!units.includes(m.unit)) {
      out.push(issue('values/unit', m.source, path, `unit "${String(m.unit)}" of ${m.name} is not one stackc knows`, `use one of ${units.join(', ')}`));
    }
    if (m.kind !== 'histogram') continue;
    const b = m.buckets;
    const bad = b.findIndex((x, i) => !Number.isFinite(x) || (i > 0 && x <= b[i - 1]!));
    if (b.length === 0 || bad >= 0) {
      out.push(issue('values/buckets', m.source, path,
        b.length === 0 ? `histogram ${m.name} has no buckets` : `the buckets of ${m.name} are not finite and strictly ascending (${b.join(', ')}): bucket ${bad + 1} is ${b[bad]}`,
        `list the upper bounds once each, ascending, without +Inf (the client adds it), e.g. buckets: [0.1, 0.5, 1, 5]`));
    }
  }
  for (const { group, rule } of allRules(stack)) {
    if (rule.kind === 'alert' && !severities.includes(rule.severity)) {
      out.push(issue('values/severity', rule.source, [stack.name, group.name, `alert ${rule.name}`], `severity "${String(rule.severity)}" is not one of ${severities.join(', ')}`,
        'routing, inhibition and the generated tests key on these three: use one of them'));
    }
  }
  return out;
}
