// OpenSLO v1 (https://openslo.com): `openSlo('slos.yaml', { metrics })` reads the SLO documents of a file (with the
// SLI documents they reference) into the same objectives `slo()` builds, so an objective written for another tool
// compiles, is checked and is proven like one written in the stack. What stackc cannot compile faithfully is refused,
// every problem at once, each at its line in the YAML file.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// the YAML reader is loaded by the first openSlo() call: every stack loads this module, few read OpenSLO files
type Yaml = typeof import('yaml');
let yamlModule: Yaml | undefined;
const yaml = (): Yaml => (yamlModule ??= createRequire(import.meta.url)('yaml') as Yaml);
const isMap: Yaml['isMap'] = (n): n is never => yaml().isMap(n);
const isScalar: Yaml['isScalar'] = (n): n is never => yaml().isScalar(n);
const isSeq: Yaml['isSeq'] = (n): n is never => yaml().isSeq(n);
import { createRequire } from 'node:module';
import type { Document, LineCounter, Node } from 'yaml';
import type { SourceRef } from '../compiler/model.ts';
import type { AnyMetric } from './metrics.ts';
import { LocatedProblems, type LocatedProblem } from './problems.ts';
import { not, type MatchValue, type Series } from './series.ts';
import { sloAt, type SloAlertOptions, type SloDefinition, type SloOptions } from './slo.ts';
import { callSite, projectRoot } from './source.ts';

export interface OpenSloOptions {
  /** The stack's metrics the SLIs' queries may select, by name: counters, and histograms for latency objectives. */
  readonly metrics: readonly AnyMetric[];
  /** Applied to every objective of the file, as in `slo()`. */
  readonly page?: SloAlertOptions | false;
  readonly ticket?: SloAlertOptions | false;
  readonly labels?: Readonly<Record<string, string>>;
  readonly runbook?: string;
}

type Path = readonly (string | number)[];

/** One YAML file: its documents, and where a path of a document is. */
class Source {
  readonly problems: LocatedProblem[] = [];
  constructor(readonly file: string, private readonly lines: LineCounter) {}

  where(doc: Document, path: Path): SourceRef {
    // a mapping's key, where it is written (its value may start on the next line)
    const parent = path.length ? doc.getIn(path.slice(0, -1), true) : undefined;
    const key = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === path.at(-1))?.key : undefined;
    if (isScalar(key) && key.range) {
      const { line, col } = this.lines.linePos(key.range[0]);
      return { file: this.file, line, column: col };
    }
    // else the deepest node of the path that exists
    for (let n = path.length; n >= 0; n--) {
      const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as Node | null | undefined;
      if (node?.range) {
        const { line, col } = this.lines.linePos(node.range[0]);
        return { file: this.file, line, column: col };
      }
    }
    return { file: this.file, line: 1, column: 1 };
  }

  problem(doc: Document, path: Path, message: string, hint: string): undefined {
    const what = `${String(doc.get('kind') ?? 'document')} ${String(doc.getIn(['metadata', 'name']) ?? '(unnamed)')}`;
    this.problems.push({ where: this.where(doc, path), message: `OpenSLO ${what} › ${path.join('.')}: ${message}`, hint });
    return undefined;
  }
}

const str = (doc: Document, path: Path): string | undefined => {
  const v = doc.getIn(path);
  return typeof v === 'string' ? v : undefined;
};

