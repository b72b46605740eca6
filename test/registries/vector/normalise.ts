// One exposition as the three registries must agree on it: what differs between prom-client, prometheus_client and
// client_golang by design is taken out, and formatting is made one. What is left must be equal sample for sample.
import { readExposition, type Family } from '../../../compiler/conform/exposition.ts';

/** A family's TYPE and HELP, and each sample's value by its series (name and sorted labels, values JSON-quoted). */
export interface Normalised {
  readonly families: ReadonlyMap<string, string>;
  readonly samples: ReadonlyMap<string, number>;
}

/** `+Inf`, `-Inf`, `NaN`, `1e-07`, `5.0`: each client's spelling of a float, as the number it is. */
export function parseFloatText(text: string): number {
  const special: Record<string, number> = { '+Inf': Infinity, Inf: Infinity, '-Inf': -Infinity, NaN: NaN };
  const n = text in special ? special[text]! : Number(text);
  if (Number.isNaN(n) && text !== 'NaN') throw new Error(`not a sample value: ${text}`);
  return n;
}

/** A number as one spelling: JavaScript's shortest round-trip form, `+Inf` for infinity. */
const numberText = (n: number) => (n === Infinity ? '+Inf' : n === -Infinity ? '-Inf' : String(n));

/** The series of a sample: `le` and `quantile` are numbers written as text (`le="1.0"` in Python, `"1"` elsewhere). */
export function seriesKey(name: string, labels: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(labels)
    .map(([k, v]) => [k, k === 'le' || k === 'quantile' ? numberText(parseFloatText(v)) : v] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return pairs.length ? `${name}{${pairs.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}` : name;
}

/** prometheus_client writes a `<name>_created` gauge family beside each counter (`<name>_total`), histogram and
 *  summary: the time the series was born, which prom-client and client_golang do not expose in this format (and
 *  which no two runs share). It is the app's switch to turn off (docs/exporter.md), so the registries keep it. */
function isCreatedFamily(family: Family, all: ReadonlyMap<string, Family>): boolean {
  const base = family.name.endsWith('_created') ? family.name.slice(0, -'_created'.length) : undefined;
  if (base === undefined || family.type !== 'gauge') return false;
  return all.get(`${base}_total`)?.type === 'counter' || ['histogram', 'summary'].includes(all.get(base)?.type ?? '');
}

export function normalise(text: string): Normalised {
  const all = readExposition(text);
  const families = new Map<string, string>();
  const samples = new Map<string, number>();
  for (const family of all.values()) {
    if (isCreatedFamily(family, all)) continue;
    // prometheus_client's Summary has no quantiles, and prom-client (a t-digest) and client_golang (CKMS with the
    // declared error targets) estimate them differently: summaries are compared by their _sum and _count
    const kept = family.samples.filter((s) => !(family.type === 'summary' && 'quantile' in s.labels));
    // a labelled family no series was made for: prom-client and prometheus_client write its HELP and TYPE,
    // client_golang writes nothing
    if (kept.length === 0) continue;
    families.set(family.name, `${family.type ?? 'untyped'} ${JSON.stringify(family.help ?? '')}`);
    for (const s of kept) {
      const key = seriesKey(s.name, s.labels);
      if (samples.has(key)) throw new Error(`${key} is in the exposition twice`);
      samples.set(key, parseFloatText(s.value));
    }
  }
  return { families, samples };
}
