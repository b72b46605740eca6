// Typed PromQL helpers and the `promql` tagged template. Every helper takes metric objects, never names,
// and its types encode PromQL's rules: rate() only over counters, *_over_time() over gauges,
// histogram_quantile() only over buckets that keep `le`, by()/without() only over labels the input has.
// The compiler still parses and checks the full text, so raw templates are held to the same rules.
import { isTagged, tag } from './tags.ts';
import { labelText } from '../compiler/promql/names.ts';
import { selectorText, vector, type Defined, type Duration, type Series, type SeriesType, type Vector } from './series.ts';

/** Something that evaluates to an instant vector with labels L: a series (as a selector) or an expression. */
export type VectorLike<L extends string> = Vector<L> | Series<SeriesType, L>;

function isSeries(v: unknown): v is Series<SeriesType, string> {
  return isTagged(v, 'series') || isTagged(v, 'metric') || isTagged(v, 'recording');
}

/** The PromQL text of an operand, parenthesised when it could bind wrongly inside a larger expression. */
export function operand(v: VectorLike<string> | number): string {
  if (typeof v === 'number') return formatNumber(v);
  if (isSeries(v)) return selectorText(v);
  return v.atomic ? v.text : `(${enclosed(v.text)})`;
}

function inner(v: VectorLike<string>): string {
  return isSeries(v) ? selectorText(v) : v.text;
}

/** Text to put before a closing bracket: a `# comment` on its last line would swallow the bracket, so the line
 *  is ended first. */
function enclosed(text: string): string {
  return /#[^\n]*$/.test(text) ? `${text}\n` : text;
}

/** The definitions behind a hole, an operand or an argument. */
export function usesOf(v: Hole): readonly Defined[] {
  return typeof v === 'object' && v !== null && 'uses' in v ? v.uses : [];
}

/** Numbers as Prometheus prints them: no exponent for ordinary values, `+Inf` for infinity. */
export function formatNumber(n: number): string {
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return String(n);
}

// --- range functions -----------------------------------------------------------------------------------------

function rangeCall<L extends string>(fn: string, s: Series<SeriesType, L>, range: Duration, before = ''): Vector<L> {
  return vector<L>(`${fn}(${before}${selectorText(s)}[${range}])`, true, s.uses);
}

/** Per-second average rate of a counter over `range`. @example rate(requests, '5m') */
export function rate<L extends string>(s: Series<'counter', L>, range: Duration): Vector<L> {
  return rangeCall('rate', s, range);
}
/** Per-second rate from the last two samples of a counter. */
export function irate<L extends string>(s: Series<'counter', L>, range: Duration): Vector<L> {
  return rangeCall('irate', s, range);
}
/** How much a counter grew over `range`. @example increase(anomalies, '1h') */
export function increase<L extends string>(s: Series<'counter', L>, range: Duration): Vector<L> {
  return rangeCall('increase', s, range);
}
/** How often a counter reset (the process restarted) within `range`. */
export function resets<L extends string>(s: Series<'counter', L>, range: Duration): Vector<L> {
  return rangeCall('resets', s, range);
}
/** Per-second derivative of a gauge by linear regression. The gauge counterpart of rate(). */
export function deriv<L extends string>(s: Series<'gauge', L>, range: Duration): Vector<L> {
  return rangeCall('deriv', s, range);
}
/** Difference between the first and last value of a gauge in `range`. */
export function delta<L extends string>(s: Series<'gauge', L>, range: Duration): Vector<L> {
  return rangeCall('delta', s, range);
}

export const avgOverTime = <L extends string>(s: Series<'gauge', L>, range: Duration): Vector<L> => rangeCall('avg_over_time', s, range);
export const minOverTime = <L extends string>(s: Series<'gauge', L>, range: Duration): Vector<L> => rangeCall('min_over_time', s, range);
export const maxOverTime = <L extends string>(s: Series<'gauge', L>, range: Duration): Vector<L> => rangeCall('max_over_time', s, range);
export const sumOverTime = <L extends string>(s: Series<'gauge', L>, range: Duration): Vector<L> => rangeCall('sum_over_time', s, range);
export const lastOverTime = <L extends string>(s: Series<'gauge', L>, range: Duration): Vector<L> => rangeCall('last_over_time', s, range);
export const stddevOverTime = <L extends string>(s: Series<'gauge', L>, range: Duration): Vector<L> => rangeCall('stddev_over_time', s, range);
/** The φ-quantile (0 ≤ φ ≤ 1) of a gauge's values within `range`. */
export const quantileOverTime = <L extends string>(phi: number, s: Series<'gauge', L>, range: Duration): Vector<L> =>
  rangeCall('quantile_over_time', s, range, `${formatNumber(phi)}, `);

