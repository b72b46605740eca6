// Service-level objectives: `slo({ name, objective, window, sli })` becomes the SLI's recording rules per window,
// the error budget, and multi-window, multi-burn-rate alerts (the Google SRE workbook's method, as Sloth and Pyrra
// generate them), plus panels a dashboard places like any other. The compiler derives the alerts' tests.
import { parseDuration } from '../compiler/duration.ts';
import type { Severity, SourceRef } from '../compiler/model.ts';
import { override, panel, type PanelDefinition } from './dashboard.ts';
import { promql, rate, sum } from './promql.ts';
import { record, ruleGroup, type AlertDefinition, type Recording, type RuleGroupDefinition } from './rules.ts';
import { selectorText, type Defined, type Duration, type Matchers, type Series } from './series.ts';
import { callSite } from './source.ts';
import { input, ruleTest } from './tests.ts';
import { tag } from './tags.ts';

/** One multi-window condition: the error ratio over both windows above `factor` × the error budget. */
export interface BurnWindow {
  readonly long: Duration;
  readonly short: Duration;
  readonly factor: number;
}

export interface SloAlertOptions {
  /** @default page: 1h/5m at 14.4× and 6h/30m at 6×; ticket: 1d/2h at 3× and 3d/6h at 1× (the SRE workbook's, for
   *  a 30-day window; for another window, the rates that burn the same shares of its budget: see `pageWindows`) */
  readonly windows?: readonly BurnWindow[];
  /** @default 'critical' for the page, 'warning' for the ticket */
  readonly severity?: Severity;
  /** @default '2m' for the page, '15m' for the ticket */
  readonly for?: Duration;
}

/** Errors over all events: two counters (or one counter narrowed with `where`). */
export interface RatioSli {
  readonly errors: Series<'counter', string>;
  readonly total: Series<'counter', string>;
}

/** A histogram whose observations above `threshold` (a bucket boundary) are errors. */
export interface LatencySli<L extends string> {
  readonly latency: {
    readonly name: string;
    readonly buckets?: readonly number[];
    readonly bucket: Series<'counter', L | 'le'>;
    readonly count: Series<'counter', L>;
  };
  readonly threshold: number;
  /** Narrows the histogram's series, e.g. `{ job: 'checkout', route: '/pay' }`. @default {} */
  readonly where?: Matchers<L>;
}

export interface SloOptions<L extends string> {
  /** Names the objective: the `slo` label of its rules and alerts, e.g. 'checkout-availability'. */
  readonly name: string;
  /** Percent of good events over the window, e.g. 99.9. */
  readonly objective: number;
  /** @default '30d' */
  readonly window?: Duration;
  readonly sli: RatioSli | LatencySli<L>;
  /** Name of the burn-rate alerts (the page and the ticket share it; severity tells them apart).
   *  @default the objective's name in PascalCase + 'ErrorBudgetBurn' */
  readonly alertName?: string;
  /** Urgent: the budget burns fast. `false`: no page. @default {} */
  readonly page?: SloAlertOptions | false;
  /** Not urgent: the budget burns slowly but steadily. `false`: no ticket. @default {} */
  readonly ticket?: SloAlertOptions | false;
  /** Static labels of every rule and alert, e.g. `{ team: 'payments' }`. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Runbook link of the alerts. */
  readonly runbook?: string;
}

/** The SRE workbook's windows, as the share of the window's error budget each may burn before it alerts: 2% in an
 *  hour and 5% in 6 hours page, 10% in a day or in 3 days make a ticket. Over 30 days those are burn rates of 14.4,
 *  6, 3 and 1; over another window the rate follows the share (28 days: 13.44, 5.6, 2.8, 0.933), as in Sloth. */
export const pageWindows = [{ long: '1h', short: '5m', budgetShare: 0.02 }, { long: '6h', short: '30m', budgetShare: 0.05 }] as const;
export const ticketWindows = [{ long: '1d', short: '2h', budgetShare: 0.1 }, { long: '3d', short: '6h', budgetShare: 0.1 }] as const;

/** The burn rate at which a window spends `budgetShare` of the objective's budget. */
function factorOf(window: Duration, w: { readonly long: Duration; readonly budgetShare: number }): number {
  return Number(((w.budgetShare * seconds(window)) / seconds(w.long)).toPrecision(10));
}

