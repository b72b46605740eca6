// Rule tests written in the stack: typed input series and the samples or alerts expected from them.
// Threshold alerts and most recording rules get derived tests; raw expressions need these.
import type { RuleTestCase, TestSeries, UntestedRule } from '../compiler/model.ts';
import { selectorLabels, type Defined, type Duration, type Series, type SeriesType } from './series.ts';
import { callSite } from './source.ts';

/** An input series for a rule test. Labels are typed; the stack fills in the scrape labels of its own metrics. */
export interface TestInput {
  readonly seriesName: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly values: string;
  /** The definition of the series, so a stack can tell when two objects define one name. */
  readonly uses: readonly Defined[];
}

/**
 * One input series, with values in promtool's notation (`'0+10x20'`: 0, 10, 20, … 21 samples; `'85x40'`: 85, 41 times).
 * @example input(anomalies, { anomaly_type: 'cpu_spike', severity: 'high' }, '0+1x20')
 */
export function input<L extends string>(series: Series<SeriesType, L>, labels: { readonly [K in L]?: string }, values: string): TestInput {
  return { seriesName: series.seriesName, labels: { ...selectorLabels(series), ...(labels as Record<string, string>) }, values, uses: series.uses };
}

export interface TestOptions<Expected> {
  /** What the test shows, e.g. 'one failed action fires'. */
  readonly name: string;
  readonly input: readonly TestInput[];
  /** When to evaluate, from the first sample. */
  readonly at: Duration;
  readonly expect: readonly Expected[];
}

/** An alert expected to fire: the labels of the expression's result and its value (for `{{ $value }}`). */
export interface ExpectedAlert {
  readonly labels?: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface TestDefinition {
  readonly options: TestOptions<ExpectedAlert>;
  readonly source: ReturnType<typeof callSite>;
}

/**
 * A rule test. For an alert, `expect` lists the alerts firing at `at` (`[]`: none fires); for a recording rule,
 * the samples it records.
 * @example ruleTest({ name: 'a failure fires', input: [input(failed, { action_type: 'restart' }, '0 1 1 1')], at: '1m', expect: [{ labels: { action_type: 'restart' }, value: 1 }] })
 */
export function ruleTest(options: TestOptions<ExpectedAlert>): TestDefinition {
  return { options, source: callSite() };
}

/** A rule left without tests on purpose, and why: compile counts these and verify lists them. */
export interface Untested {
  readonly untested: string;
  readonly source: ReturnType<typeof callSite>;
}

/**
 * Marks an alert or recording rule as untested, with the reason (required, not empty). Use it when no input can
 * show what the rule does in a promtool test; everything else should get a test.
 * @example alert({ ..., tests: untested('absent() of a cluster-only series: no input can make it fire in promtool') })
 */
export function untested(reason: string): Untested {
  return { untested: reason, source: callSite() };
}

/** The tests of a rule's `tests` option, and its untested mark (model form) when it has one. */
export function testsOf(tests: readonly TestDefinition[] | Untested | undefined): { tests: readonly TestDefinition[]; untested?: UntestedRule } {
  if (tests === undefined) return { tests: [] };
  if (!Array.isArray(tests)) {
    const mark = tests as Untested;
    return { tests: [], untested: { reason: mark.untested, source: mark.source } };
  }
  return { tests };
}

/** Turns the DSL test into the model's. */
export function testCaseOf(t: TestDefinition): RuleTestCase {
  const series = (i: TestInput): TestSeries => ({ name: i.seriesName, labels: { ...i.labels }, values: i.values });
  return {
    name: t.options.name,
    input: t.options.input.map(series),
    at: t.options.at,
    expect: t.options.expect.map((e) => ({ labels: { ...e.labels }, value: e.value })),
    source: t.source,
  };
}
