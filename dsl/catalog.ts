// External metric catalogs: series the stack queries but does not export, typed like its own metrics.
import type { ExternalMetric } from '../compiler/model.ts';
import { seriesOf, type Series } from './series.ts';
import { tag } from './tags.ts';

/** Labels Prometheus adds to every scraped series. */
type ScrapeLabel = 'job' | 'instance';

type SpecType = ExternalMetric['type'];

/** One declared external series: its Prometheus type and, as a literal union, the labels it carries; V the values
 *  of labels whose values the exporter documents. */
export interface SeriesSpec<T extends SpecType, L extends string, V = {}> {
  readonly type: T;
  readonly help: string;
  readonly labels: readonly L[];
  readonly values?: V;
}

/** The values some labels take, as literal types: `{ phase: ['Pending', 'Running'] }`. */
type ValuesInput<L extends string> = { readonly [K in L]?: readonly string[] };
type ValuesOf<I> = { readonly [K in keyof I]: I[K] extends readonly (infer E)[] ? E : never };

/** A label list that does not name `Reserved` (le on histograms, quantile on summaries: Prometheus sets them);
 *  one that does fails to compile with the reason as a missing property. */
type Without<L extends readonly string[], Reserved extends string> =
  Extract<L[number], Reserved> extends never ? L : L & { readonly [K in `${Extract<L[number], Reserved>} is set by Prometheus, not declared`]: never };

/** Declares one external series. @example counterSeries('Container restarts', ['namespace', 'pod', 'container']) */
export function counterSeries<const L extends readonly string[], const V extends ValuesInput<L[number]> = {}>(help: string, labels: L, values?: V): SeriesSpec<'counter', L[number], ValuesOf<V>> {
  return { type: 'counter', help, labels, ...(values ? { values: values as ValuesOf<V> } : {}) };
}
/** @example gaugeSeries('Pod phase', ['namespace', 'pod', 'phase'], { phase: ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] }) */
export function gaugeSeries<const L extends readonly string[], const V extends ValuesInput<L[number]> = {}>(help: string, labels: L, values?: V): SeriesSpec<'gauge', L[number], ValuesOf<V>> {
  return { type: 'gauge', help, labels, ...(values ? { values: values as ValuesOf<V> } : {}) };
}
/**
 * An external histogram: query `.bucket` (with `le`), `.sum` and `.count`; the bare name has no series.
 * @example histogramSeries('Request latency', ['verb', 'resource'])
 */
export function histogramSeries<const L extends readonly string[]>(help: string, labels: Without<L, 'le'>): SeriesSpec<'histogram', L[number]> {
  return { type: 'histogram', help, labels };
}
/**
 * An external summary: query `.quantiles` (with `quantile`), `.sum` and `.count`.
 * @example summarySeries('GC pause', [])
 */
export function summarySeries<const L extends readonly string[]>(help: string, labels: Without<L, 'quantile'>): SeriesSpec<'summary', L[number]> {
  return { type: 'summary', help, labels };
}

/** A catalog histogram, like an own one: no bare series, only its parts. */
export interface CatalogHistogram<L extends string> {
  readonly bucket: Series<'counter', L | 'le'>;
  readonly sum: Series<'counter', L>;
  readonly count: Series<'counter', L>;
}
/** A catalog summary: its quantile series (the bare name) and its sum and count. */
export interface CatalogSummary<L extends string> {
  readonly quantiles: Series<'gauge', L | 'quantile'>;
  readonly sum: Series<'counter', L>;
  readonly count: Series<'counter', L>;
}

type Entry<T extends SpecType, L extends string, V> =
  T extends 'histogram' ? CatalogHistogram<L> : T extends 'summary' ? CatalogSummary<L> : T extends 'counter' | 'gauge' ? Series<T, L, V> : never;

type Specs = Record<string, SeriesSpec<SpecType, string, unknown>>;

