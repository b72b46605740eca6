// Tests of a service-level objective's burn-rate alerts, fed through the SLI's own counters. Each window of an alert
// gets a burst of errors at 1.05× and at 0.95× its factor, after a clean history as long as the alert's other windows
// that could fire at that ratio, so that window alone decides (a doubled or halved factor fails the test); the alert
// also meets an error ratio at the objective, from the start. What every alert of the name does (promtool checks the
// page and the ticket at once) is simulated sample by sample, under Prometheus 2's closed and 3's left-open range
// windows; a case whose outcome depends on which, or on rounding, is left out.
import { formatDuration, parseDuration } from '../duration.ts';
import type { AlertRule, Slo, SloAlert, Stack, TestSeries } from '../model.ts';
import { targetLabels } from '../model.ts';
import { parsePromQL, selectorsIn, type Matcher } from '../promql/ast.ts';
import type { SeriesIndex } from '../promql/series-index.ts';
import { ruleKey } from '../rule-identity.ts';
import { lookup, type TestGroup } from './cases.ts';
import { withScrapeLabels } from './alerts.ts';
import { labelValue } from './label-values.ts';
import { firingAlert } from './templates.ts';

interface Selected { readonly name: string; readonly matchers: readonly Matcher[] }

function selected(text: string): Selected | undefined {
  const parsed = parsePromQL(text);
  if (!parsed.ok) return undefined;
  const [s] = selectorsIn(parsed.ast);
  return s?.selector.name ? { name: s.selector.name, matchers: s.selector.matchers } : undefined;
}

/** The own labels (not the scrape labels) of a series name, from the stack's index. */
function freeLabels(index: SeriesIndex, name: string): string[] | undefined {
  const labels = index.series.get(name)?.labels;
  return labels ? [...labels].filter((l) => l !== 'le' && !(targetLabels as readonly string[]).includes(l)) : undefined;
}

function labelsFor(index: SeriesIndex, s: Selected, excluded?: Selected): Record<string, string> | undefined {
  const free = freeLabels(index, s.name);
  if (!free) return undefined;
  const labels: Record<string, string> = {};
  // an excluded selector (the errors, for the good series of one counter) must reject at least one label's value
  const rejecting = excluded ? free.find((l) => excluded.matchers.some((m) => m.label === l) && labelValue(l, s.matchers, { no: excluded.matchers }) !== undefined) : undefined;
  if (excluded && rejecting === undefined) return undefined;
  for (const l of free) {
    const v = l === rejecting ? labelValue(l, s.matchers, { no: excluded!.matchers }) : labelValue(l, s.matchers);
    if (v === undefined) return undefined;
    labels[l] = v;
  }
  return labels;
}

/** Input counters start at 0, as a started exporter's do. (Started high, Prometheus 3.16 counts a series' first
 *  value as an increase when the series begins inside the range: a 3-day rate over 38 minutes of a counter at 10^6
 *  was 10^6 / 3 d.) ratioAt computes the extrapolation and its stop at the zero point as Prometheus does. */
const offset = 0;
const perStep = 1000;

/** A scenario: total events steady from the start, a share `ratio` of them failing from sample `burstFrom` on (until
 *  sample `burstUntil`, when given: the burn stops). */
export interface Scenario { readonly ratio: number; readonly burstFrom: number; readonly burstUntil?: number; readonly steps: number }

const fmt = (n: number) => String(Number(n.toPrecision(12)));

/** promtool values of a counter growing by `during` per sample between samples `from` and `until`, by `outside`
 *  before and after: one `start+stepxN` segment per stretch. */
function values(outside: number, during: number, sc: Scenario): string {
  const until = Math.min(sc.burstUntil ?? sc.steps, sc.steps);
  const stretches = [[sc.burstFrom, outside], [until - sc.burstFrom, during], [sc.steps - until, outside]] as const;
  const parts: string[] = [];
  let value = offset;
  let first = true;
  for (const [length, step] of stretches) {
    if (length <= 0) continue;
    // the first stretch starts at the offset, each later one a step past where the previous ended
    parts.push(first ? `${fmt(value)}+${fmt(step)}x${length}` : `${fmt(value + step)}+${fmt(step)}x${length - 1}`);
    value += step * length;
    first = false;
  }
  return first ? `${fmt(offset)}x${sc.steps}` : parts.join(' ');
}

