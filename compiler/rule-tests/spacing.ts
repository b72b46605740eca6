// How far apart the samples of a derived test's input series are, so that promtool can always run the test.
// promtool's test engine refuses a query that loads more than 10,000 samples ("query processing would load too many
// samples into memory"), and it evaluates every rule of the file at every evaluation step. A rule over [3d] fed a
// sample every 15 s needs 17,281 samples per series and 17,280 evaluations; one sample every 5 minutes keeps the same
// prediction with 865 and 864.
import type { Stack } from '../model.ts';
import { parsePromQL, selectorsIn } from '../promql/ast.ts';

/** promtool's MaxSamples for `test rules`. */
export const promtoolMaxSamples = 10_000;
/** Half of it: the other rules of the file also record series from the same inputs at every step. */
const sampleBudget = promtoolMaxSamples / 2;
/** Spacings tried after the scrape interval, in seconds: round durations a reader recognises. */
const coarser = [60, 300, 900, 3600, 6 * 3600, 24 * 3600];

export interface Spacing {
  /** Seconds between two input samples, and between two rule evaluations of the test. */
  readonly interval: number;
  /** The evaluation time, in seconds: past the longest window, a whole number of minutes and of intervals. */
  readonly at: number;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The evaluation time for windows up to `longest` seconds: the window, then two more intervals (at least 2 min). */
function evaluationTime(longest: number, interval: number): number {
  const unit = (60 * interval) / gcd(60, interval);
  return Math.ceil((Math.max(300, longest) + Math.max(120, 2 * interval)) / unit) * unit;
}

/** Samples one every `interval` seconds in a window of `seconds` ending on one: 3 leaves out the window's start. */
function samplesIn(seconds: number, interval: number, target: Stack['target']['prometheus']): number {
  return target === '3' ? Math.ceil(seconds / interval) : Math.floor(seconds / interval) + 1;
}

const selectorCounts = new WeakMap<Stack, number>();

/** The most series selectors in one rule of the stack: a query that selects the same inputs k times loads them k times. */
function mostSelectorsPerRule(stack: Stack): number {
  const known = selectorCounts.get(stack);
  if (known !== undefined) return known;
  let most = 1;
  for (const rule of stack.ruleGroups.flatMap((g) => g.rules)) {
    const parsed = parsePromQL(rule.expr.text);
    if (parsed.ok) most = Math.max(most, selectorsIn(parsed.ast).length);
  }
  selectorCounts.set(stack, most);
  return most;
}

/**
 * The finest spacing, starting at the scrape interval, under which the test's inputs stay within promtool's sample
 * limit; undefined when even the coarsest one leaves the rule's shortest window with fewer than two samples.
 */
export function spacingFor(stack: Stack, scrapeSeconds: number, inputSeries: number, windows: readonly number[]): Spacing | undefined {
  const longest = Math.max(0, ...windows);
  const shortest = Math.min(...windows.filter((w) => w > 0));
  const k = mostSelectorsPerRule(stack);
  for (const interval of [scrapeSeconds, ...coarser.filter((s) => s > scrapeSeconds)]) {
    // rate() and the *_over_time functions need two samples in their window to say anything
    if (Number.isFinite(shortest) && samplesIn(shortest, interval, stack.target.prometheus) < 2) return undefined;
    const at = evaluationTime(longest, interval);
    if (inputSeries * (at / interval + 1) * k <= sampleBudget) return { interval, at };
  }
  return undefined;
}
