// Regular expressions as Prometheus compiles them: Go's regexp, which is RE2 syntax (no look-around, no
// back-references), anchored at both ends. JavaScript's RegExp accepts far more, so a stack could carry a regex that
// every Prometheus refuses; re2js, a port of RE2, judges it here, at the matcher or label_replace() that holds it.
import { RE2JS } from 're2js';

const checked = new Map<string, string | undefined>();

/** Why Prometheus would refuse the regex, or undefined when RE2 compiles it. */
export function re2Problem(pattern: string): string | undefined {
  if (!checked.has(pattern)) checked.set(pattern, compileProblem(pattern));
  return checked.get(pattern);
}

function compileProblem(pattern: string): string | undefined {
  try {
    RE2JS.compile(`^(?:${pattern})$`);
    return undefined;
  } catch (e) {
    return (e instanceof Error ? e.message : String(e)).replace(/^error parsing regexp: /, '');
  }
}
