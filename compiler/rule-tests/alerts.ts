// Alert tests: derived for every threshold level (fires past `for`, pending before it, silent exactly at the
// threshold), and taken from the stack for alerts on raw expressions, with scrape labels and annotations filled in.
import { formatDuration, parseDuration } from '../duration.ts';
import { issue } from '../validate/context.ts';
import type { Issue } from '../issues.ts';
import type { AlertRule, RuleGroup, RuleTestCase, Stack, TestSeries, Threshold } from '../model.ts';
import { targetLabels } from '../model.ts';
import type { SeriesIndex } from '../promql/series-index.ts';
import { unitRange } from '../validate/thresholds.ts';
import { lookup, scrapeLabelsOf, type AlertCheck, type TestGroup } from './cases.ts';
import { inputIssues } from './inputs.ts';
import { renderAnnotation, UnrenderableTemplate } from './templates.ts';

function round4(v: number): number {
  return Number(v.toPrecision(4));
}

/** A value past the threshold and short of the next level: the middle of the band, or of the unit's range. */
export function crossingValue(t: Threshold, all: readonly Threshold[], range: readonly [number, number] | undefined): number {
  const beyond = all.filter((o) => o !== t && (t.direction === 'above' ? o.value > t.value : o.value < t.value)).map((o) => o.value);
  const next = t.direction === 'above' ? Math.min(...beyond) : Math.max(...beyond);
  if (Number.isFinite(next)) return round4((t.value + next) / 2);
  const edge = range ? (t.direction === 'above' ? range[1] : range[0]) : undefined;
  if (edge !== undefined && Number.isFinite(edge) && edge !== t.value) return round4((t.value + edge) / 2);
  const step = Math.max(Math.abs(t.value) / 2, 1);
  return round4(t.direction === 'above' ? t.value + step : t.value - step);
}

/** Input series of an own metric or catalog series get the scrape labels the local profile gives them. */
export function withScrapeLabels(stack: Stack, index: SeriesIndex, s: TestSeries): TestSeries {
  const info = index.series.get(s.name);
  if (!info || (info.origin === 'catalog' || info.origin === 'alerts')) return s;
  const defaults = scrapeLabelsOf(stack);
  const fill = Object.fromEntries(targetLabels.filter((l) => info.labels?.has(l) && !(l in s.labels)).map((l) => [l, defaults[l]]));
  return { ...s, labels: { ...fill, ...s.labels } };
}

function firing(alert: AlertRule, labels: Readonly<Record<string, string>>, value: number) {
  const annotations = Object.fromEntries(Object.entries(alert.annotations).map(([k, t]) => [k, renderAnnotation(t, labels, value)]));
  return { labels: { ...labels, ...alert.labels }, annotations };
}

function samples(seconds: number, intervalSeconds: number): number {
  return Math.ceil(seconds / intervalSeconds) + 1;
}

/** Tests for one threshold-derived alert. */
function thresholdTests(stack: Stack, index: SeriesIndex, group: RuleGroup, alert: AlertRule): TestGroup[] {
  const source = lookup(stack).metrics.get(alert.threshold!.series) ?? lookup(stack).recordings.get(alert.threshold!.series);
  if (!source) return [];
  const t = source.thresholds.find((x) => x.severity === alert.threshold!.severity)!;
  const groupSeconds = (parseDuration(group.interval) ?? 30_000) / 1000;
  const forSeconds = (parseDuration(alert.for) ?? 0) / 1000;
  const scrapeSeconds = (parseDuration(stack.scrape.interval) ?? 15_000) / 1000;
  const at = forSeconds + groupSeconds;
  const info = index.series.get(source.name);
  const declared = source.kind === 'recording' ? [...(info?.labels ?? [])].filter((l) => !(targetLabels as readonly string[]).includes(l)) : source.labels;
  const labels = Object.fromEntries(declared.map((l) => [l, `${l}-1`]));
  const n = samples(at + groupSeconds, scrapeSeconds);
  const past = crossingValue(t, source.thresholds, source.range ?? unitRange(source.unit));
  const series = (value: number) => withScrapeLabels(stack, index, { name: source.name, labels, values: `${value}x${n}` });
  const crossing = series(past);
  const checks: AlertCheck[] = [{ at: formatDuration(at * 1000), alert: alert.name, firing: [firing(alert, crossing.labels, past)] }];
  if (forSeconds > 0 && forSeconds - groupSeconds > 0) checks.push({ at: formatDuration((forSeconds - groupSeconds) * 1000), alert: alert.name, firing: [] });
  const word = t.direction === 'above' ? 'above' : 'below';
  return [
    { name: `${alert.name}: ${source.name} ${word} ${t.value} (at ${past}) fires after ${alert.for}`, input: [crossing], alerts: checks, samples: [] },
    { name: `${alert.name}: ${source.name} exactly at ${t.value} does not fire`, input: [series(t.value)], alerts: [{ at: formatDuration(at * 1000), alert: alert.name, firing: [] }], samples: [] },
  ];
}

