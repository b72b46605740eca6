// What a judge says about one compiled stack. A judge is a real tool (promtool, amtool, the Kubernetes schemas,
// Grafana's types, a live Prometheus) run on the files stackc emitted; none of them is stackc's own code.
import type { SourceRef } from '../model.ts';

/** One thing a judge rejected, mapped back to the stack where it can be (the rule, the route, the panel). */
export interface JudgeFailure {
  readonly message: string;
  /** The definition in the stack file that produced what failed, when the failure maps back to one. */
  readonly where?: SourceRef;
  /** Logical path, e.g. ['platform', 'platform_health', 'alert HighCPUUsage']. */
  readonly path?: readonly string[];
}

/** The verdict of one judge on one stack: one line of `verify`'s output, then its failures. */
export interface JudgeResult {
  /** Short stable name, e.g. `promtool check rules`. */
  readonly judge: string;
  readonly stack: string;
  /** `skipped` when the judge cannot run here (the reason is in `summary`); it never counts as passed. */
  readonly status: 'passed' | 'failed' | 'skipped';
  /** One line: what was judged and the figures, e.g. `22 alerts, 18 recording rules`. */
  readonly summary: string;
  readonly failures: readonly JudgeFailure[];
}
