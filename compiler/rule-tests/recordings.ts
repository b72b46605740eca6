// Recording rule tests: steady input series for every series the expression selects, and the samples the
// steady-state evaluator predicts. promtool then checks the prediction against Prometheus' own engine.
import { formatDuration, parseDuration } from '../duration.ts';
import type { Issue } from '../issues.ts';
import type { RecordingRule, RuleGroup, Stack, TestSeries } from '../model.ts';
import { targetLabels } from '../model.ts';
import { parsePromQL, selectorsIn, type Matcher } from '../promql/ast.ts';
import type { SeriesIndex } from '../promql/series-index.ts';
import { recordingSelector, ruleKey } from '../rule-identity.ts';
import { issue } from '../validate/context.ts';
import { unitRange } from '../validate/thresholds.ts';
import { lookup, scrapeLabelsOf, seriesText, type TestGroup } from './cases.ts';
import { withScrapeLabels } from './alerts.ts';
import { inputIssues } from './inputs.ts';
import { labelValue } from './label-values.ts';
import { spacingFor } from './spacing.ts';
import { untestedIssues } from './untested.ts';
import { SteadyState, Unsupported, type SteadySeries } from './steady-state.ts';

interface Selected { readonly name: string; readonly matchers: readonly Matcher[] }

/** Steady series for one selector: two label sets (so aggregations and matching are exercised), values by type.
 *  With `step`, gauges are 0 until a last sample of 21 or 63, which makes avg, max, min, last and quantile over
 *  time all differ while staying exact in floating point. */
function inputsFor(stack: Stack, index: SeriesIndex, s: Selected, nameIndex: number, step: boolean): SteadySeries[] {
  const info = index.series.get(s.name);
  if (!info?.labels) throw new Unsupported(`series ${s.name} without known labels`);
  // an own histogram's buckets are declared; a catalog histogram's bucket series carries default bounds
  const buckets = lookup(stack).bucketsOf.get(s.name)?.buckets ?? info.buckets;
  // own series carry the scrape labels of the local profile; a catalog series' labels are all its own
  const scraped = info.origin !== 'catalog' ? targetLabels.filter((l) => info.labels!.has(l)) : [];
  const free = [...info.labels].filter((l) => l !== 'le' && !(scraped as readonly string[]).includes(l));
  const scrape = scrapeLabelsOf(stack);
  const series: SteadySeries[] = [];
  for (const variant of [1, 2]) {
    // the second variant is another pod of the platform, so aggregations across pods are exercised too
    const pod: Partial<Record<string, string>> = variant === 2 ? { pod: `${stack.app}-1`, instance: `127.0.0.2:${stack.scrape.port}` } : {};
    const labels: Record<string, string> = Object.fromEntries(scraped.map((l) => [l, pod[l] ?? scrape[l]]));
    for (const l of free) {
      const v = labelValue(l, s.matchers, { variant });
      if (v === undefined) throw new Unsupported(`no value of ${l} matches ${s.name}'s matchers`);
      labels[l] = v;
    }
    const factor = (nameIndex + 1) * (variant === 1 ? 1 : 3);
    if (buckets) {
      // per second: `factor` observations in the 2nd bucket, 2×factor in the 3rd, `factor` in the 4th
      const perBucket = (i: number) => (i === 1 ? factor : i === 2 ? 2 * factor : i === 3 ? factor : 0);
      let cumulative = 0;
      buckets.forEach((upper, i) => {
        cumulative += perBucket(i);
        series.push({ name: s.name, labels: { ...labels, le: String(upper) }, kind: 'counter', value: cumulative });
      });
      series.push({ name: s.name, labels: { ...labels, le: '+Inf' }, kind: 'counter', value: 4 * factor });
    } else if (info.type === 'counter') {
      series.push({ name: s.name, labels, kind: 'counter', value: factor });
    } else {
      const metric = lookup(stack).metrics.get(s.name);
      const range = metric?.range ?? (metric ? unitRange(metric.unit) : undefined);
      const [lo, hi] = range && Number.isFinite(range[1]) ? range : [0, 100];
      if (step) series.push({ name: s.name, labels, kind: 'gauge', value: 0, last: 21 * factor });
      else series.push({ name: s.name, labels, kind: 'gauge', value: lo + (hi - lo) * (variant === 1 ? 0.25 : 0.75) });
    }
  }
  return series;
}

