// Service-level objectives in the model. An objective's recording rules and burn-rate alerts are ordinary rules
// of the stack's `ruleGroups` (one group per objective), so every check, emitter and judge applies to them; this
// is what only objectives have: what the SLI selects (checked to be the stack's own series, fed by the derived
// tests) and the alerting policy (the burn-rate windows the derived tests prove, the page/ticket inhibition).
import type { Expression, Severity, SourceRef } from './model.ts';

/** One multi-window condition: the error ratio over both windows above `factor` × the error budget. */
export interface BurnWindow {
  readonly long: string;
  readonly short: string;
  readonly factor: number;
}

/** One alert of an objective (the page or the ticket): it fires when any of its windows burns. */
export interface SloAlert {
  readonly name: string;
  readonly severity: Severity;
  readonly for: string;
  readonly windows: readonly BurnWindow[];
}

/** What counts as an error: a counter of errors over a counter of all events, or requests slower than a bucket
 *  boundary of a histogram. Selectors are PromQL text, as the rules use them. */
export type Sli =
  | { readonly kind: 'ratio'; readonly errors: Expression; readonly total: Expression }
  | { readonly kind: 'latency'; readonly histogram: string; readonly good: Expression; readonly total: Expression; readonly threshold: number };

export interface Slo {
  readonly kind: 'slo';
  readonly name: string;
  /** Percent of events that must be good over `window`, e.g. 99.9. */
  readonly objective: number;
  /** The error budget as PromQL prints it: 1 - objective / 100, written from the objective's decimals (0.001). */
  readonly budget: string;
  readonly window: string;
  readonly sli: Sli;
  /** The static labels every rule of the objective carries; `slo` names it. */
  readonly labels: Readonly<Record<string, string>>;
  /** The rule group holding the objective's rules. */
  readonly group: string;
  /** Page first, then ticket; either may be switched off. */
  readonly alerts: readonly SloAlert[];
  readonly source: SourceRef;
}
