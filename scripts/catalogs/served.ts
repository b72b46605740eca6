// What an exporter serves, as a catalog declares it: each family's name, type, help and label names, read from the
// text exposition with the tolerant reader `stackc conform` uses.
import { readExposition } from '../../compiler/conform/exposition.ts';

export type CatalogType = 'counter' | 'gauge' | 'histogram' | 'summary';

export interface ServedSeries {
  readonly name: string;
  readonly type: CatalogType;
  readonly help: string;
  /** The exporter's own label names, sorted; `le` and `quantile` are Prometheus', not declared. */
  readonly labels: readonly string[];
  /** The exposition said `untyped` (or gave no TYPE): a catalog declares it a gauge, what Prometheus treats it as. */
  readonly untyped: boolean;
}

const typed: Readonly<Record<string, CatalogType>> = { counter: 'counter', gauge: 'gauge', histogram: 'histogram', summary: 'summary' };
const reserved: Readonly<Record<CatalogType, string | undefined>> = { counter: undefined, gauge: undefined, histogram: 'le', summary: 'quantile' };

/** The series of one scrape, by name. */
export function servedSeries(exposition: string): Map<string, ServedSeries> {
  const out = new Map<string, ServedSeries>();
  for (const family of readExposition(exposition).values()) {
    // a family announced by HELP/TYPE but without samples serves nothing Prometheus would store
    if (family.samples.length === 0) continue;
    const type = typed[family.type ?? ''] ?? 'gauge';
    const labels = new Set(family.samples.flatMap((s) => Object.keys(s.labels)));
    const drop = reserved[type];
    if (drop) labels.delete(drop);
    out.set(family.name, { name: family.name, type, help: family.help ?? '', labels: [...labels].sort(), untyped: typed[family.type ?? ''] === undefined });
  }
  return out;
}

/** Several scrapes of one exporter (a prober's /metrics and its probes) as one set: label names are united. */
export function mergeServed(scrapes: readonly Map<string, ServedSeries>[]): Map<string, ServedSeries> {
  const out = new Map<string, ServedSeries>();
  for (const scrape of scrapes) {
    for (const s of scrape.values()) {
      const seen = out.get(s.name);
      out.set(s.name, seen ? { ...seen, labels: [...new Set([...seen.labels, ...s.labels])].sort() } : s);
    }
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
