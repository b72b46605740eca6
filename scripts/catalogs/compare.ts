// Where a catalog and what its exporter serves disagree: a served series the catalog lacks or types or labels
// differently, and a generated entry the exporter no longer serves. Hand-added entries may be absent (they are there
// because this machine does not serve them) but, when served, must agree like the others.
import type { ExternalMetric } from '../../compiler/model.ts';
import type { ServedSeries } from './served.ts';

/** Labels catalog() adds to every entry: Prometheus' scrape labels, not the exporter's. */
const scrapeLabels = new Set(['job', 'instance']);

const list = (labels: readonly string[]) => (labels.length ? labels.join(', ') : 'none');

/** One line per disagreement, naming the series; empty when they agree. */
export function disagreements(
  served: ReadonlyMap<string, ServedSeries>, entries: readonly ExternalMetric[], generated: ReadonlySet<string>, source: string,
  hostDependent: (series: string) => boolean = () => false,
): string[] {
  const out: string[] = [];
  const byName = new Map(entries.map((e) => [e.name, e]));
  for (const s of served.values()) {
    const e = byName.get(s.name);
    if (!e) {
      if (hostDependent(s.name)) continue; // this host has what the collector reads; the catalog's host did not
      out.push(`${s.name}: served by ${source} (${s.type}${s.untyped ? ', untyped' : ''}, labels: ${list(s.labels)}) but not in the catalog`);
      continue;
    }
    if (e.type !== s.type) out.push(`${s.name}: the catalog says ${e.type}, ${source} serves a ${s.untyped ? 'untyped series (a gauge)' : s.type}`);
    const declared = e.labels.filter((l) => !scrapeLabels.has(l));
    const missing = s.labels.filter((l) => !declared.includes(l));
    const extra = declared.filter((l) => !s.labels.includes(l));
    if (missing.length || extra.length) {
      out.push(`${s.name}: labels differ: the catalog has ${list(declared)}, ${source} serves ${list(s.labels)}${missing.length ? `; not declared: ${missing.join(', ')}` : ''}${extra.length ? `; not served: ${extra.join(', ')}` : ''}`);
    }
  }
  for (const name of [...generated].sort()) {
    if (!served.has(name) && !hostDependent(name)) out.push(`${name}: generated into the catalog but not served by ${source} (regenerate, or move it to the hand-added part with why)`);
  }
  return out;
}
