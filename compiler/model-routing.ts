// The model of Alertmanager's routing tree: routes chosen by label matchers, nested, with `continue`, their own
// grouping and timing, schedules that mute or activate them, and inhibitions written in the stack.
// Plain readonly data like compiler/model.ts; dsl/routing.ts builds it.
import type { SourceRef } from './model.ts';

/** Alertmanager's four matcher operators: equal, not equal, regex match, regex non-match (anchored). */
export const matchOps = ['=', '!=', '=~', '!~'] as const;
export type MatchOp = (typeof matchOps)[number];

/** `team="payments"`: a label absent from an alert is matched as the empty string, as Alertmanager does. */
export interface Matcher {
  readonly label: string;
  readonly op: MatchOp;
  readonly value: string;
}

export interface Route {
  readonly kind: 'route';
  /** Every matcher must hold for an alert to take this route; none matches every alert. */
  readonly matchers: readonly Matcher[];
  /** Receiver name; absent: the parent's. */
  readonly receiver?: string;
  /** After this route matched, keep trying the routes after it. */
  readonly continue: boolean;
  /** Grouping and timing; absent: the parent's. */
  readonly groupBy?: readonly string[];
  readonly groupWait?: string;
  readonly groupInterval?: string;
  readonly repeatInterval?: string;
  /** Names of time intervals during which notifications are muted / outside which they are muted. */
  readonly muteWhen: readonly string[];
  readonly activeWhen: readonly string[];
  readonly routes: readonly Route[];
  /** Set on the routes the severity form (`routes: { critical, warning, info }`) expands to: they exist for every
   *  severity whether or not an alert has it, so an unreached one is not an error. */
  readonly derived: boolean;
  readonly source: SourceRef;
}

/** One `time_intervals` entry of Alertmanager: each field narrows, an absent field does not. */
export interface TimeRange {
  /** `'09:00'`–`'17:00'` in 24-hour time; end may be `'24:00'`. */
  readonly times: readonly { readonly start: string; readonly end: string }[];
  /** `'monday'` or a range `'monday:friday'`. */
  readonly weekdays: readonly string[];
  /** `'1'`, `'1:5'`, `'-1'` (the last day). */
  readonly daysOfMonth: readonly string[];
  /** `'january'`, `'1:3'`. */
  readonly months: readonly string[];
  readonly years: readonly string[];
  /** IANA time zone the times are in; absent: UTC. */
  readonly location?: string;
}

export interface TimeInterval {
  readonly kind: 'time-interval';
  readonly name: string;
  readonly ranges: readonly TimeRange[];
  readonly source: SourceRef;
}

/** While an alert matching `sourceMatchers` fires, alerts matching `targetMatchers` with the same `equal` labels
 *  are not notified. */
export interface Inhibition {
  readonly kind: 'inhibition';
  readonly sourceMatchers: readonly Matcher[];
  readonly targetMatchers: readonly Matcher[];
  readonly equal: readonly string[];
  readonly source: SourceRef;
}
