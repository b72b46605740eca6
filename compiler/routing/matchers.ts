// Alertmanager's label matchers as stackc writes, reads and evaluates them: `team="payments"`, `severity=~"critical|warning"`.
// Evaluation follows Alertmanager: a regex is anchored at both ends, and an absent label is the empty string.
import type { Matcher, MatchOp } from '../model-routing.ts';

export const labelNamePattern = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The matcher as Alertmanager's `matchers:` lists take it. */
export function matcherText(m: Matcher): string {
  return `${m.label}${m.op}${JSON.stringify(m.value)}`;
}

/** Reads `name="value"` (any of the four operators); undefined for anything else. */
export function parseMatcher(text: string): Matcher | undefined {
  const m = /^([a-zA-Z_][a-zA-Z0-9_]*)(=~|!~|!=|=)("(?:[^"\\]|\\.)*")$/.exec(text.trim());
  if (!m) return undefined;
  try {
    return { label: m[1]!, op: m[2] as MatchOp, value: JSON.parse(m[3]!) as string };
  } catch {
    return undefined;
  }
}

const compiled = new Map<string, RegExp | null>();

/** The anchored regex of a `=~`/`!~` value, or null when JavaScript cannot compile it. */
export function anchored(value: string): RegExp | null {
  let re = compiled.get(value);
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${value})$`, 'u');
    } catch {
      re = null;
    }
    compiled.set(value, re);
  }
  return re;
}

/** Why Alertmanager (Go's RE2) or stackc cannot use this matcher, or undefined when it can. */
export function matcherProblem(m: Matcher): string | undefined {
  if (!labelNamePattern.test(m.label)) return `"${m.label}" is not a label name`;
  if (/[\u0000-\u001f]/.test(m.value)) return `the value of ${m.label} holds a control character`;
  if (m.op === '=~' || m.op === '!~') {
    // RE2 has no lookaround and no backreferences; JavaScript would accept them and disagree with Alertmanager
    if (/\(\?[=!<]|\\[1-9]/.test(m.value)) return `/${m.value}/ uses lookaround or a backreference, which Alertmanager's RE2 does not support`;
    if (!anchored(m.value)) return `/${m.value}/ is not a valid regular expression`;
  }
  return undefined;
}

/** Whether an alert whose label has `value` (absent: '') satisfies the matcher. */
export function matchesValue(m: Matcher, value: string): boolean {
  switch (m.op) {
    case '=': return value === m.value;
    case '!=': return value !== m.value;
    case '=~': return anchored(m.value)?.test(value) ?? false;
    case '!~': return !(anchored(m.value)?.test(value) ?? true);
  }
}

/** Whether every matcher holds for the labels. */
export function matchesAll(matchers: readonly Matcher[], labels: Readonly<Record<string, string>>): boolean {
  return matchers.every((m) => matchesValue(m, labels[m.label] ?? ''));
}
