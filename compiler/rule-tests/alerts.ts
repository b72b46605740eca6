// Alert tests: derived for every threshold level (fires past `for`, pending before it, silent exactly at the
// threshold), and taken from the stack for alerts on raw expressions, with scrape labels and annotations filled in.
import { formatDuration, parseDuration } from '../duration.ts';
import { issue } from '../validate/context.ts';
import { location, type Issue } from '../issues.ts';
import type { AlertRule, Metric, RecordingRule, RuleGroup, RuleTestCase, Stack, TestSeries, Threshold } from '../model.ts';
import { targetLabels } from '../model.ts';
import { stackIndex } from '../promql/analyze.ts';
import type { SeriesIndex } from '../promql/series-index.ts';
import { outputLabels as outputOf, ruleKey, sameName } from '../rule-identity.ts';
import { unitRange } from '../validate/thresholds.ts';
import { lookup, scrapeLabelsOf, type AlertCheck, type TestGroup } from './cases.ts';
import { inputIssues } from './inputs.ts';
import { UnpredictableSibling, withSameName } from './same-name.ts';
import type { SteadySeries } from './steady-state.ts';
import { sloAlertTests } from './slo.ts';
import { TemplateError } from './template/errors.ts';
import { firingAlert, UnrenderedAnnotation } from './templates.ts';
import { untestedIssues } from './untested.ts';

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

function samples(seconds: number, intervalSeconds: number): number {
  return Math.ceil(seconds / intervalSeconds) + 1;
}

/** The metric or recording rule an alert's threshold is on; among recording rules of one name, the one whose static
 *  labels the alert selects. */
function thresholdSource(stack: Stack, alert: AlertRule): Metric | RecordingRule | undefined {
  const { series, labels = {} } = alert.threshold!;
  const same = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) =>
    Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);
  return lookup(stack).metrics.get(series) ?? lookup(stack).recordings.get(series)?.find((r) => same(r.labels, labels));
}

/** Tests for one threshold-derived alert. */
function thresholdTests(stack: Stack, index: SeriesIndex, group: RuleGroup, alert: AlertRule): TestGroup[] {
  const source = thresholdSource(stack, alert);
  if (!source) return [];
  const t = source.thresholds.find((x) => x.severity === alert.threshold!.severity)!;
  const groupSeconds = (parseDuration(group.interval) ?? 30_000) / 1000;
  const forSeconds = (parseDuration(alert.for) ?? 0) / 1000;
  const scrapeSeconds = (parseDuration(stack.scrape.interval) ?? 15_000) / 1000;
  const at = forSeconds + groupSeconds;
  // a recording rule's own labels: those its expression returns, and its static ones with their values
  const own = source.kind === 'recording' ? stackIndex(stack).recordings.get(source)?.value?.labels : undefined;
  const declared = source.kind === 'recording' ? [...(own ?? index.series.get(source.name)?.labels ?? [])].filter((l) => !(targetLabels as readonly string[]).includes(l)) : source.labels;
  const labels = { ...Object.fromEntries(declared.map((l) => [l, `${l}-1`])), ...(source.kind === 'recording' ? source.labels : {}) };
  const n = samples(at + groupSeconds, scrapeSeconds);
  const past = crossingValue(t, source.thresholds, source.range ?? unitRange(source.unit));
  const series = (value: number) => withScrapeLabels(stack, index, { name: source.name, labels, values: `${value}x${n}` });
  const steady = (s: TestSeries, value: number): SteadySeries[] => [{ name: s.name, labels: s.labels, kind: 'gauge', value }];
  const crossing = series(past);
  const checks: AlertCheck[] = [{ at: formatDuration(at * 1000), alert: alert.name, firing: [firingAlert(stack, alert, crossing.labels, past, source.name)], own: 1 }];
  if (forSeconds > 0 && forSeconds - groupSeconds > 0) checks.push({ at: formatDuration((forSeconds - groupSeconds) * 1000), alert: alert.name, firing: [], own: 0 });
  const word = t.direction === 'above' ? 'above' : 'below';
  const key = ruleKey(stack, alert);
  const boundary = series(t.value);
  return [
    { name: `${key}: ${source.name} ${word} ${t.value} (at ${past}) fires after ${alert.for}`, input: [crossing], alerts: withSameName(stack, alert, steady(crossing, past), checks), samples: [] },
    { name: `${key}: ${source.name} exactly at ${t.value} does not fire`, input: [boundary],
      alerts: withSameName(stack, alert, steady(boundary, t.value), [{ at: formatDuration(at * 1000), alert: alert.name, firing: [], own: 0 }]), samples: [] },
  ];
}

/** The rule of the alert's name an expected alert belongs to: the alert itself unless the expectation names a
 *  static label with another value, which picks the rule of the name that has it (`{ severity: 'warning' }`). */
function ownerOf(stack: Stack, alert: AlertRule, labels: Readonly<Record<string, string>>): AlertRule | undefined {
  const fits = (r: AlertRule) => Object.entries(labels).every(([k, v]) => !(k in r.labels) || r.labels[k] === v);
  return fits(alert) ? alert : sameName(stack, alert).find((r) => r !== alert && fits(r));
}

/** A test written in the stack: scrape labels filled in, expected labels checked against what the expression returns.
 *  A scrape label the result keeps and the test does not name takes the value the inputs carry. */