/** Phantom key that keeps a catalog's specs in its type, so withLabels() can rebuild every entry's labels. */
declare const specsOf: unique symbol;

export type Catalog<S extends Specs> = {
  readonly [K in keyof S]: Entry<S[K]['type'], S[K]['labels'][number] | ScrapeLabel, NonNullable<S[K]['values']>>;
} & {
  readonly [tag]: 'catalog';
  readonly catalogName: string;
  readonly entries: readonly ExternalMetric[];
  readonly [specsOf]?: S;
};

/** The selectors of one entry: the series itself, or a histogram's or summary's parts. */
function selectors(e: ExternalMetric): unknown {
  switch (e.type) {
    case 'counter':
    case 'gauge':
      return seriesOf('series', e.name, e.type);
    case 'histogram':
      return {
        bucket: seriesOf('series', `${e.name}_bucket`, 'counter'),
        sum: seriesOf('series', `${e.name}_sum`, 'counter'),
        count: seriesOf('series', `${e.name}_count`, 'counter'),
      };
    case 'summary':
      return {
        quantiles: seriesOf('series', e.name, 'gauge'),
        sum: seriesOf('series', `${e.name}_sum`, 'counter'),
        count: seriesOf('series', `${e.name}_count`, 'counter'),
      };
  }
}

function built<S extends Specs>(catalogName: string, entries: readonly ExternalMetric[]): Catalog<S> {
  const catalog: Record<string | symbol, unknown> = { [tag]: 'catalog', catalogName, entries };
  // each entry's selectors are made when a stack first reads it: a shipped catalog lists hundreds of series, and
  // every stack file loads the shipped catalogs the DSL imports, most of them unread
  for (const e of entries) {
    Object.defineProperty(catalog, e.name, {
      enumerable: true, configurable: true,
      get() {
        const value = selectors(e);
        Object.defineProperty(catalog, e.name, { value, enumerable: true, writable: false });
        return value;
      },
    });
  }
  return catalog as unknown as Catalog<S>;
}

const sortedUnion = (...lists: readonly (readonly string[])[]) => [...new Set(lists.flat())].sort();

/**
 * A named set of external series, keyed by their Prometheus names.
 * @example const ksm = catalog('kube-state-metrics', { kube_pod_info: gaugeSeries('Pod info', ['namespace', 'pod', 'node']) });
 */
export function catalog<const S extends Specs>(catalogName: string, specs: S): Catalog<S> {
  const entries: ExternalMetric[] = Object.entries(specs).map(([name, s]) => ({
    kind: 'external',
    catalog: catalogName,
    name,
    type: s.type,
    help: s.help,
    labels: sortedUnion(s.labels, ['job', 'instance']),
    ...(s.values ? { labelValues: Object.fromEntries(Object.entries(s.values as Record<string, readonly string[]>).map(([k, v]) => [k, [...v]])) } : {}),
  }));
  return built<S>(catalogName, entries);
}

/** The specs of `S` with `X` added to every entry's labels. */
export type WithLabels<S extends Specs, X extends string> = { readonly [K in keyof S]: SeriesSpec<S[K]['type'], S[K]['labels'][number] | X, S[K]['values']> };

/**
 * The same catalog with labels every series gains on the way in (federation, relabelling), e.g. `cluster`.
 * Returns a new catalog; the one passed in is unchanged.
 * @example const clusterKsm = withLabels(kubeStateMetrics, 'cluster');
 */
export function withLabels<S extends Specs, const X extends readonly string[]>(
  c: Catalog<S>,
  ...labels: Without<X, 'le' | 'quantile'>
): Catalog<WithLabels<S, X[number]>> {
  return built(c.catalogName, c.entries.map((e) => ({ ...e, labels: sortedUnion(e.labels, labels) })));
}

/** Any catalog, as a stack lists it. */
export interface AnyCatalog {
  readonly [tag]: 'catalog';
  readonly catalogName: string;
  readonly entries: readonly ExternalMetric[];
}