/** The SLI's input series under a scenario. */
function sliInputs(stack: Stack, index: SeriesIndex, slo: Slo, sc: Scenario): TestSeries[] | undefined {
  const counter = (name: string, labels: Record<string, string>, v: string): TestSeries => withScrapeLabels(stack, index, { name, labels, values: v });
  const bad = values(0, sc.ratio * perStep, sc);
  const all = values(perStep, perStep, sc);
  const good = values(perStep, (1 - sc.ratio) * perStep, sc);
  if (slo.sli.kind === 'ratio') {
    const errors = selected(slo.sli.errors.text);
    const total = selected(slo.sli.total.text);
    if (!errors || !total) return undefined;
    const badLabels = labelsFor(index, { name: errors.name, matchers: [...errors.matchers, ...(errors.name === total.name ? total.matchers : [])] });
    if (!badLabels) return undefined;
    if (errors.name !== total.name) {
      const totalLabels = labelsFor(index, total);
      return totalLabels && [counter(errors.name, badLabels, bad), counter(total.name, totalLabels, all)];
    }
    const goodLabels = labelsFor(index, total, errors);
    return goodLabels && [counter(errors.name, badLabels, bad), counter(total.name, goodLabels, good)];
  }
  const below = selected(slo.sli.good.text);
  const total = selected(slo.sli.total.text);
  const histogram = below && lookup(stack).bucketsOf.get(below.name);
  if (!below || !total || !histogram) return undefined;
  const labels = labelsFor(index, { name: below.name, matchers: below.matchers.filter((m) => m.label !== 'le') });
  if (!labels) return undefined;
  const threshold = slo.sli.threshold;
  // the good requests sit in the threshold's bucket, the others in the next one up
  const buckets = [...histogram.buckets.map((b) => [String(b), b] as const), ['+Inf', Infinity] as const];
  return [
    ...buckets.map(([le, upper]) => counter(below.name, { ...labels, le }, upper < threshold ? values(0, 0, sc) : upper === threshold ? good : all)),
    counter(total.name, labels, all),
  ];
}

const seconds = (d: string) => (parseDuration(d) ?? 0) / 1000;

/** How the SLI's series add up: errors over their own counter and the good ones (one counter split by a label),
 *  errors over another counter, or 1 - good bucket over count. */
type Shape = 'split' | 'separate' | 'latency';

function shapeOf(slo: Slo): Shape {
  if (slo.sli.kind === 'latency') return 'latency';
  return selected(slo.sli.errors.text)?.name === selected(slo.sli.total.text)?.name ? 'split' : 'separate';
}

/** The value at sample `k` of an input counter growing by `during` inside the burst and `outside` around it. */
function valueAt(sc: Scenario, k: number, outside: number, during: number): number {
  const until = sc.burstUntil ?? Number.POSITIVE_INFINITY;
  const inBurst = Math.max(0, Math.min(k, until) - sc.burstFrom);
  return offset + outside * k + (during - outside) * inBurst;
}

/** rate() of one input counter over `window` seconds at sample `at`, as Prometheus 2 or 3 computes it (functions.go,
 *  extrapolatedRate: the same steps as compiler/rule-tests/steady-state.ts); undefined with fewer than two samples. */
function rateOf(sc: Scenario, spacing: number, window: number, at: number, leftOpen: boolean, outside: number, during: number): number | undefined {
  const start = at - window / spacing;
  const first = Math.max(0, leftOpen ? Math.floor(start) + 1 : Math.ceil(start));
  if (at - first < 1) return undefined;
  const firstValue = valueAt(sc, first, outside, during);
  const result = valueAt(sc, at, outside, during) - firstValue;
  const sampledInterval = (at - first) * spacing;
  const average = sampledInterval / (at - first);
  const threshold = average * 1.1;
  let durationToStart = first * spacing - (at * spacing - window);
  let durationToEnd = 0;
  const toZero = result > 0 && firstValue >= 0 ? sampledInterval * (firstValue / result) : Number.POSITIVE_INFINITY;
  if (!leftOpen) durationToStart = Math.min(durationToStart, toZero);
  if (durationToStart >= threshold) durationToStart = average / 2;
  if (leftOpen) durationToStart = Math.min(durationToStart, toZero);
  if (durationToEnd >= threshold) durationToEnd = average / 2;
  if (!leftOpen) return (result * ((sampledInterval + durationToStart + durationToEnd) / sampledInterval)) / window;
  return result * ((sampledInterval + durationToStart + durationToEnd) / sampledInterval / window);
}

/** The SLI's error ratio over `window` at sample `at`, as the recording rule computes it from the inputs; undefined
 *  while a window holds fewer than two samples. `leftOpen`: Prometheus 3 (a sample exactly at the window's start is
 *  out), else 2. */
function ratioAt(sc: Scenario, shape: Shape, spacing: number, window: number, at: number, leftOpen: boolean): number | undefined {
  const rate = (outside: number, during: number) => rateOf(sc, spacing, window, at, leftOpen, outside, during);
  const bad = rate(0, sc.ratio * perStep);
  const all = rate(perStep, perStep);
  const good = rate(perStep, (1 - sc.ratio) * perStep);
  if (bad === undefined || all === undefined || good === undefined) return undefined;
  if (shape === 'split') return bad / (bad + good);
  if (shape === 'separate') return bad / all;
  return 1 - good / all;
}

