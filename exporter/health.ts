// The system health score the seed exports, computed from current values against the stack's thresholds.
//
// Formula: every series of every gauge that has a warning or critical threshold (the score itself excluded)
// gets points by its level: inside all thresholds → the top of the score's range; past warning → the middle
// of the score's own warning band; past critical → the middle of its critical band. The score is the mean,
// rounded to 0.1; with no series it is the top of the range. So a stack whose gauges are all at warning sits
// in the score's warning band, all at critical in its critical band, and the score's alerts agree with the others.
import type { MetricSpec } from './spec.ts';
import { levelOf, hasAlertingThresholds, type Level } from './thresholds.ts';
import type { GaugeHandle } from './typed.ts';

export type HealthPoints = Readonly<Record<Level, number>>;

/** Points per level, from the score gauge's range and its `below` warning and critical thresholds. */
export function healthPoints(score: MetricSpec<string>): HealthPoints {
  const warning = score.thresholds.find((t) => t.severity === 'warning' && t.direction === 'below');
  const critical = score.thresholds.find((t) => t.severity === 'critical' && t.direction === 'below');
  if (!score.range || !warning || !critical) {
    throw new Error(
      `the health score ${score.name} needs a range and warning and critical thresholds with "below" ` +
        `(e.g. range: [0, 100], thresholds: { warning: { below: 80 }, critical: { below: 60 } }) to define its points`,
    );
  }
  return { ok: score.range[1], warning: (warning.value + critical.value) / 2, critical: (score.range[0] + critical.value) / 2 };
}

/** The gauges the score reads: those with alerting thresholds, except the score. */
export function healthInputs(score: GaugeHandle, candidates: Iterable<unknown>): GaugeHandle[] {
  return [...candidates].filter(
    (m): m is GaugeHandle => isGauge(m) && m !== score && hasAlertingThresholds(m.spec),
  );
}

function isGauge(m: unknown): m is GaugeHandle {
  return typeof m === 'object' && m !== null && 'spec' in m && 'values' in m && (m as GaugeHandle).spec.kind === 'gauge';
}

export async function healthScore(inputs: readonly GaugeHandle[], points: HealthPoints): Promise<number> {
  let total = 0;
  let count = 0;
  for (const gauge of inputs) {
    for (const value of await gauge.values()) {
      total += points[levelOf(gauge.spec, value)];
      count += 1;
    }
  }
  return count === 0 ? points.ok : Math.round((total / count) * 10) / 10;
}
