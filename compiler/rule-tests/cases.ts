// The rule tests of a stack, as plain data: what the emitter writes and what the coverage check counts.
import type { Issue } from '../issues.ts';
import type { HistogramMetric, Metric, RecordingRule, Stack, TestSeries } from '../model.ts';
import type { TargetLabel } from '../model.ts';
import { unlistedMetrics } from '../unlisted.ts';
import { classicMetricName, labelText, promqlString } from '../promql/names.ts';

/** One `tests:` entry of a promtool test file: input series and what to expect at which times. */
export interface TestGroup {
  readonly name: string;
  /** Spacing of the input samples and of rule evaluations when it is not the scrape interval (long windows). */
  readonly interval?: string;
  readonly input: readonly TestSeries[];
  readonly alerts: readonly AlertCheck[];
  readonly samples: readonly SampleCheck[];
}

export interface AlertCheck {
  readonly at: string;
  /** promtool checks every alert of this name at once: `firing` lists those of other rules of the name too. */
  readonly alert: string;
  /** Empty: the alert must not be firing at `at`. */
  readonly firing: readonly { readonly labels: Readonly<Record<string, string>>; readonly annotations: Readonly<Record<string, string>> }[];
  /** How many of `firing` are the tested rule's own alerts (the others come from rules sharing its name). */
  readonly own: number;
}

export interface SampleCheck {
  readonly at: string;
  readonly expr: string;
  readonly samples: readonly { readonly labels: string; readonly value: number }[];
}

export interface StackTests {
  /** Tests of alerts.yml, by the group the alert is in. */
  readonly alerts: readonly TestGroup[];
  /** Tests of recording-rules.yml. */
  readonly recordings: readonly TestGroup[];
  /** Rules without a test, and tests that cannot be right. */
  readonly issues: readonly Issue[];
}

/** The label values the stack's own series carry in tests: what the local scrape profile gives them. */
export function scrapeLabelsOf(stack: Stack): Record<TargetLabel, string> {
  return {
    instance: `127.0.0.1:${stack.scrape.port}`,
    job: stack.app,
    namespace: stack.namespace,
    pod: `${stack.app}-0`,
  };
}

export interface Lookup {
  readonly metrics: ReadonlyMap<string, Metric>;
  /** Histograms by the name of their `_bucket` series. */
  readonly bucketsOf: ReadonlyMap<string, HistogramMetric>;
  /** Recording rules by name: several may share one, told apart by their static labels. */
  readonly recordings: ReadonlyMap<string, readonly RecordingRule[]>;
}

const lookups = new WeakMap<Stack, Lookup>();

/** Metrics and recording rules by name, built once per model: tests look them up for every rule. */
export function lookup(stack: Stack): Lookup {
  const known = lookups.get(stack);
  if (known) return known;
  const metrics = [...unlistedMetrics(stack), ...stack.metrics];
  const recordings = new Map<string, RecordingRule[]>();
  for (const r of stack.ruleGroups.flatMap((g) => g.rules)) if (r.kind === 'recording') recordings.set(r.name, [...(recordings.get(r.name) ?? []), r]);
  const result: Lookup = {
    metrics: new Map(metrics.map((m) => [m.name, m])),
    bucketsOf: new Map(metrics.filter((m): m is HistogramMetric => m.kind === 'histogram').map((m) => [`${m.name}_bucket`, m])),
    recordings,
  };
  lookups.set(stack, result);
  return result;
}

/** A selector for exp_samples / input_series: `name{a="x", b="y"}`, labels sorted. */
export function seriesText(name: string, labels: Readonly<Record<string, string>>): string {
  const inner = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${labelText(k)}=${JSON.stringify(v)}`);
  return classicMetricName.test(name) ? `${name}{${inner.join(', ')}}` : `{${[promqlString(name), ...inner].join(', ')}}`;
}