/** `name{label="value",…}` → the name and its matchers; undefined when the query is anything else. */
function selector(query: string): { name: string; matchers: [string, string, string][] } | undefined {
  const m = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?:\{(.*)\})?\s*$/s.exec(query);
  if (!m) return undefined;
  const matchers: [string, string, string][] = [];
  let rest = (m[2] ?? '').trim();
  while (rest) {
    const one = /^([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*")\s*(?:,\s*|$)/s.exec(rest);
    if (!one) return undefined;
    matchers.push([one[1]!, one[2]!, JSON.parse(one[3]!) as string]);
    rest = rest.slice(one[0].length);
  }
  return { name: m[1]!, matchers };
}

function matchValue(op: string, value: string): MatchValue {
  if (op === '=') return value;
  if (op === '=~') return new RegExp(value);
  return not(op === '!=' ? value : new RegExp(value));
}

type Counted = Series<'counter', string>;

/** The series a metric source's query selects, among the given metrics. */
function querySeries(src: Source, doc: Document, path: Path, metrics: readonly AnyMetric[]): { series: Counted; name: string; histogram?: AnyMetric; le?: string } | undefined {
  const type = str(doc, [...path, 'metricSource', 'type']);
  if (type?.toLowerCase() !== 'prometheus') {
    return src.problem(doc, [...path, 'metricSource', 'type'], `the metric source is ${type ?? 'missing'}; stackc compiles Prometheus queries`, 'use metricSource: { type: Prometheus, spec: { query: … } }');
  }
  const query = str(doc, [...path, 'metricSource', 'spec', 'query']);
  const parsed = query === undefined ? undefined : selector(query);
  if (!parsed) {
    return src.problem(doc, [...path, 'metricSource', 'spec', 'query'], `the query ${query === undefined ? 'is missing' : `"${query}" is not a series selector`}`,
      'write the counter as a selector, e.g. http_requests_total{job="api",code=~"5.."}: with counter: true stackc takes rate() of it over each window itself');
  }
  const where = Object.fromEntries(parsed.matchers.filter(([l]) => l !== 'le').map(([l, op, v]) => [l, matchValue(op, v)]));
  const le = parsed.matchers.find(([l]) => l === 'le');
  const counter = metrics.find((m) => m.metricType === 'counter' && m.name === parsed.name);
  if (counter) return { series: (counter as unknown as Counted).where(where), name: parsed.name };
  const histogram = metrics.find((m) => m.metricType === 'histogram' && (parsed.name === `${m.name}_bucket` || parsed.name === `${m.name}_count`));
  if (histogram) {
    const part = parsed.name.endsWith('_bucket') ? 'bucket' : 'count';
    const series = (histogram as unknown as Record<'bucket' | 'count', Counted>)[part].where(where);
    return { series, name: parsed.name, histogram, ...(le ? { le: le[2] } : {}) };
  }
  const known = metrics.filter((m) => m.metricType === 'counter' || m.metricType === 'histogram').map((m) => m.name).join(', ') || '(none)';
  return src.problem(doc, [...path, 'metricSource', 'spec', 'query'], `the query selects ${parsed.name}, which is not a counter or histogram given to openSlo()`,
    `pass the metric in openSlo(file, { metrics: [...] }); given: ${known}`);
}

/** OpenSLO durations stackc can keep: minutes, hours, days and weeks. */
function windowOf(src: Source, doc: Document, path: Path): string | undefined {
  const windows = doc.getIn(path, true);
  if (windows === undefined) return '30d';
  if (!isSeq(windows) || windows.items.length !== 1) return src.problem(doc, path, 'there must be exactly one time window', 'timeWindow: [{ duration: 30d, isRolling: true }]');
  if (doc.getIn([...path, 0, 'isRolling']) === false || doc.getIn([...path, 0, 'calendar']) !== undefined) {
    return src.problem(doc, [...path, 0], 'calendar windows are not supported: Prometheus rules look back over a rolling window', 'use isRolling: true');
  }
  const duration = str(doc, [...path, 0, 'duration']);
  if (!duration || !/^\d+[mhdw]$/.test(duration)) {
    return src.problem(doc, [...path, 0, 'duration'], `the duration ${duration ?? '(missing)'} is not one stackc can write as a Prometheus range`, 'use minutes, hours, days or weeks, e.g. 30d or 4w');
  }
  return duration;
}

function objectiveOf(src: Source, doc: Document): number | undefined {
  const objectives = doc.getIn(['spec', 'objectives'], true);
  if (!isSeq(objectives) || objectives.items.length !== 1) {
    return src.problem(doc, ['spec', 'objectives'], 'stackc compiles exactly one objective per SLO', 'split the objectives into SLO documents of their own');
  }
  const target = doc.getIn(['spec', 'objectives', 0, 'target']);
  const percent = doc.getIn(['spec', 'objectives', 0, 'targetPercent']);
  if (typeof target === 'number') return Number((target * 100).toPrecision(12));
  if (typeof percent === 'number') return percent;
  return src.problem(doc, ['spec', 'objectives', 0], 'the objective has no target', 'target: 0.999 (or targetPercent: 99.9)');
}

/** The SLI of one SLO document, as `slo()` takes it. */
function sliOf(src: Source, doc: Document, at: Path, metrics: readonly AnyMetric[]): SloOptions<string>['sli'] | undefined {
  const ratio = [...at, 'ratioMetric'];
  if (doc.getIn([...at, 'thresholdMetric']) !== undefined) {
    return src.problem(doc, [...at, 'thresholdMetric'], 'a threshold metric (a raw value against the objective, budgeted in timeslices) is not supported: stackc objectives are ratios of events',
      'count events instead: a ratioMetric of bad (or good) over total, or good: <histogram>_bucket{le="0.3"} over total: <histogram>_count for latency');
  }
  if (!isMap(doc.getIn(ratio, true))) return src.problem(doc, at, 'the SLI has no ratioMetric', 'ratioMetric: { counter: true, bad: …, total: … }');
  if (doc.getIn([...ratio, 'counter']) !== true) {
    return src.problem(doc, [...ratio, 'counter'], 'only counters can be an SLI (counter: true): a ratio of gauges does not count events', 'set counter: true and select counters');
  }
  const total = doc.getIn([...ratio, 'total']) !== undefined ? querySeries(src, doc, [...ratio, 'total'], metrics) : src.problem(doc, ratio, 'the ratio has no total', 'add total: { metricSource: … }');
  if (doc.getIn([...ratio, 'bad']) !== undefined) {
    const bad = querySeries(src, doc, [...ratio, 'bad'], metrics);
    return bad && total && { errors: bad.series, total: total.series };
  }
  if (doc.getIn([...ratio, 'good']) === undefined) return src.problem(doc, ratio, 'the ratio has neither good nor bad events', 'add bad: { metricSource: … } (or good: for a latency histogram)');
  const good = querySeries(src, doc, [...ratio, 'good'], metrics);
  if (!good || !total) return undefined;
  const histogram = good.histogram;
  if (!histogram || good.le === undefined || total.histogram !== histogram || !total.name.endsWith('_count')) {
    return src.problem(doc, [...ratio, 'good'], 'good over total is supported for a latency histogram only (good: <h>_bucket{le="…"}, total: <h>_count of the same histogram)',
      'write the errors instead: bad: { … } over total');
  }
  const threshold = Number(good.le);
  const where = Object.fromEntries((selector(str(doc, [...ratio, 'good', 'metricSource', 'spec', 'query'])!)?.matchers ?? []).filter(([l]) => l !== 'le').map(([l, op, v]) => [l, matchValue(op, v)]));
  return { latency: histogram as never, threshold, where } as SloOptions<string>['sli'];
}

/**
 * The OpenSLO v1 SLO documents of a YAML file (kinds SLO and, referenced by name, SLI) as objectives for `slos`.
 * A relative path is read from the stack file's folder. Alert policies are not read: the page and ticket follow
 * stackc's defaults or the options here.
 * @example slos: openSlo('./checkout.openslo.yaml', { metrics: [requests, requestDuration] })
 */
export function openSlo(path: string | URL, o: OpenSloOptions): SloDefinition[] {
  const caller = callSite();
  const absolute = path instanceof URL ? fileURLToPath(path) : resolve(projectRoot, dirname(caller.file), path);
  const file = relative(projectRoot, absolute).split(sep).join('/');
  const lines = new (yaml().LineCounter)();
  const docs = yaml().parseAllDocuments(readFileSync(absolute, 'utf8'), { lineCounter: lines });
  const src = new Source(file, lines);
  const list = Array.isArray(docs) ? docs : [];
  for (const d of list) for (const e of d.errors) src.problems.push({ where: { file, line: e.linePos?.[0]?.line ?? 1, column: e.linePos?.[0]?.col ?? 1 }, message: `${file}: ${e.message}`, hint: 'fix the YAML' });
  const slis = new Map(list.filter((d) => d.get('kind') === 'SLI').map((d) => [String(d.getIn(['metadata', 'name'])), d]));
  const result: SloDefinition[] = [];
  for (const doc of list.filter((d) => d.get('kind') === 'SLO')) {
    const version = str(doc, ['apiVersion']);
    if (version !== 'openslo/v1') {
      src.problem(doc, ['apiVersion'], `apiVersion ${version ?? '(missing)'} is not openslo/v1`, 'stackc reads OpenSLO v1 documents');
      continue;
    }
    const name = str(doc, ['metadata', 'name']);
    if (!name) {
      src.problem(doc, ['metadata'], 'the SLO has no metadata.name', 'name it: metadata: { name: checkout-availability }');
      continue;
    }
    const method = str(doc, ['spec', 'budgetingMethod']);
    if (method !== undefined && method !== 'Occurrences') {
      src.problem(doc, ['spec', 'budgetingMethod'], `budgeting method ${method} is not supported: stackc budgets occurrences (events)`, 'budgetingMethod: Occurrences');
      continue;
    }
    const ref = str(doc, ['spec', 'indicatorRef']);
    const [sliDoc, at]: [Document | undefined, Path] = ref !== undefined ? [slis.get(ref), ['spec']] : [doc, ['spec', 'indicator', 'spec']];
    if (!sliDoc) {
      src.problem(doc, ['spec', 'indicatorRef'], `no SLI document named ${ref} in ${file}`, 'put the SLI in the same file, or inline it as spec.indicator');
      continue;
    }
    const sli = sliOf(src, sliDoc, at, o.metrics);
    const objective = objectiveOf(src, doc);
    const window = windowOf(src, doc, ['spec', 'timeWindow']);
    if (!sli || objective === undefined || window === undefined) continue;
    const service = str(doc, ['spec', 'service']);
    result.push(sloAt({
      name, objective, window: window as SloOptions<string>['window'], sli,
      labels: { ...(service ? { service } : {}), ...o.labels },
      ...(o.page !== undefined ? { page: o.page } : {}), ...(o.ticket !== undefined ? { ticket: o.ticket } : {}),
      ...(o.runbook !== undefined ? { runbook: o.runbook } : {}),
    }, src.where(doc, [])));
  }
  if (list.every((d) => d.get('kind') !== 'SLO') && src.problems.length === 0) {
    src.problems.push({ where: { file, line: 1, column: 1 }, message: `${file} holds no OpenSLO SLO document`, hint: 'kind: SLO, apiVersion: openslo/v1' });
  }
  if (src.problems.length) throw new LocatedProblems(src.problems);
  return result;
}