/** Whether `alert` is firing at the last sample, evaluated at every sample as the rule manager does, under one
 *  range convention; a ratio within rounding of a threshold counts as `tie`. */
function simulate(sc: Scenario, spacing: number, slo: Slo, alert: SloAlert, leftOpen: boolean, tie: boolean): boolean {
  const budget = Number(slo.budget);
  const shape = shapeOf(slo);
  const windows = alert.windows.map((w) => ({ long: seconds(w.long), short: seconds(w.short), limit: w.factor * budget }));
  const hold = seconds(alert.for);
  const above = (r: number | undefined, limit: number) => r !== undefined && (Math.abs(r - limit) <= 1e-9 * limit ? tie : r > limit);
  const active = (step: number) => windows.some((w) => above(ratioAt(sc, shape, spacing, w.long, step, leftOpen), w.limit) &&
    above(ratioAt(sc, shape, spacing, w.short, step, leftOpen), w.limit));
  // firing at the last evaluation: active at every evaluation since one at least `for` before it (the rule manager
  // fires once now - activeAt >= for, and an inactive evaluation resets activeAt)
  const since = sc.steps - Math.ceil(hold / spacing);
  if (since < 0) return false;
  for (let step = since; step <= sc.steps; step++) if (!active(step)) return false;
  return true;
}

/** Verdicts already worked out, per objective: the cases ask the same question several times. */
const verdicts = new WeakMap<Slo, Map<string, boolean | undefined>>();

/** Whether `alert` fires at the end of the scenario; undefined when Prometheus 2 and 3 would disagree, or rounding
 *  at a threshold could decide. */
function firingAt(sc: Scenario, spacing: number, slo: Slo, alert: SloAlert): boolean | undefined {
  const known = verdicts.get(slo) ?? new Map<string, boolean | undefined>();
  verdicts.set(slo, known);
  const key = `${alert.severity} ${alert.for} ${JSON.stringify(alert.windows)} ${spacing} ${sc.ratio} ${sc.burstFrom} ${sc.burstUntil} ${sc.steps}`;
  if (known.has(key)) return known.get(key);
  const runs = [false, true].flatMap((leftOpen) => [false, true].map((tie) => simulate(sc, spacing, slo, alert, leftOpen, tie)));
  const verdict = runs.every((r) => r === runs[0]) ? runs[0] : undefined;
  known.set(key, verdict);
  return verdict;
}

/** The spacing of samples and evaluations for an alert's tests: a round one with at least two samples in the alert's
 *  shortest window, and no window of the name holding one sample under Prometheus 3 and two under 2. */
function spacingOf(own: SloAlert, named: readonly SloAlert[]): number {
  const shortest = Math.min(...own.windows.map((w) => seconds(w.short)));
  const all = named.flatMap((a) => a.windows.flatMap((w) => [seconds(w.short), seconds(w.long)]));
  return [3600, 1800, 900, 600, 300, 120, 60, 30, 15, 10, 5, 1].find((s) => shortest / s >= 2 && all.every((w) => w < s || w >= 2 * s)) ?? 1;
}

/** One derived case: a scenario, the spacing of its samples and evaluations, and the SLI's inputs for it. */
export interface SloCase {
  readonly name: string;
  readonly scenario: Scenario;
  /** Seconds between samples, and between evaluations. */
  readonly spacing: number;
  readonly input: readonly TestSeries[];
}

/** The cases of one burn-rate alert of `slo` (the page or the ticket), each decided under both range conventions;
 *  undefined when no label values feed the SLI's selectors. */
