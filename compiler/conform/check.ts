// Conformance of a running app to its stack: what its /metrics serves against what the stack declares. Reports
// series missing (a metric without labels, or a declared combination the registry starts at 0), families the stack
// does not declare, a wrong type, labels the metric does not declare (or lacks), and label values it does not declare.
// A labelled series the registry does not start is born on its first update: not seeing it yet is no defect.
import type { Metric, Stack } from '../model.ts';
import { declaredCombinations } from '../../exporter/spec.ts';
import type { Family, Sample } from './exposition.ts';

export type FindingKind = 'missing' | 'unexpected' | 'type' | 'labels' | 'values';

export interface Finding {
  readonly kind: FindingKind;
  readonly metric: string;
  readonly message: string;
}

export interface Conformance {
  readonly findings: readonly Finding[];
  /** Labelled metrics with no series yet: born on their first update. */
  readonly notYetSeen: readonly string[];
  /** Families left alone: the exporter's self-metrics and client libraries' runtime metrics. */
  readonly ignored: readonly string[];
}

/** Families a client library or stackc's registries add on their own. */
const runtimePrefixes = ['stackc_exporter_', 'process_', 'go_', 'python_', 'nodejs_', 'promhttp_'];

/** The sample names of a metric, and whether each carries `le` or `quantile`. `_created` is what prometheus_client
 *  adds to counters, histograms and summaries. */
function partsOf(m: Metric): Map<string, 'le' | 'quantile' | undefined> {
  const base = m.kind === 'counter' ? m.name.replace(/_total$/, '') : m.name;
  switch (m.kind) {
    case 'counter': return new Map([[m.name, undefined], [`${base}_created`, undefined]]);
    case 'gauge': return new Map([[m.name, undefined]]);
    case 'histogram': return new Map([[`${m.name}_bucket`, 'le'], [`${m.name}_sum`, undefined], [`${m.name}_count`, undefined], [`${m.name}_created`, undefined]]);
    case 'summary': return new Map([[m.name, 'quantile'], [`${m.name}_sum`, undefined], [`${m.name}_count`, undefined], [`${m.name}_created`, undefined]]);
  }
}

const selector = (name: string, labels: Readonly<Record<string, string>>) =>
  `${name}{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;

function metricFindings(m: Metric, samples: readonly Sample[], types: readonly string[]): Finding[] {
  const out: Finding[] = [];
  const at = (kind: FindingKind, message: string) => out.push({ kind, metric: m.name, message });
  for (const type of new Set(types)) if (type !== m.kind) at('type', `${m.name} is served as ${type}, but the stack declares a ${m.kind}`);
  const parts = partsOf(m);
  const reported = new Set<string>();
  const once = (kind: FindingKind, key: string, message: string) => {
    if (!reported.has(key)) at(kind, message);
    reported.add(key);
  };
  for (const s of samples) {
    const extra = parts.get(s.name);
    const wanted = [...m.labels, ...(extra ? [extra] : [])];
    for (const l of Object.keys(s.labels).filter((l) => !wanted.includes(l))) {
      once('labels', `label:${l}`, `${m.name} is served with a label "${l}" the stack does not declare (it declares: ${m.labels.join(', ') || 'none'})`);
    }
    for (const l of wanted.filter((l) => !(l in s.labels))) once('labels', `lacks:${l}`, `${m.name} is served without its label "${l}"`);
    for (const [l, values] of Object.entries(m.labelValues)) {
      const v = s.labels[l];
      if (v !== undefined && !values.includes(v)) once('values', `value:${l}=${v}`, `${m.name} is served with ${l}="${v}", not one of the declared values (${values.join(', ')})`);
    }
  }
  if (m.labels.length === 0 && samples.length === 0) at('missing', `${m.name} is not served; a metric without labels is always there`);
  if (m.initialSeries) {
    // the series each combination is seen by: a counter's own, a histogram's _count
    const shown = m.kind === 'histogram' ? `${m.name}_count` : m.name;
    const served = new Set(samples.filter((s) => s.name === shown).map((s) => JSON.stringify(m.labels.map((l) => s.labels[l]))));
    const absent = declaredCombinations({ labels: m.labels, values: m.labelValues }).filter((c) => !served.has(JSON.stringify(m.labels.map((l) => c[l]))));
    if (absent.length) {
      at('missing', `${absent.length} of the declared combinations of ${m.name} are not served, though the registry starts each at 0: ${absent.slice(0, 3).map((c) => selector(shown, c)).join(', ')}${absent.length > 3 ? ', …' : ''}`);
    }
  }
  return out;
}

/** The stack's metrics against the families a scrape returned. */
export function conformance(stack: Stack, families: ReadonlyMap<string, Family>): Conformance {
  const owner = new Map<string, Metric>();
  for (const m of stack.metrics) for (const part of partsOf(m).keys()) owner.set(part, m);
  // a family is named after its metric (prometheus_client drops a counter's _total); a family whose name is a
  // metric's but whose kind differs is that metric served with the wrong type
  const named = new Map<string, Metric>(stack.metrics.flatMap((m) => [[m.name, m], [m.name.replace(/_total$/, ''), m]] as const));
  const samplesOf = new Map<Metric, Sample[]>(stack.metrics.map((m) => [m, []]));
  const typesOf = new Map<Metric, string[]>(stack.metrics.map((m) => [m, []]));
  const findings: Finding[] = [];
  const ignored: string[] = [];
  for (const family of families.values()) {
    if (runtimePrefixes.some((p) => family.name.startsWith(p))) {
      ignored.push(family.name);
      continue;
    }
    const mine = named.get(family.name) ?? (family.samples.length ? owner.get(family.samples[0]!.name) : undefined);
    if (!mine) {
      findings.push({ kind: 'unexpected', metric: family.name, message: `${family.name} is served but the stack does not declare it` });
      continue;
    }
    // prometheus_client serves `<name>_created` as a gauge family of its own beside a counter, histogram or summary
    const companion = family.name.endsWith('_created') && family.name !== mine.name;
    if (!companion && family.type !== undefined && family.type !== 'untyped' && family.type !== 'unknown') typesOf.get(mine)!.push(family.type);
    for (const s of family.samples) {
      const m = owner.get(s.name);
      if (m) samplesOf.get(m)!.push(s);
      else findings.push({ kind: 'unexpected', metric: s.name, message: `${s.name} is served in the family of ${mine.name} but is none of its series` });
    }
  }
  for (const m of stack.metrics) findings.push(...metricFindings(m, samplesOf.get(m)!, typesOf.get(m)!));
  const notYetSeen = stack.metrics.filter((m) => m.labels.length > 0 && !m.initialSeries && samplesOf.get(m)!.length === 0).map((m) => m.name);
  return { findings, notYetSeen, ignored: ignored.sort() };
}
