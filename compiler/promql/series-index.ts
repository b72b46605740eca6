// Every series name a stack's expressions may query, with its type and labels.
import type { ExternalMetric, Metric, Stack } from '../model.ts';
import { targetLabels } from '../model.ts';
import { unlistedMetrics } from '../unlisted.ts';

export type SeriesOrigin = 'metric' | 'histogram bucket' | 'histogram sum/count' | 'summary' | 'recording rule' | 'catalog' | 'alerts';

export interface SeriesInfo {
  readonly name: string;
  /** 'counter' series take rate()/increase(); everything else is a gauge to PromQL. */
  readonly type: 'counter' | 'gauge';
  /** Every label the series carries; undefined when it cannot be known (label checks are skipped). */
  readonly labels: ReadonlySet<string> | undefined;
  readonly origin: SeriesOrigin;
  /** Where the name comes from, for messages: `counter requests_total`, `catalog kube-state-metrics`. */
  readonly from: string;
  /** For a catalog histogram's _bucket series: the le bounds its derived test inputs take (a catalog does not
   *  declare an exporter's buckets, so Prometheus' client default buckets). */
  readonly buckets?: readonly number[];
  /** The values labels of the series declare, by label: a matcher no declared value satisfies selects nothing. */
  readonly values?: Readonly<Record<string, readonly string[]>>;
}

/** A name that looks like a series but must not be queried bare, with the reason and the fix. */
export interface ForbiddenName {
  readonly name: string;
  readonly message: string;
  readonly hint: string;
}

export interface SeriesIndex {
  readonly series: ReadonlyMap<string, SeriesInfo>;
  readonly forbidden: ReadonlyMap<string, ForbiddenName>;
}

function ownSeries(m: Metric): SeriesInfo[] {
  return ownParts(m).map((s) => (Object.keys(m.labelValues).length ? { ...s, values: m.labelValues } : s));
}

function ownParts(m: Metric): SeriesInfo[] {
  const labels = new Set<string>([...m.labels, ...targetLabels]);
  const from = `${m.kind} ${m.name}`;
  switch (m.kind) {
    case 'counter':
    case 'gauge':
      return [{ name: m.name, type: m.kind, labels, origin: 'metric', from }];
    case 'histogram':
      return [
        { name: `${m.name}_bucket`, type: 'counter', labels: new Set([...labels, 'le']), origin: 'histogram bucket', from },
        { name: `${m.name}_sum`, type: 'counter', labels, origin: 'histogram sum/count', from },
        { name: `${m.name}_count`, type: 'counter', labels, origin: 'histogram sum/count', from },
      ];
    case 'summary':
      return [
        { name: m.name, type: 'gauge', labels: new Set([...labels, 'quantile']), origin: 'summary', from },
        { name: `${m.name}_sum`, type: 'counter', labels, origin: 'summary', from },
        { name: `${m.name}_count`, type: 'counter', labels, origin: 'summary', from },
      ];
  }
}

/** The le bounds of Prometheus client libraries' default histogram (DefBuckets in client_golang). */
export const defaultBuckets: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The series of one catalog entry: a counter or gauge is one series; a histogram and a summary are several, as
 *  for own metrics, with `le` on buckets and `quantile` on a summary's bare name. */
export function externalSeries(e: ExternalMetric): SeriesInfo[] {
  const labels = new Set(e.labels);
  const base = { origin: 'catalog', from: `catalog ${e.catalog}`, ...(e.labelValues ? { values: e.labelValues } : {}) } as const;
  switch (e.type) {
    case 'counter':
    case 'gauge':
      return [{ name: e.name, type: e.type, labels, ...base }];
    case 'histogram':
      return [
        { name: `${e.name}_bucket`, type: 'counter', labels: new Set([...labels, 'le']), ...base, buckets: defaultBuckets },
        { name: `${e.name}_sum`, type: 'counter', labels, ...base },
        { name: `${e.name}_count`, type: 'counter', labels, ...base },
      ];
    case 'summary':
      return [
        { name: e.name, type: 'gauge', labels: new Set([...labels, 'quantile']), ...base },
        { name: `${e.name}_sum`, type: 'counter', labels, ...base },
        { name: `${e.name}_count`, type: 'counter', labels, ...base },
      ];
  }
}

export function bareHistogram(name: string, from: string): ForbiddenName {
  return {
    name,
    message: `${name} is a histogram${from}: it has no series of that bare name`,
    hint: `query ${name}_bucket (for quantiles, with rate() and histogram_quantile()), ${name}_sum or ${name}_count; in the DSL: .bucket, .sum, .count`,
  };
}

/** Alerts Prometheus writes back as series: ALERTS{alertname, alertstate, <alert labels>}. */
function alertSeries(stack: Stack): SeriesInfo[] {
  return [
    { name: 'ALERTS', type: 'gauge', labels: undefined, origin: 'alerts', from: 'Prometheus alert state' },
    { name: 'ALERTS_FOR_STATE', type: 'gauge', labels: undefined, origin: 'alerts', from: 'Prometheus alert state' },
  ].filter(() => stack.ruleGroups.length > 0) as SeriesInfo[];
}

/** The index before recording rules: own metrics, catalogs and ALERTS. Recording rules are added as they are inferred. */
export function baseIndex(stack: Stack): { series: Map<string, SeriesInfo>; forbidden: Map<string, ForbiddenName> } {
  const series = new Map<string, SeriesInfo>();
  const forbidden = new Map<string, ForbiddenName>();
  for (const e of stack.externalMetrics) {
    for (const s of externalSeries(e)) series.set(s.name, s);
    if (e.type === 'histogram') forbidden.set(e.name, bareHistogram(e.name, ` (catalog ${e.catalog})`));
  }
  for (const s of alertSeries(stack)) series.set(s.name, s);
  for (const m of [...unlistedMetrics(stack), ...stack.metrics]) {
    // an own metric shadows a catalog's series of the same name, including a catalog histogram's bare name
    for (const s of ownSeries(m)) { series.set(s.name, s); forbidden.delete(s.name); }
    if (m.kind === 'histogram') forbidden.set(m.name, bareHistogram(m.name, ''));
  }
  return { series, forbidden };
}

/** Edit distance, for "did you mean" hints. */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j]!;
      row[j] = next;
    }
  }
  return row[b.length]!;
}

/** Up to three known names close to `name`: by edit distance, sharing its first word, or, for renamed
 *  series (kube_hpa_* → kube_horizontalpodautoscaler_*), sharing its first and last three words. */
export function closest(name: string, known: Iterable<string>): string[] {
  const stem = name.split(/[_:]/)[0] ?? name;
  const words = name.split('_');
  const tail = words.length > 3 ? `_${words.slice(-3).join('_')}` : undefined;
  const renamed = tail ? [...known].filter((k) => k.endsWith(tail) && k.startsWith(`${stem}_`)) : [];
  if (renamed.length) return renamed.sort().slice(0, 3);
  return [...known]
    .map((k) => ({ k, d: distance(name, k) - (k.startsWith(stem) ? 3 : 0) }))
    .filter(({ d }) => d <= Math.max(3, name.length / 3))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, 3)
    .map(({ k }) => k);
}
