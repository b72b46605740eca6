// A stack's registry built at run time from its metric specs, for tools that hold the specs as data rather than
// a generated file: the simulated exporter of any stack (`npm run exporter -- <stack>`), `npm run up`, the live
// judge. Applications keep the generated registry (out/<stack>/exporter/registry.gen.ts) and its typed facade.
import { Counter, Gauge, Histogram, Registry, Summary } from 'prom-client';
import { createSelfMetrics } from './self-metrics.ts';
import { declaredCombinations, type MetricSpec } from './spec.ts';
import type { StackMetrics } from './stack-metrics.ts';
import {
  LabelledCounter, LabelledGauge, LabelledHistogram, LabelledSummary,
  PlainCounter, PlainGauge, PlainHistogram, PlainSummary,
} from './typed.ts';

export type AnyMetric =
  | LabelledCounter<string> | LabelledGauge<string> | LabelledHistogram<string> | LabelledSummary<string>
  | PlainCounter | PlainGauge | PlainHistogram | PlainSummary;

/** The handles of a run-time registry, by the key of each spec (the metric name, or its camelCase). */
export type DynamicMetrics = { readonly [key: string]: AnyMetric };

function metricOf(spec: MetricSpec<string>, self: StackMetrics<DynamicMetrics>['self'], registry: Registry): AnyMetric {
  const common = { name: spec.name, help: spec.help, labelNames: [...spec.labels], registers: [registry] };
  const labelled = spec.labels.length > 0;
  const plain = spec as MetricSpec<never>;
  switch (spec.kind) {
    case 'counter': {
      const metric = new Counter(common);
      return labelled ? new LabelledCounter(spec, metric, self) : new PlainCounter(plain, metric);
    }
    case 'gauge': {
      const metric = new Gauge(common);
      return labelled ? new LabelledGauge(spec, metric, self) : new PlainGauge(plain, metric);
    }
    case 'histogram': {
      const metric = new Histogram({ ...common, ...(spec.buckets ? { buckets: [...spec.buckets] } : {}) });
      return labelled ? new LabelledHistogram(spec, metric, self) : new PlainHistogram(plain, metric);
    }
    case 'summary': {
      const metric = new Summary({
        ...common,
        ...(spec.percentiles ? { percentiles: [...spec.percentiles] } : {}),
        ...(spec.maxAgeSeconds !== undefined ? { maxAgeSeconds: spec.maxAgeSeconds } : {}),
        ...(spec.ageBuckets !== undefined ? { ageBuckets: spec.ageBuckets } : {}),
      });
      return labelled ? new LabelledSummary(spec, metric, self) : new PlainSummary(plain, metric);
    }
  }
}

/**
 * A fresh registry holding exactly the given metrics and the exporter's self-metrics, as the generated
 * `createMetrics()` builds it, but from specs known only at run time.
 * @example const stack = createStackMetrics('shop', { orders_total: { kind: 'counter', name: 'orders_total', … } });
 */
export function createStackMetrics(name: string, specs: Readonly<Record<string, MetricSpec<string>>>, registry = new Registry()): StackMetrics<DynamicMetrics> {
  const self = createSelfMetrics(registry);
  const metrics = Object.fromEntries(Object.entries(specs).map(([key, spec]) => [key, metricOf(spec, self, registry)]));
  for (const [key, spec] of Object.entries(specs)) if (spec.initialise) startAtZero(metrics[key]!, spec);
  return { stack: name, registry, self, metrics };
}

/** Every declared combination at 0, so the first scrape shows each series and increase() sees the first event. */
function startAtZero(metric: AnyMetric, spec: MetricSpec<string>): void {
  for (const labels of declaredCombinations(spec)) {
    if (metric instanceof LabelledCounter) metric.inc(labels, 0);
    else if (metric instanceof LabelledHistogram) metric.zero(labels);
  }
}

type LabelOf<S extends MetricSpec> = S['labels'][number];
/** The declared values of each label that declares them, as unions of literals. */
type ValuesOf<S extends MetricSpec> = S extends { readonly values: infer X }
  ? { readonly [K in keyof X]-?: NonNullable<X[K]> extends readonly (infer E)[] ? E : never }
  : {};
type Handles<L extends string, V> = [L] extends [never]
  ? { counter: PlainCounter; gauge: PlainGauge; histogram: PlainHistogram; summary: PlainSummary }
  : { counter: LabelledCounter<L, V>; gauge: LabelledGauge<L, V>; histogram: LabelledHistogram<L, V>; summary: LabelledSummary<L, V> };

/** The typed handle of one spec: its kind, and exactly its labels with their declared values (none: a metric
 *  without a label argument). */
export type HandleOf<S extends MetricSpec> = Handles<LabelOf<S>, ValuesOf<S>>[S['kind']];

/** The handles of a generated registry, by key: `metrics.requestsTotal.inc({ method, route, status })`. */
export type TypedMetrics<Specs extends Readonly<Record<string, MetricSpec>>> = { readonly [K in keyof Specs]: HandleOf<Specs[K]> };

/**
 * What a generated registry's `createMetrics()` returns: the stack's metrics, built from its specs (literal types,
 * `as const`), each handle typed by its spec's kind and labels.
 */
export function createTypedMetrics<const Specs extends Readonly<Record<string, MetricSpec>>>(
  stack: string, specs: Specs, registry = new Registry(),
): StackMetrics<TypedMetrics<Specs>> {
  // the handles createStackMetrics builds are exactly these: by kind, labelled when the spec has labels
  return createStackMetrics(stack, specs, registry) as unknown as StackMetrics<TypedMetrics<Specs>>;
}
