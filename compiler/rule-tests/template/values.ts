// The Go values an alert template handles, tagged by their Go type, and Go's rules on them: truth, kinds for
// comparison, type names for error texts. `undefined` is Go's invalid value (a missing map entry of an interface
// map, a nil interface), which the template engine prints as "<no value>".

export type GoValue =
  | { readonly type: 'string' | 'template.HTML'; readonly value: string }
  | { readonly type: 'float64'; readonly value: number }
  | { readonly type: 'int'; readonly value: number }
  /** A byte, as `index` gives it from a string. */
  | { readonly type: 'uint8'; readonly value: number }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'map[string]string' | 'map[string]interface {}'; readonly entries: ReadonlyMap<string, GoValue | undefined> }
  /** The data of an alert template (template.AlertTemplateData). */
  | { readonly type: 'alert'; readonly fields: ReadonlyMap<string, GoValue | undefined> }
  /** What toDuration and toTime return: pointers to a time.Duration and to a time.Time, in nanoseconds. */
  | { readonly type: '*time.Duration' | '*time.Time'; readonly nanos: bigint };

export type Value = GoValue | undefined;

export const str = (value: string): GoValue => ({ type: 'string', value });
export const float = (value: number): GoValue => ({ type: 'float64', value });
export const int = (value: number): GoValue => ({ type: 'int', value });
export const bool = (value: boolean): GoValue => ({ type: 'bool', value });

export function stringMap(record: Readonly<Record<string, string>>): GoValue {
  return { type: 'map[string]string', entries: new Map(Object.entries(record).map(([k, v]) => [k, str(v)])) };
}

/** Go's name of the type, as reflect prints it. */
export function typeName(v: Value): string {
  if (v === undefined) return '<nil>';
  if (v.type === 'alert') return 'struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value interface {} }';
  return v.type;
}

export type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'string' | 'invalid';

/** The kind Go's comparison functions group a value in. */
export function basicKind(v: Value): BasicKind {
  switch (v?.type) {
    case 'bool': return 'bool';
    case 'int': return 'int';
    case 'uint8': return 'uint';
    case 'float64': return 'float';
    case 'string': case 'template.HTML': return 'string';
    default: return 'invalid';
  }
}

/** Go's truth of a value in if, with, and, or, not: empty and zero values are false. */
export function truth(v: Value): boolean {
  if (v === undefined) return false;
  switch (v.type) {
    case 'string': case 'template.HTML': return v.value.length > 0;
    case 'float64': case 'int': case 'uint8': return v.value !== 0;
    case 'bool': return v.value;
    case 'map[string]string': case 'map[string]interface {}': return v.entries.size > 0;
    case 'alert': return true;
    case '*time.Duration': case '*time.Time': return true; // a non-nil pointer
  }
}

/** The entries of a map in Go's order for range and printing: keys sorted. */
export function sortedEntries(v: Extract<GoValue, { entries: unknown }>): [string, Value][] {
  return [...v.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
