// Which definition each series name of the imported rules stands for: a recording rule of the input, a series of a
// shipped catalog, Prometheus' ALERTS, or nothing stackc knows (declared in the stack file's own catalog).
import type { ExternalMetric } from '../model.ts';
import { distance } from '../promql/series-index.ts';
import { shippedCatalogs, type ShippedCatalog } from './shipped-catalogs.ts';

/** How a stack file refers to one series of a catalog: the entry, and the part of a histogram or summary. */
export interface CatalogRef {
  readonly shipped: ShippedCatalog;
  readonly entry: ExternalMetric;
  readonly part?: 'bucket' | 'sum' | 'count' | 'quantiles';
}

export type Resolution =
  | { readonly kind: 'recording' }
  | { readonly kind: 'alerts' }
  | ({ readonly kind: 'catalog' } & CatalogRef)
  /** Close to a shipped catalog's series (a rename, a typo): left undeclared, so the compile says "did you mean". */
  | { readonly kind: 'near'; readonly near: readonly string[] }
  | { readonly kind: 'unknown' };

/** Every series name a catalog entry answers to. */
function seriesOfEntry(shipped: ShippedCatalog, entry: ExternalMetric): [string, CatalogRef][] {
  switch (entry.type) {
    case 'counter':
    case 'gauge':
      return [[entry.name, { shipped, entry }]];
    case 'histogram':
      return (['bucket', 'sum', 'count'] as const).map((part) => [`${entry.name}_${part}`, { shipped, entry, part }]);
    case 'summary':
      return [[entry.name, { shipped, entry, part: 'quantiles' }], [`${entry.name}_sum`, { shipped, entry, part: 'sum' }], [`${entry.name}_count`, { shipped, entry, part: 'count' }]];
  }
}

const shippedSeries: ReadonlyMap<string, readonly CatalogRef[]> = (() => {
  const out = new Map<string, CatalogRef[]>();
  for (const shipped of shippedCatalogs) {
    for (const entry of shipped.catalog.entries) for (const [name, ref] of seriesOfEntry(shipped, entry)) out.set(name, [...(out.get(name) ?? []), ref]);
  }
  return out;
})();

/** Names a shipped catalog's exporter serves under another name: the same first word and last three words
 *  (kube-state-metrics v1's kube_hpa_* → v2's kube_horizontalpodautoscaler_*), or one or two letters apart. */
function nearShipped(name: string): string[] {
  const words = name.split('_');
  const tail = words.length > 3 ? `_${words.slice(-3).join('_')}` : undefined;
  const renamed = tail ? [...shippedSeries.keys()].filter((k) => k.endsWith(tail) && k.startsWith(`${words[0]}_`)) : [];
  if (renamed.length) return renamed.sort().slice(0, 3);
  if (name.length < 12) return [];
  return [...shippedSeries.keys()].filter((k) => Math.abs(k.length - name.length) <= 2 && distance(name, k) <= 2).sort().slice(0, 3);
}

/** Resolves every name. A name several shipped catalogs serve (go_*, process_*) goes to one the other names already
 *  need, the last of them as the stack lists them (the definition the stack then sees); if none, it is the stack's own. */
export function resolveSeries(names: ReadonlySet<string>, recorded: ReadonlySet<string>): ReadonlyMap<string, Resolution> {
  const out = new Map<string, Resolution>();
  const chosen = new Set<ShippedCatalog>();
  for (const name of names) {
    const refs = shippedSeries.get(name) ?? [];
    if (!recorded.has(name) && refs.length === 1) chosen.add(refs[0]!.shipped);
  }
  for (const name of [...names].sort()) {
    const refs = shippedSeries.get(name) ?? [];
    if (recorded.has(name)) out.set(name, { kind: 'recording' });
    else if (name === 'ALERTS' || name === 'ALERTS_FOR_STATE') out.set(name, { kind: 'alerts' });
    else if (refs.length) {
      const ref = refs.filter((r) => chosen.has(r.shipped) || r.shipped.always).at(-1);
      out.set(name, ref ? { kind: 'catalog', ...ref } : { kind: 'unknown' });
    } else {
      const near = nearShipped(name);
      out.set(name, near.length ? { kind: 'near', near } : { kind: 'unknown' });
    }
  }
  return out;
}
