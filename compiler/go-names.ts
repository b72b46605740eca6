// Go identifiers of the generated Go registry, derived from the stack's names. Shared by the emitter and by the
// check that two names of a stack do not become one Go identifier (validate/go-names.ts), so the rules (and their
// edge cases: keywords, digits, values that are not identifiers) live in one place.
import type { Metric, Stack } from './model.ts';

const keywords = new Set([
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func', 'go', 'goto',
  'if', 'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct', 'switch', 'type', 'var',
]);
/** Names a method body of the generated file refers to: a label parameter must not shadow them. */
const usedInBodies = new Set([
  'h', 'value', 'key', 'declared', 'open', 'prometheus', 'len', 'string', 'float64', 'bool', 'true', 'false', 'nil',
]);

/** Parts of a name: runs of Unicode letters and digits (the characters Go identifiers are made of). */
function parts(name: string): string[] {
  return name.split(/[^\p{L}\p{Nd}]+/u).filter(Boolean);
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `http_requests_total` → `HttpRequestsTotal`: an exported identifier (metric and label names start with a letter
 *  or underscore, so the first part is never a digit once the name is prefixed where needed). */
export function goExported(name: string): string {
  return parts(name).map(upperFirst).join('');
}

/** The package of a stack: its name without dashes, then `metrics` (`book-lending` → `booklendingmetrics`), which is
 *  never a keyword; a name starting with a digit gets `stack` in front. */
export function goPackageName(stackName: string): string {
  const bare = stackName.toLowerCase().replace(/[^a-z0-9]/g, '');
  return `${/^[0-9]/.test(bare) ? 'stack' : ''}${bare}metrics`;
}

/** The handle type of a metric with labels: `HttpRequestsTotalCounter`. */
export function goHandleType(m: Metric): string {
  return goExported(m.name) + upperFirst(m.kind);
}

/** The value type of a label that declares its values: `OrdersTotalOutcome`. */
export function goValueType(m: Metric, label: string): string {
  return goExported(m.name) + goExported(label);
}

/** The exported variable of each declared value, by value: `OrdersTotalOutcomeAcmePay` for `acme-pay`. A value with
 *  no letters or digits is `Value<position>`; values whose names would clash get their position (1-based) too. */
export function goValueNames(m: Metric, label: string, values: readonly string[]): ReadonlyMap<string, string> {
  const base = values.map((v, i) => goExported(v) || `Value${i + 1}`);
  const clashes = new Set(base.filter((b, i) => base.indexOf(b) !== i));
  const prefix = goValueType(m, label);
  return new Map(values.map((v, i) => [v, prefix + (clashes.has(base[i]!) ? `${base[i]}${i + 1}` : base[i])]));
}

/** Parameter names for a metric's labels, in label order: lowerCamel, never a keyword, a name the bodies use, or
 *  another parameter's name. */
export function goParams(labels: readonly string[]): string[] {
  const taken = new Set<string>();
  return labels.map((label, i) => {
    const exported = goExported(label) || `Label${i + 1}`;
    let name = /^[0-9]/.test(exported) ? `l${exported}` : exported.charAt(0).toLowerCase() + exported.slice(1);
    if (keywords.has(name) || usedInBodies.has(name)) name += 'Label';
    while (taken.has(name)) name += '_';
    taken.add(name);
    return name;
  });
}

/** Exported names every generated package declares, whatever the stack (the middleware's too, so that a stack's
 *  names do not depend on whether it has one). */
const fixedPackageNames = ['New', 'Metrics', 'ScrapePort', 'MetricsPath', 'RouteMatcher', 'UnmatchedRoute', 'OtherMethod', 'ClientClosedStatus'];
/** Methods of Metrics: a field of that name would not compile. */
const fixedMetricsMembers = ['Middleware'];

/** One identifier the generated package declares: in the package, or as a member of Metrics. */
export interface GoIdentifier {
  readonly scope: 'package' | 'Metrics';
  readonly name: string;
  /** What declares it, in the stack's words; undefined for the generated package's own names. */
  readonly of?: { readonly metric: Metric; readonly what: string };
}

/** Every identifier the stack's names become (the unexported ones are derived from these, so they clash with them). */
export function goIdentifiers(stack: Stack): GoIdentifier[] {
  const out: GoIdentifier[] = [
    ...fixedPackageNames.map((name) => ({ scope: 'package' as const, name })),
    ...fixedMetricsMembers.map((name) => ({ scope: 'Metrics' as const, name })),
  ];
  for (const metric of stack.metrics) {
    const of = (what: string) => ({ metric, what });
    out.push({ scope: 'Metrics', name: goExported(metric.name), of: of(`the field of ${metric.kind} ${metric.name}`) });
    if (metric.labels.length) out.push({ scope: 'package', name: goHandleType(metric), of: of(`the handle of ${metric.kind} ${metric.name}`) });
    for (const [label, values] of Object.entries(metric.labelValues)) {
      out.push({ scope: 'package', name: goValueType(metric, label), of: of(`the value type of label ${label} of ${metric.name}`) });
      out.push({ scope: 'package', name: `Parse${goValueType(metric, label)}`, of: of(`the parser of label ${label} of ${metric.name}`) });
      for (const [value, name] of goValueNames(metric, label, values)) out.push({ scope: 'package', name, of: of(`the value ${JSON.stringify(value)} of label ${label} of ${metric.name}`) });
    }
  }
  return out;
}