// --- histograms ------------------------------------------------------------------------------------------------

/** Demands that `le` survives up to histogram_quantile(): an aggregation that drops it does not compile. */
type KeepsLe<L extends string> = 'le' extends L ? unknown : { readonly 'histogram_quantile needs an input that keeps the le label': never };

/**
 * The φ-quantile from histogram buckets. @example histogramQuantile(0.95, sum(rate(latency.bucket, '5m'), { by: ['le'] }))
 */
export function histogramQuantile<L extends string>(phi: number, buckets: Vector<L> & KeepsLe<L>): Vector<Exclude<L, 'le'>> {
  return vector(`histogram_quantile(${formatNumber(phi)}, ${enclosed(buckets.text)})`, true, buckets.uses);
}

// --- aggregations ----------------------------------------------------------------------------------------------

/** Which labels an aggregation keeps: `{ by: [...] }` keeps those, `{ without: [...] }` drops those. */
export type Grouping<K extends string> = { readonly by: readonly K[] } | { readonly without: readonly K[] };

/** An aggregation operator. The label names in by()/without() must be labels of the input. */
export interface Aggregation {
  <L extends string>(v: VectorLike<L>): Vector<never>;
  <L extends string, const K extends L>(v: VectorLike<L>, g: { readonly by: readonly K[] }): Vector<K>;
  <L extends string, const K extends L>(v: VectorLike<L>, g: { readonly without: readonly K[] }): Vector<Exclude<L, K>>;
}

function grouping(g: Grouping<string> | undefined): string {
  if (!g) return '';
  return 'by' in g ? ` by (${g.by.map(labelText).join(', ')})` : ` without (${g.without.map(labelText).join(', ')})`;
}

function aggregation(op: string): Aggregation {
  return ((v: VectorLike<string>, g?: Grouping<string>) => vector(g ? `${op}${grouping(g)} (${enclosed(inner(v))})` : `${op}(${enclosed(inner(v))})`, true, v.uses)) as Aggregation;
}

/** Sum over series, optionally `{ by: [...] }` or `{ without: [...] }`. @example sum(rate(requests, '5m'), { by: ['route'] }) */
export const sum = aggregation('sum');
export const avg = aggregation('avg');
export const min = aggregation('min');
export const max = aggregation('max');
export const count = aggregation('count');
export const group = aggregation('group');
export const stddev = aggregation('stddev');

/** The φ-quantile across series. */
export function quantile<L extends string, const K extends L = never>(phi: number, v: VectorLike<L>, g?: { readonly by: readonly K[] }): Vector<K> {
  return vector(`quantile${grouping(g)} (${formatNumber(phi)}, ${enclosed(inner(v))})`, true, v.uses);
}
/** The k largest series. Keeps all labels. */
export function topk<L extends string>(k: number, v: VectorLike<L>): Vector<L> {
  return vector(`topk(${k}, ${enclosed(inner(v))})`, true, v.uses);
}

// --- the escape hatch ------------------------------------------------------------------------------------------

/** What may stand in a `promql` template hole: series and expressions (checked), numbers and durations. */
export type Hole = VectorLike<string> | number | Duration;

/**
 * PromQL for anything the helpers do not cover. Holes are metric objects, series, recording rules or expressions,
 * so the references stay checkable; the compiler parses the whole text and checks every series and label in it.
 * @example promql`sum(${rate(requests.where({ status: /5../ }), '5m')}) / sum(${rate(requests, '5m')}) > 0.05`
 */
export function promql<L extends string = string>(strings: TemplateStringsArray, ...holes: readonly Hole[]): Vector<L> {
  let text = strings[0] ?? '';
  holes.forEach((hole, i) => {
    text += (typeof hole === 'string' ? hole : operand(hole)) + (strings[i + 1] ?? '');
  });
  return vector<L>(text.trim(), false, holes.flatMap(usesOf));
}

export function vectorText(v: VectorLike<string>): string {
  return inner(v);
}

export { tag };