export function sloCases(stack: Stack, index: SeriesIndex, slo: Slo, own: SloAlert): SloCase[] | undefined {
  const named = slo.alerts.filter((a) => a.name === own.name);
  const spacing = spacingOf(own, named);
  const budget = Number(slo.budget);
  const steps = (d: number) => Math.ceil(d / spacing);
  const cases: { readonly name: string; readonly sc: Scenario }[] = [];
  for (const w of own.windows) {
    // a clean history before the burst, as long as another window of the alert that could fire at this ratio, so
    // that this window decides: the shortest that leaves the alert silent at 0.95× and firing at 1.05× its factor
    const longest = steps(seconds(w.long) + seconds(own.for)) + 2;
    const scenario = (share: number, history: number, burst = longest): Scenario => ({ ratio: share * w.factor * budget, burstFrom: history, steps: history + burst });
    const histories = [0, ...own.windows.filter((x) => x !== w && x.factor < 1.05 * w.factor).map((x) => steps(seconds(x.long)))].sort((a, b) => a - b);
    const decisive = histories.find((h) => firingAt(scenario(1.05, h), spacing, slo, own) === true && firingAt(scenario(0.95, h), spacing, slo, own) === false);
    // read as soon as the alert fires under both range conventions: a longer `for` then fails the test
    const from = decisive ?? 0;
    // firing only grows with the burst's length (the ratios rise while it lasts): the shortest by bisection
    let burst = longest;
    if (firingAt(scenario(1.05, from, longest), spacing, slo, own) === true) {
      let low = 0;
      while (burst - low > 1) {
        const mid = Math.floor((low + burst) / 2);
        if (firingAt(scenario(1.05, from, mid), spacing, slo, own) === true) burst = mid;
        else low = mid;
      }
    }
    for (const share of [1.05, 0.95]) {
      const sc = scenario(share, from, burst);
      const verdict = firingAt(sc, spacing, slo, own);
      cases.push({ name: `${verdict ? 'fires' : 'stays silent'} at ${share}× its ${w.factor}× burn rate over ${w.long} and ${w.short}${decisive === undefined ? ' (another window decides too)' : ''}`, sc });
    }
    // the burn at 1.05× stops: within the short window (and two evaluations) the alert has resolved
    const fired = scenario(1.05, from, burst);
    const stopped: Scenario = { ...fired, burstUntil: fired.steps, steps: fired.steps + steps(seconds(w.short)) + 2 };
    if (firingAt(fired, spacing, slo, own) === true && firingAt(stopped, spacing, slo, own) === false) {
      cases.push({ name: `resolves within ${w.short} once its ${w.factor}× burn stops`, sc: stopped });
    }
  }
  // at the objective from the start: long enough for every window of the alert, or, when another alert of the name
  // sits exactly at its factor there (a 1× ticket), short enough that its `for` has not run out
  const longest = Math.max(...own.windows.map((w) => seconds(w.long)));
  const shortest = Math.min(...own.windows.map((w) => seconds(w.short)));
  const atObjective = [steps(longest + seconds(own.for)) + 2, steps(shortest + seconds(own.for)) + 2]
    .map((n): Scenario => ({ ratio: budget, burstFrom: 0, steps: n }))
    .find((sc) => named.every((a) => firingAt(sc, spacing, slo, a) !== undefined));
  if (atObjective) cases.push({ name: `at the objective (${slo.objective}%), from the start`, sc: atObjective });

  const result: SloCase[] = [];
  for (const c of cases) {
    if (named.some((a) => firingAt(c.sc, spacing, slo, a) === undefined)) continue;
    const input = sliInputs(stack, index, slo, c.sc);
    if (!input) return undefined;
    result.push({ name: c.name, scenario: c.sc, spacing, input });
  }
  return result;
}

/** Whether `alert` fires at the end of a case; undefined when the range convention or rounding could decide (never
 *  for the alerts a case was made for: sloCases keeps only cases those agree on). */
export function verdictIn(c: SloCase, slo: Slo, alert: SloAlert): boolean | undefined {
  return firingAt(c.scenario, c.spacing, slo, alert);
}

export function firesIn(c: SloCase, slo: Slo, alert: SloAlert): boolean {
  return verdictIn(c, slo, alert) === true;
}

/** The derived tests of one burn-rate alert of `slo`. */
export function sloAlertTests(stack: Stack, index: SeriesIndex, slo: Slo, alert: AlertRule, rules: readonly AlertRule[]): TestGroup[] | undefined {
  const own = slo.alerts.find((a) => a.name === alert.name && a.severity === alert.severity);
  if (!own) return undefined;
  const cases = sloCases(stack, index, slo, own);
  if (!cases) return undefined;
  const named = slo.alerts.filter((a) => a.name === alert.name);
  const budget = Number(slo.budget);
  const key = ruleKey(stack, alert);
  const groups: TestGroup[] = [];
  for (const c of cases) {
    const firing = named.flatMap((a) => {
      if (!firesIn(c, slo, a)) return [];
      const rule = rules.find((r) => r.name === a.name && r.severity === a.severity);
      return rule ? [{ rule, alert: firingAlert(stack, rule, { ...slo.labels }, c.scenario.ratio) }] : [];
    });
    if (firing.length !== named.filter((a) => firesIn(c, slo, a)).length) return undefined;
    groups.push({
      name: `${key}: error ratio ${fmt(c.scenario.ratio)} (${fmt(c.scenario.ratio / budget)}× the budget) ${c.name}`,
      // evaluations at every sample, as simulated: the file's evaluation interval is the spacing
      ...(c.spacing !== seconds(stack.scrape.interval) || c.spacing !== seconds(stack.scrape.evaluationInterval) ? { interval: formatDuration(c.spacing * 1000) } : {}),
      input: c.input,
      alerts: [{ at: formatDuration(c.scenario.steps * c.spacing * 1000), alert: alert.name, firing: firing.map((f) => f.alert), own: firing.filter((f) => f.rule === alert).length }],
      samples: [],
    });
  }
  return groups;
}