export interface SloDefinition {
  readonly [tag]: 'slo';
  readonly name: string;
  readonly objective: number;
  /** 1 - objective / 100, from the objective's decimals: 99.9 gives '0.001', not 0.0010000000000000009. */
  readonly budget: string;
  readonly window: Duration;
  readonly sli: { readonly kind: 'ratio'; readonly errors: string; readonly total: string } |
    { readonly kind: 'latency'; readonly histogram: string; readonly good: string; readonly total: string; readonly threshold: number };
  readonly labels: Readonly<Record<string, string>>;
  readonly alerts: readonly { readonly name: string; readonly severity: Severity; readonly for: Duration; readonly windows: readonly BurnWindow[] }[];
  /** The objective's rules: one group, `slo-<name>`, to list in the stack's `groups`. */
  readonly group: RuleGroupDefinition;
  /** The error ratio per window, by window: `errorRatio['1h']`. */
  readonly errorRatio: Readonly<Record<string, Recording<string>>>;
  /** The share of the window's error budget left (1: untouched, 0: spent, below 0: overspent). */
  readonly budgetRemaining: Recording<string>;
  /** Panels: the budget left, the burn rate per alert window, the SLI against the objective. */
  readonly panels: { readonly budget: PanelDefinition; readonly burnRate: PanelDefinition; readonly sli: PanelDefinition };
  readonly uses: readonly Defined[];
  readonly source: SourceRef;
}

/** 1 - objective / 100 in decimal, so the rules read `0.001` for 99.9. */
function budgetOf(objective: number): string {
  const decimals = (String(objective).split('.')[1] ?? '').length + 2;
  return String(Number(((100 - objective) / 100).toFixed(Math.min(decimals, 20))));
}