/** A test written in the stack: scrape labels filled in, expected labels checked against what the expression returns.
 *  A scrape label the result keeps and the test does not name takes the value the inputs carry. */
function writtenTest(stack: Stack, index: SeriesIndex, alert: AlertRule, t: RuleTestCase, outputLabels: ReadonlySet<string> | undefined, path: readonly string[], issues: Issue[]): TestGroup {
  issues.push(...inputIssues(index, t, path));
  const input = t.input.map((s) => withScrapeLabels(stack, index, s));
  const carried = (l: string) => input.find((s) => l in s.labels)?.labels[l];
  const expected = t.expect.map((e) => {
    const unknown = outputLabels ? Object.keys(e.labels).filter((l) => !outputLabels.has(l)) : [];
    if (unknown.length) {
      issues.push(issue('rule-tests/unknown-label', t.source, path, `test "${t.name}" expects label ${unknown.join(', ')}, which the alert's expression does not return`,
        `expect only labels the expression keeps: ${[...(outputLabels ?? [])].sort().join(', ') || '(none)'}`));
    }
    const fill = Object.fromEntries(targetLabels.filter((l) => outputLabels?.has(l) && !(l in e.labels) && carried(l) !== undefined).map((l) => [l, carried(l)!]));
    return firing(alert, { ...fill, ...e.labels }, e.value);
  });
  return { name: `${alert.name}: ${t.name}`, input, alerts: [{ at: t.at, alert: alert.name, firing: expected }], samples: [] };
}

/** All tests of one alert, or the issue saying why it has none. */
export function alertTests(stack: Stack, index: SeriesIndex, group: RuleGroup, alert: AlertRule, outputLabels: ReadonlySet<string> | undefined, issues: Issue[]): TestGroup[] {
  const path = [stack.name, group.name, `alert ${alert.name}`];
  try {
    const written = alert.tests.map((t) => writtenTest(stack, index, alert, t, outputLabels, path, issues));
    const derived = alert.threshold ? thresholdTests(stack, index, group, alert) : [];
    const all = [...derived, ...written];
    const fires = all.some((g) => g.alerts.some((a) => a.firing.length > 0));
    const silent = all.some((g) => g.alerts.some((a) => a.firing.length === 0));
    if (!fires || !silent) {
      issues.push(issue('rule-tests/missing', alert.source, path,
        `alert ${alert.name} has no test ${!fires && !silent ? 'at all' : !fires ? 'in which it fires' : 'in which it stays silent'}; stackc derives tests only for threshold alerts`,
        `add tests: [ruleTest({ name, input: [input(series, labels, '0+1x20')], at: '5m', expect: [{ labels, value }] }), …] to the alert, one that fires and one with expect: []`));
    }
    return all;
  } catch (e) {
    if (!(e instanceof UnrenderableTemplate)) throw e;
    issues.push(issue('rule-tests/template', alert.source, path, `the annotation template ${e.message} cannot be rendered for the generated test`,
      'use {{ $value }}, {{ $labels.<name> }} and humanize, humanizeDuration or humanizePercentage'));
    return [];
  }
}
