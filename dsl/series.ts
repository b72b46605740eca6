// Series and vectors: the typed building blocks of PromQL in the DSL.
// A series knows its name, its Prometheus type and, as a literal type, every label it carries,
// so a misspelt label in a matcher or a by() clause does not compile.
import type { SourceRef } from '../compiler/model.ts';
import { callSite } from './source.ts';
import { tag } from './tags.ts';
import { labelText, selectorOf } from '../compiler/promql/names.ts';

/** One `<integer><unit>` of a duration, or nothing. */
type DurationPart<U extends string> = '' | `${bigint}${U}`;

/**
 * A Prometheus duration such as '30s', '5m', '1h' or '1h30m': whole numbers with units, largest unit first
 * (y, w, d, h, m, s, ms), as Prometheus' own grammar. '5 minutes', 'm5', '1.5m' and '30m1h' do not compile;
 * what TypeScript's integers let through ('-5m', '0x1m') the compiler rejects.
 */
export type Duration = Exclude<
  `${DurationPart<'y'>}${DurationPart<'w'>}${DurationPart<'d'>}${DurationPart<'h'>}${DurationPart<'m'>}${DurationPart<'s'>}${DurationPart<'ms'>}`,
  ''
>;

/** How a series may be used: counters (and histogram buckets, sums and counts) take rate(); gauges take *_over_time(). */
export type SeriesType = 'counter' | 'gauge';

/** A matcher value: a string for `=`, a RegExp for `=~`, or `not(...)` for `!=` / `!~`. */
export type MatchValue = string | RegExp | NotMatch;
export interface NotMatch<V extends string = string> { readonly not: V | RegExp }

/** `not('GET')` renders `!="GET"`, `not(/5../)` renders `!~"5.."`. */
export function not<const V extends string>(value: V | RegExp): NotMatch<V> {
  return { not: value };
}

/** Matchers on the labels L. A label whose values are declared (V) takes only those values, so a typo in a matcher
 *  value does not compile; a regex is checked against them when the stack compiles. */
export type Matchers<L extends string, V = {}> = {
  readonly [K in L]?: K extends keyof V ? (V[K] & string) | RegExp | NotMatch<V[K] & string> : MatchValue;
};

/** A definition of a series in the stack: a metric or a recording rule, with where it was written. */
export interface Defined {
  readonly [tag]: 'metric' | 'recording';
  readonly name: string;
  readonly source: SourceRef;
}

/** Anything a selector can start from: a metric, a histogram part, a recording rule, a catalog series. */
export interface Series<T extends SeriesType, L extends string, V = {}> {
  readonly [tag]: 'series' | 'metric' | 'recording';
  readonly seriesName: string;
  readonly seriesType: T;
  readonly matchers: readonly string[];
  /** The definitions this selector was built from, so a stack can tell when two objects define one name. */
  readonly uses: readonly Defined[];
  /** Phantom: the label names this series carries. Never set at run time. */
  readonly labelNames?: L;
  /** Phantom: the declared values of the labels that declare them. Never set at run time. */
  readonly labelValues?: V;
  /** Narrow the series with label matchers: `requests.where({ status: /5../ })`. */
  where(matchers: Matchers<L, V>): Series<T, L, V>;
}

/** An instant vector expression whose result carries the labels L. */
export interface Vector<L extends string> {
  readonly [tag]: 'vector';
  readonly text: string;
  /** True when the text can stand as an operand without parentheses (calls, aggregations, selectors). */
  readonly atomic: boolean;
  readonly source: SourceRef;
  /** The definitions of every series the expression selects. */
  readonly uses: readonly Defined[];
  readonly labelNames?: L;
}

export function vector<L extends string>(text: string, atomic: boolean, uses: readonly Defined[], source: SourceRef = callSite()): Vector<L> {
  return { [tag]: 'vector', text, atomic, uses: [...new Set(uses)], source };
}

function quote(value: string): string {
  return JSON.stringify(value);
}

function renderMatcher(name: string, value: MatchValue): string {
  const label = labelText(name);
  if (typeof value === 'string') return `${label}=${quote(value)}`;
  if (value instanceof RegExp) return `${label}=~${quote(value.source)}`;
  return value.not instanceof RegExp ? `${label}!~${quote(value.not.source)}` : `${label}!=${quote(value.not)}`;
}

/** The labels a series' equality matchers fix, e.g. `{ status: '500' }` for `.where({ status: '500' })`. */
export function selectorLabels(series: Series<SeriesType, string>): Record<string, string> {
  const fixed = series.matchers.flatMap((m) => {
    const eq = /^([a-zA-Z_][a-zA-Z0-9_]*|"(?:[^"\\]|\\.)*")=(".*")$/.exec(m);
    return eq ? [[eq[1]!.startsWith('"') ? JSON.parse(eq[1]!) as string : eq[1]!, JSON.parse(eq[2]!) as string] as const] : [];
  });
  return Object.fromEntries(fixed);
}

export function selectorText(series: Series<SeriesType, string>): string {
  return selectorOf(series.seriesName, series.matchers);
}

/** Builds the selector part of a series: the name, its matchers, and `where` that adds more. */
export function seriesOf<T extends SeriesType, L extends string>(
  kind: 'series' | 'metric' | 'recording',
  seriesName: string,
  seriesType: T,
  matchers: readonly string[] = [],
  uses: readonly Defined[] = [],
): Series<T, L> {
  return {
    [tag]: kind,
    seriesName,
    seriesType,
    matchers,
    uses,
    where(this: Series<T, L>, more: Matchers<L>): Series<T, L> {
      const added = Object.entries(more as Record<string, MatchValue>).map(([k, v]) => renderMatcher(k, v));
      return seriesOf<T, L>('series', seriesName, seriesType, [...matchers, ...added], this.uses);
    },
  };
}

/** Makes a definition the origin of its own selectors (and of its parts': a histogram's bucket, sum and count). */
export function defines<D extends Defined>(definition: D, parts: readonly Series<SeriesType, string>[] = []): D {
  for (const s of [definition, ...parts]) Object.assign(s, { uses: [definition] });
  return definition;
}