function pascal(name: string): string {
  return name.split(/[^a-zA-Z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** Seconds of a duration; NaN when it is none (validation says so, at the objective). */
function seconds(d: string): number {
  return (parseDuration(d) ?? Number.NaN) / 1000;
}

/**
 * A service-level objective, compiled into the SLI's error ratio per window, the error budget left, and
 * multi-window burn-rate alerts with derived promtool tests. List `.group` in the stack's `groups` and `slos`.
 * @example const availability = slo({ name: 'checkout-availability', objective: 99.9,
 *   sli: { errors: requests.where({ job: 'checkout', status: /5../ }), total: requests.where({ job: 'checkout' }) } });
 */
export function slo<L extends string>(o: SloOptions<L>): SloDefinition {
  return sloAt(o, callSite());
}

/** slo(), located at `source` (an objective read from a file: its place in that file). */
export function sloAt<L extends string>(o: SloOptions<L>, source: SourceRef): SloDefinition {
  const window = o.window ?? '30d';
  const budget = budgetOf(o.objective);
  const labels = { ...o.labels, slo: o.name };
  const alertName = o.alertName ?? `${pascal(o.name)}ErrorBudgetBurn`;
  const alerts = [
    ...(o.page === false ? [] : [{ name: alertName, severity: o.page?.severity ?? 'critical', for: o.page?.for ?? '2m', windows: o.page?.windows ?? pageWindows.map((w) => ({ long: w.long, short: w.short, factor: factorOf(window, w) })) }] as const),
    ...(o.ticket === false ? [] : [{ name: alertName, severity: o.ticket?.severity ?? 'warning', for: o.ticket?.for ?? '15m', windows: o.ticket?.windows ?? ticketWindows.map((w) => ({ long: w.long, short: w.short, factor: factorOf(window, w) })) }] as const),
  ];

  // the SLI: errors and all events, as counters
  let errorsOver: (w: Duration) => ReturnType<typeof promql>;
  let sli: SloDefinition['sli'];
  if ('errors' in o.sli) {
    const { errors, total } = o.sli;
    errorsOver = (w) => promql`${sum(rate(errors, w))} / ${sum(rate(total, w))}`;
    sli = { kind: 'ratio', errors: selectorText(errors), total: selectorText(total) };
  } else {
    const { latency, threshold } = o.sli;
    const where = (o.sli.where ?? {}) as Matchers<L>;
    const good = latency.bucket.where({ ...where, le: String(threshold) } as Matchers<L | 'le'>);
    const total = latency.count.where(where);
    errorsOver = (w) => promql`1 - (${sum(rate(good, w))} / ${sum(rate(total, w))})`;
    sli = { kind: 'latency', histogram: latency.name, good: selectorText(good), total: selectorText(total), threshold };
  }

  // one error ratio per window the alerts use, the shortest also feeding the whole window's average
  const windows = [...new Set(alerts.flatMap((a) => a.windows.flatMap((w) => [w.short, w.long])))].sort((a, b) => seconds(a) - seconds(b));
  if (windows.length === 0) windows.push('5m');
  const errorRatio: Record<string, Recording<string>> = {};
  for (const w of windows) {
    errorRatio[w] = record(`slo:sli_error:ratio_rate${w}`, errorsOver(w), { labels, unit: 'ratio' });
  }
  const shortest = errorRatio[windows[0]!]!;
  // rules over rules: stackc derives no test for them, so they carry their own (a quarter of the events failing,
  // and half the budget spent: values exact in binary floating point, as promtool compares them)
  const overWindow = record(`slo:sli_error:ratio_rate${window}`, promql`avg_over_time(${shortest}[${window}])`, {
    labels, unit: 'ratio',
    tests: [ruleTest({ name: `the average of the ${windows[0]} error ratio`, input: [input(shortest, {}, '0.25x40')], at: '10m', expect: [{ value: 0.25 }] })],
  });
  errorRatio[window] = overWindow;
  const spent = Number(budget) / 2;
  const budgetRemaining = record('slo:error_budget_remaining:ratio', promql`1 - ${overWindow} / ${Number(budget)}`, {
    labels, unit: 'ratio',
    tests: [ruleTest({ name: 'half the budget spent leaves half', input: [input(overWindow, {}, `${spent}x40`)], at: '10m', expect: [{ value: 1 - spent / Number(budget) }] })],
  });

  const alertRules: AlertDefinition[] = alerts.map((a, i) => {
    const condition = a.windows
      .map((w) => `(${selectorText(errorRatio[w.long]!)} > (${w.factor} * ${budget}) and ${selectorText(errorRatio[w.short]!)} > (${w.factor} * ${budget}))`)
      .join('\nor\n');
    const pairs = a.windows.map((w) => `${w.factor}× over ${w.long} and ${w.short}`).join(', or ');
    return {
      [tag]: 'alert',
      name: a.name,
      exprText: condition,
      exprSource: source,
      uses: [...Object.values(errorRatio)],
      for: a.for,
      severity: a.severity,
      // the error ratios carry the objective's labels already
      labels: { severity: a.severity },
      annotations: {
        summary: `${o.name} is burning its error budget ${i === 0 && o.page !== false ? 'fast' : 'steadily'}`,
        description: `The error ratio of ${o.name} is above the rate that spends its ${window} budget (${budget} of events, objective ${o.objective}%): ${pairs}.`,
        ...(o.runbook !== undefined ? { runbook_url: o.runbook } : {}),
      },
      tests: [],
      slo: o.name,
      source,
    };
  });

  const group = ruleGroup(`slo-${o.name}`, { rules: [...windows.map((w) => errorRatio[w]!), overWindow, budgetRemaining, ...alertRules] });
  const ratio = (r: Recording<string>) => promql`${r}`;
  const panels = {
    budget: panel.stat(budgetRemaining, {
      title: `${o.name}: error budget left (${window})`,
      description: `Share of the ${window} error budget (${budget} of events) not yet spent; below 0 the objective of ${o.objective}% is missed.`,
      unit: 'ratio', max: 1,
      thresholds: override({ warning: { below: 0.25 }, critical: { below: 0 } }, 'the objective is missed when the budget left falls below 0'),
    }),
    burnRate: panel.timeseries({
      title: `${o.name}: burn rate`,
      description: `Error ratio divided by the budget (${budget}): 1 spends the budget exactly over ${window}.`,
      unit: 'none',
      queries: windows.map((w) => ({ expr: promql`${errorRatio[w]!} / ${Number(budget)}`, legend: w })),
      thresholds: override([...new Set(alerts.flatMap((a) => a.windows.map((w) => w.factor)))].sort((a, b) => a - b), 'the burn rates the alerts fire at'),
    }),
    sli: panel.timeseries({
      title: `${o.name}: SLI against its ${o.objective}% objective`,
      description: `Share of good events over ${windows[0]} and ${window}.`,
      unit: 'ratio', max: 1,
      queries: [
        { expr: promql`1 - ${ratio(shortest)}`, legend: windows[0] },
        { expr: promql`1 - ${ratio(overWindow)}`, legend: window },
      ],
      thresholds: override({ critical: { below: o.objective / 100 } }, `the objective, ${o.objective}%`),
    }),
  };
  return {
    [tag]: 'slo', name: o.name, objective: o.objective, budget, window, sli, labels, alerts, group, errorRatio, budgetRemaining, panels,
    uses: [...Object.values(errorRatio), budgetRemaining], source,
  };
}