/** promtool's expanding notation: `0+15x40` grows by 15 per sample, `0x40 21` is 41 zeros then 21 (41 + 1 samples). */
function values(s: SteadySeries, intervalSeconds: number, steps: number): string {
  if (s.kind === 'counter') return `0+${s.value * intervalSeconds}x${steps}`;
  return s.last === undefined ? `${s.value}x${steps}` : `${s.value}x${steps - 1} ${s.last}`;
}

/** The derived test of one recording rule, with step inputs where the evaluator can predict them, else steady ones. */
function derived(stack: Stack, index: SeriesIndex, rule: RecordingRule): TestGroup {
  try {
    return derivedWith(stack, index, rule, true);
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    return derivedWith(stack, index, rule, false);
  }
}

function derivedWith(stack: Stack, index: SeriesIndex, rule: RecordingRule, step: boolean): TestGroup {
  const parsed = parsePromQL(rule.expr.text);
  if (!parsed.ok) throw new Unsupported('an expression that does not parse');
  const found = selectorsIn(parsed.ast);
  const selected: Selected[] = found.flatMap(({ selector }) => (selector.name ? [{ name: selector.name, matchers: selector.matchers }] : []));
  const ranges = found.map(({ range }) => (range ? parseDuration(range) ?? 0 : 0));
  if (selected.some((s) => index.series.get(s.name)?.origin === 'recording rule')) throw new Unsupported('rules over other recording rules');
  const names = [...new Set(selected.map((s) => s.name))];
  const steady = new Map<string, SteadySeries>();
  for (const s of selected) for (const x of inputsFor(stack, index, s, names.indexOf(s.name), step)) steady.set(seriesText(x.name, x.labels), x);
  const scrapeSeconds = (parseDuration(stack.scrape.interval) ?? 15_000) / 1000;
  const spacing = spacingFor(stack, scrapeSeconds, steady.size, ranges.map((r) => r / 1000));
  if (!spacing) throw new Unsupported('windows so far apart that no input spacing fits both in promtool');
  const { interval, at } = spacing;
  const result = new SteadyState([...steady.values()], at, interval, stack.target.prometheus).evaluate(parsed.ast);
  if (result.type !== 'vector' || result.samples.length === 0) throw new Unsupported('inputs under which it records nothing');
  if (result.samples.some((s) => !Number.isFinite(s.value))) throw new Unsupported('inputs under which it records NaN or ±Inf');
  const input: TestSeries[] = [...steady.values()].map((s) => ({ name: s.name, labels: s.labels, values: values(s, interval, at / interval) }));
  const samples = result.samples.map((s) => ({ labels: seriesText(rule.name, { ...s.labels, ...rule.labels }), value: s.value }));
  return {
    name: `${ruleKey(stack, rule)}: ${step ? 'gauges stepping up at the last sample' : 'steady inputs'}`,
    ...(interval !== scrapeSeconds ? { interval: formatDuration(interval * 1000) } : {}),
    input, alerts: [], samples: [{ at: formatDuration(at * 1000), expr: recordingSelector(stack, rule), samples }],
  };
}

function written(stack: Stack, index: SeriesIndex, group: RuleGroup, rule: RecordingRule, issues: Issue[]): TestGroup[] {
  for (const t of rule.tests) issues.push(...inputIssues(index, t, [stack.name, group.name, `record ${rule.name}`]));
  return rule.tests.map((t) => ({
    name: `${ruleKey(stack, rule)}: ${t.name}`,
    input: t.input.map((s) => withScrapeLabels(stack, index, s)),
    alerts: [],
    samples: [{ at: t.at, expr: recordingSelector(stack, rule), samples: t.expect.map((e) => ({ labels: seriesText(rule.name, { ...e.labels, ...rule.labels }), value: e.value })) }],
  }));
}

/** Tests of one recording rule: none when it is marked untested, else those written in the stack, else the derived
 *  one, else an issue. */
export function recordingTests(stack: Stack, index: SeriesIndex, group: RuleGroup, rule: RecordingRule, issues: Issue[]): TestGroup[] {
  if (rule.untested) {
    issues.push(...untestedIssues(stack, group, rule));
    return [];
  }
  if (rule.tests.length) return written(stack, index, group, rule, issues);
  try {
    return [derived(stack, index, rule)];
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    issues.push(issue('rule-tests/cannot-derive', rule.source, [stack.name, group.name, `record ${rule.name}`],
      `stackc cannot predict what ${rule.name} records (it does not evaluate ${e.message}), so it has no test`,
      `add tests: [ruleTest({ name, input: [input(series, labels, '0+1x20')], at: '10m', expect: [{ labels, value }] })] to the record() call`));
    return [];
  }
}