function writtenTest(stack: Stack, index: SeriesIndex, alert: AlertRule, t: RuleTestCase, outputLabels: ReadonlySet<string> | undefined, path: readonly string[], issues: Issue[]): TestGroup {
  issues.push(...inputIssues(index, t, path));
  const input = t.input.map((s) => withScrapeLabels(stack, index, s));
  const carried = (l: string) => input.find((s) => l in s.labels)?.labels[l];
  let own = 0;
  const expected = t.expect.flatMap((e) => {
    const owner = ownerOf(stack, alert, e.labels);
    if (!owner) {
      const names = sameName(stack, alert).map((r) => ruleKey(stack, r)).join(', ');
      issues.push(issue('rule-tests/unknown-label', t.source, path, `test "${t.name}" expects an alert with ${Object.entries(e.labels).map(([k, v]) => `${k}="${v}"`).join(', ')}, which no alert named ${alert.name} has`,
        `expect the labels the alert's expression returns; an alert of another rule of the name is picked by its static labels: ${names}`));
      return [];
    }
    if (owner === alert) own++;
    const returned = owner === alert ? outputLabels : outputOf(stack, owner);
    const known = returned && new Set([...returned, ...Object.keys(owner.labels)]);
    const unknown = known ? Object.keys(e.labels).filter((l) => !known.has(l)) : [];
    if (unknown.length) {
      issues.push(issue('rule-tests/unknown-label', t.source, path, `test "${t.name}" expects label ${unknown.join(', ')}, which the alert's expression does not return`,
        `expect only labels the expression keeps: ${[...(returned ?? [])].sort().join(', ') || '(none)'}`));
    }
    const fill = Object.fromEntries(targetLabels.filter((l) => returned?.has(l) && !(l in e.labels) && carried(l) !== undefined).map((l) => [l, carried(l)!]));
    return [firingAlert(stack, owner, { ...fill, ...e.labels }, e.value)];
  });
  return { name: `${ruleKey(stack, alert)}: ${t.name}`, input, alerts: [{ at: t.at, alert: alert.name, firing: expected, own }], samples: [] };
}

/** The derived tests of a burn-rate alert, or the issue saying why there are none. */
function objectiveTests(stack: Stack, index: SeriesIndex, alert: AlertRule, path: readonly string[], issues: Issue[]): TestGroup[] {
  const slo = stack.slos.find((s) => s.name === alert.slo);
  const rules = stack.ruleGroups.flatMap((g) => g.rules).filter((r): r is AlertRule => r.kind === 'alert' && r.slo === alert.slo);
  const tests = slo && sloAlertTests(stack, index, slo, alert, rules);
  if (tests) return tests;
  issues.push(issue('rule-tests/slo', alert.source, path,
    `stackc cannot feed the SLI of objective ${alert.slo} in a test: no label values of its series satisfy its selectors${slo?.sli.kind === 'ratio' ? ' (the good events must be counted by the total and not by the errors)' : ''}`,
    'select the errors and the total with matchers a value can satisfy (=, or =~ with alternatives such as 5..), or write the tests yourself and mark the objective\'s page and ticket untested'));
  return [];
}

/** All tests of one alert, or the issue saying why it has none. */
export function alertTests(stack: Stack, index: SeriesIndex, group: RuleGroup, alert: AlertRule, outputLabels: ReadonlySet<string> | undefined, issues: Issue[]): TestGroup[] {
  const path = [stack.name, group.name, `alert ${alert.name}`];
  if (alert.untested) {
    issues.push(...untestedIssues(stack, group, alert));
    return [];
  }
  try {
    const written = alert.tests.map((t) => writtenTest(stack, index, alert, t, outputLabels, path, issues));
    const derived = alert.threshold ? thresholdTests(stack, index, group, alert) : alert.slo !== undefined ? objectiveTests(stack, index, alert, path, issues) : [];
    const all = [...derived, ...written];
    const fires = all.some((g) => g.alerts.some((a) => a.own > 0));
    const silent = all.some((g) => g.alerts.some((a) => a.own === 0));
    if (!fires || !silent) {
      issues.push(issue('rule-tests/missing', alert.source, path,
        `alert ${alert.name} has no test ${!fires && !silent ? 'at all' : !fires ? 'in which it fires' : 'in which it stays silent'}; stackc derives tests only for threshold alerts`,
        `add tests: [ruleTest({ name, input: [input(series, labels, '0+1x20')], at: '5m', expect: [{ labels, value }] }), …] to the alert, one that fires and one with expect: []`));
    }
    return all;
  } catch (e) {
    if (e instanceof UnpredictableSibling) {
      issues.push(issue('rule-tests/same-name', alert.source, path,
        `the derived tests of ${ruleKey(stack, alert)} cannot say what ${ruleKey(stack, e.other)} (at ${location(e.other.source)}) does under their inputs, and promtool checks every alert named ${alert.name} at once: stackc does not evaluate ${e.message}`,
        `give one of the two alerts its own name, or move it to an expression stackc evaluates`));
      return [];
    }
    if (!(e instanceof UnrenderedAnnotation)) throw e;
    issues.push(issue('rule-tests/template', alert.source, path,
      `${e.message}: stackc cannot write the annotations promtool compares in the alert's tests`,
      e.problem instanceof TemplateError
        ? 'fix the template: Prometheus would send the alert with "<error expanding template: …>" in place of the text'
        : `keep the template to what renders offline ({{ $value }}, {{ $labels.<name> }}, $externalLabels, printf, if, with, range, humanize…; docs/templates.md), or mark the alert tests: untested('why'), and check its text on a running Prometheus`));
    return [];
  }
}
