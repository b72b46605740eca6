// External metric catalogs: series the stack queries but does not export, typed like its own metrics.
import type { ExternalMetric } from '../compiler/model.ts';
import { seriesOf, type Series } from './series.ts';
import { tag } from './tags.ts';

/** Labels Prometheus adds to every scraped series. */
type ScrapeLabel = 'job' | 'instance';

interface SeriesSpec<T extends 'counter' | 'gauge', L extends readonly string[]> {
  readonly type: T;
  readonly help: string;
  readonly labels: L;
}

/** Declares one external series. @example counterSeries('Container restarts', ['namespace', 'pod', 'container']) */
export function counterSeries<const L extends readonly string[]>(help: string, labels: L): SeriesSpec<'counter', L> {
  return { type: 'counter', help, labels };
}
export function gaugeSeries<const L extends readonly string[]>(help: string, labels: L): SeriesSpec<'gauge', L> {
  return { type: 'gauge', help, labels };
}

export type Catalog<S extends Record<string, SeriesSpec<'counter' | 'gauge', readonly string[]>>> = {
  readonly [K in keyof S]: Series<S[K]['type'], S[K]['labels'][number] | ScrapeLabel>;
} & { readonly [tag]: 'catalog'; readonly catalogName: string; readonly entries: readonly ExternalMetric[] };

/**
 * A named set of external series, keyed by their Prometheus names.
 * @example const ksm = catalog('kube-state-metrics', { kube_pod_info: gaugeSeries('Pod info', ['namespace', 'pod', 'node']) });
 */
export function catalog<const S extends Record<string, SeriesSpec<'counter' | 'gauge', readonly string[]>>>(catalogName: string, specs: S): Catalog<S> {
  const entries: ExternalMetric[] = Object.entries(specs).map(([name, s]) => ({
    kind: 'external',
    catalog: catalogName,
    name,
    type: s.type,
    help: s.help,
    labels: [...new Set([...s.labels, 'job', 'instance'])].sort(),
  }));
  const series = Object.fromEntries(Object.entries(specs).map(([name, s]) => [name, seriesOf('series', name, s.type)]));
  return { ...series, [tag]: 'catalog', catalogName, entries } as unknown as Catalog<S>;
}

/** Any catalog, as a stack lists it. */
export interface AnyCatalog {
  readonly [tag]: 'catalog';
  readonly catalogName: string;
  readonly entries: readonly ExternalMetric[];
}
