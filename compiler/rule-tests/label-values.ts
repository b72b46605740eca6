// Label values for test inputs: whether a value satisfies a selector's matcher, as Prometheus tests it (regexes
// anchored), and a value that satisfies some matchers and, for a series that must stay out of a selector, fails others.
import type { Matcher } from '../promql/ast.ts';

/** Whether the label value (absent: empty) satisfies the matcher. */
export function matches(m: Matcher, value: string | undefined): boolean {
  const v = value ?? '';
  switch (m.op) {
    case '=': return v === m.value;
    case '!=': return v !== m.value;
    case '=~': return new RegExp(`^(?:${m.value})$`).test(v);
    case '!~': return !new RegExp(`^(?:${m.value})$`).test(v);
  }
}

/**
 * A value of `label` that every matcher of `yes` on it accepts and, when `no` has matchers on it, not all of those:
 * the matchers' own values and regex alternatives first (then those with their wildcards written as 0: `5..` → `50`),
 * then `<label>-<variant>` and common values. Undefined when none fits.
 */
export function labelValue(label: string, yes: readonly Matcher[], o: { readonly no?: readonly Matcher[]; readonly variant?: number } = {}): string | undefined {
  const own = (ms: readonly Matcher[]) => ms.filter((m) => m.label === label);
  const wanted = own(yes);
  const avoided = own(o.no ?? []);
  const hints = [...wanted, ...avoided].flatMap((m) => (m.op === '=' || m.op === '!=' ? [m.value] : m.value.split('|')));
  const candidates = [
    ...hints, ...hints.map((h) => h.replace(/\.\.?|\.\*|\.\+|\\d\+?|\[[^\]]*\]/g, '0')),
    `${label}-${o.variant ?? 1}`, '500', '200', 'true', 'false', 'Running', 'Ready', '503', 'GET', 'POST',
  ];
  return candidates.find((v) => wanted.every((m) => matches(m, v)) && (avoided.length === 0 || !avoided.every((m) => matches(m, v))));
}
