// Phase values and the health score come from the stack's thresholds; the schedule parser says what is wrong.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { specs } from '../../out/platform/exporter/registry.gen.ts';
import { healthPoints, healthScore } from '../../exporter/health.ts';
import { parseSchedule, stepAt } from '../../exporter/schedule.ts';
import type { MetricSpec } from '../../exporter/spec.ts';
import { levelOf, phaseBand, pointIn, type Level } from '../../exporter/thresholds.ts';
import type { GaugeHandle } from '../../exporter/typed.ts';

const thresholded = Object.values(specs).filter((s) => s.kind === 'gauge' && s.thresholds.some((t) => t.severity !== 'info')) as MetricSpec<string>[];

test('every phase value of every thresholded gauge lies in its phase: inside, between warning and critical, past critical', () => {
  for (const spec of thresholded) {
    const hasCritical = spec.thresholds.some((t) => t.severity === 'critical');
    const hasWarning = spec.thresholds.some((t) => t.severity === 'warning');
    for (const position of [0, 0.5, 1]) {
      assert.is(levelOf(spec, pointIn(phaseBand(spec, 'ok'), position)), 'ok', `${spec.name} normal`);
      if (hasWarning) assert.is(levelOf(spec, pointIn(phaseBand(spec, 'warning'), position)), 'warning', `${spec.name} warning`);
      const worst: Level = hasCritical ? 'critical' : 'warning';
      assert.is(levelOf(spec, pointIn(phaseBand(spec, 'critical'), position)), worst, `${spec.name} critical`);
    }
  }
});

test('phase values stay inside the unit range: percent 0–100, ratio 0–1', () => {
  for (const spec of thresholded.filter((s) => s.unit === 'percent' || s.unit === 'ratio')) {
    const top = spec.unit === 'percent' ? 100 : 1;
    for (const level of ['ok', 'warning', 'critical'] as const) {
      const [low, high] = phaseBand(spec, level);
      assert.ok(low >= 0 && high <= top, `${spec.name} ${level}: ${low}..${high}`);
    }
  }
  assert.equal(phaseBand(specs.cpuUsagePercent, 'critical'), [90, 100]);
  assert.equal(phaseBand(specs.mlModelAccuracyRatio, 'warning').map((x) => Number(x.toFixed(6))), [0.7, 0.85]);
});

function gauge(spec: MetricSpec<string>, ...values: number[]): GaugeHandle {
  return { spec, values: async () => values };
}

test('health score: mean of points per series, points from the score gauge\'s own bands', async () => {
  const points = healthPoints(specs.systemHealthScore);
  assert.equal(points, { ok: 100, warning: 70, critical: 30 });
  assert.is(await healthScore([], points), 100);
  assert.is(await healthScore([gauge(specs.cpuUsagePercent, 40), gauge(specs.memoryUsagePercent, 50)], points), 100);
  assert.is(await healthScore([gauge(specs.cpuUsagePercent, 85), gauge(specs.memoryUsagePercent, 50)], points), 85);
  assert.is(await healthScore([gauge(specs.cpuUsagePercent, 95), gauge(specs.errorRatePercent, 12), gauge(specs.memoryUsagePercent, 90)], points), 43.3);
  // A labelled gauge counts once per series.
  assert.is(await healthScore([gauge(specs.healingActionRunningSeconds, 0, 0, 400)], points), 76.7);
  const warningAll = await healthScore(thresholded.filter((s) => s.name !== 'system_health_score').map((s) => gauge(s, pointIn(phaseBand(s, 'warning'), 0.5))), points);
  assert.is(levelOf(specs.systemHealthScore, warningAll), 'warning', `all gauges at warning → score ${warningAll} is in the score's warning band`);
});

test('a health score gauge without a range and below-thresholds is refused with what to declare', () => {
  assert.throws(() => healthPoints(specs.cpuUsagePercent), /needs a range and warning and critical thresholds with "below"/);
});

test('schedules: parsed, stepped through, and bad steps named', () => {
  const s = parseSchedule('normal:10s,critical:1m40s,normal:1m');
  assert.equal(s, [{ phase: 'normal', seconds: 10 }, { phase: 'critical', seconds: 100 }, { phase: 'normal', seconds: 60 }]);
  assert.is(stepAt(s, 5, false).index, 0);
  assert.is(stepAt(s, 10, false).step.phase, 'critical');
  assert.is(stepAt(s, 500, false).index, 2);
  assert.is(stepAt(s, 175, true).index, 0);
  assert.throws(() => parseSchedule('normal:10s,panic:5s'), /bad schedule step "panic:5s"/);
  assert.throws(() => parseSchedule('normal:ten'), /bad schedule step "normal:ten"/);
  assert.throws(() => parseSchedule(''), /empty schedule/);
});

test.run();
