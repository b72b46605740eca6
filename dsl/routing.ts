// The routing tree in the DSL: routes chosen by label matchers, time intervals that mute or activate them, and
// inhibitions. Receivers and intervals are objects, so a route cannot name one that does not exist.
import type { Matcher, TimeRange } from '../compiler/model-routing.ts';
import type { SourceRef } from '../compiler/model.ts';
import type { ReceiverDefinition } from './alerting.ts';
import type { Duration, MatchValue } from './series.ts';
import { callSite } from './source.ts';

/** Matchers on alert labels: a string for `=`, a RegExp for `=~` (anchored, as Alertmanager does), `not(...)` for
 *  `!=` / `!~`. Any label the stack's alerts carry: `alertname`, `severity`, static labels, labels of the expression. */
export type AlertMatch = Readonly<Record<string, MatchValue>>;

/** The model's matchers of `match`, sorted by label so the output does not depend on key order. */
export function matchersOf(match: AlertMatch | undefined): Matcher[] {
  return Object.entries(match ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([label, v]): Matcher => {
    if (typeof v === 'string') return { label, op: '=', value: v };
    if (v instanceof RegExp) return { label, op: '=~', value: regexValue(v) };
    const not = v.not;
    return typeof not === 'string' ? { label, op: '!=', value: not } : { label, op: '!~', value: regexValue(not) };
  });
}

/** A RegExp's source; flags have no Alertmanager equivalent, so they are kept visible for validation to refuse. */
function regexValue(re: RegExp): string {
  return re.flags ? `(?${re.flags})${re.source}` : re.source;
}

type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export interface TimeRangeOptions {
  /** Times of day, 24-hour `HH:MM`; `end` may be `'24:00'`. @default the whole day */
  readonly times?: readonly { readonly start: `${number}:${number}`; readonly end: `${number}:${number}` }[];
  /** Days or ranges of days. @default every day */
  readonly weekdays?: readonly (Weekday | `${Weekday}:${Weekday}`)[];
  /** Days of the month, ranges (`'1:7'`) and negatives from the end (`'-1'`). @default every day */
  readonly daysOfMonth?: readonly string[];
  /** Months by name or number, or ranges (`'december:february'`). @default every month */
  readonly months?: readonly string[];
  /** Years or ranges (`'2025:2026'`). @default every year */
  readonly years?: readonly string[];
  /** IANA time zone of `times`, e.g. `'Europe/Berlin'`. @default UTC */
  readonly location?: string;
}

export interface TimeIntervalDefinition {
  readonly name: string;
  readonly ranges: readonly TimeRange[];
  readonly source: SourceRef;
}

/**
 * A named schedule for `muteWhen` / `activeWhen`; several ranges mean any of them.
 * @example const weekends = timeInterval('weekends', { weekdays: ['saturday', 'sunday'], location: 'Europe/Berlin' });
 */
export function timeInterval(name: string, ranges: TimeRangeOptions | readonly TimeRangeOptions[]): TimeIntervalDefinition {
  const list = (Array.isArray(ranges) ? ranges : [ranges]) as readonly TimeRangeOptions[];
  return {
    name,
    ranges: list.map((r): TimeRange => ({
      times: [...(r.times ?? [])], weekdays: [...(r.weekdays ?? [])], daysOfMonth: [...(r.daysOfMonth ?? [])],
      months: [...(r.months ?? [])], years: [...(r.years ?? [])], ...(r.location ? { location: r.location } : {}),
    })),
    source: callSite(),
  };
}

export interface RouteOptions {
  /** Labels an alert must carry to take this route. @default every alert */
  readonly match?: AlertMatch;
  /** Who is notified. @default the parent route's receiver */
  readonly receiver?: ReceiverDefinition;
  /** Keep trying the routes after this one once it matched (an alert then reaches several receivers). @default false */
  readonly continue?: boolean;
  /** Labels alerts of this route are grouped by. @default the parent's */
  readonly groupBy?: readonly string[];
  /** @default the parent's */
  readonly groupWait?: Duration;
  /** @default the parent's */
  readonly groupInterval?: Duration;
  /** @default the parent's */
  readonly repeatInterval?: Duration;
  /** Schedules during which this route's notifications are held back. @default none */
  readonly muteWhen?: readonly TimeIntervalDefinition[];
  /** Schedules outside which this route's notifications are held back. @default always */
  readonly activeWhen?: readonly TimeIntervalDefinition[];
  /** Routes tried in order for the alerts this one matched. @default none */
  readonly routes?: readonly RouteDefinition[];
}

export interface RouteDefinition {
  readonly options: RouteOptions;
  readonly source: SourceRef;
}

/**
 * A route of the routing tree. Every route must be reachable by an alert of the stack, or the stack does not compile.
 * @example route({ match: { team: 'payments' }, receiver: payments, routes: [route({ match: { severity: 'critical' }, receiver: paymentsPager })] })
 */
export function route(options: RouteOptions): RouteDefinition {
  return { options, source: callSite() };
}

export interface InhibitOptions {
  /** The alert whose firing silences others. */
  readonly source: AlertMatch;
  /** The alerts it silences. */
  readonly target: AlertMatch;
  /** Labels source and target must share for the silence to hold (e.g. the same namespace). @default none: any target */
  readonly equal?: readonly string[];
}

export interface InhibitDefinition {
  readonly options: InhibitOptions;
  readonly source: SourceRef;
}

/**
 * An inhibition besides those stackc derives (a threshold family's higher level silences its lower ones).
 * @example inhibit({ source: { alertname: 'DatabaseDown' }, target: { team: 'payments' }, equal: ['namespace'] })
 */
export function inhibit(options: InhibitOptions): InhibitDefinition {
  return { options, source: callSite() };
}
