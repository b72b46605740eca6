// Phase values and the health score come from the stack's thresholds (the shop fixture's gauges, and a health score
// gauge the test declares); the schedule parser says what is wrong.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { healthPoints, healthScore } from '../../exporter/health.ts';
import { parseSchedule, stepAt } from '../../exporter/schedule.ts';
import type { MetricSpec } from '../../exporter/spec.ts';
import { levelOf, phaseBand, pointIn, type Level } from '../../exporter/thresholds.ts';
import type { GaugeHandle } from '../../exporter/typed.ts';
import { specs } from '../types/shop/registry.gen.ts';
import { healthScoreSpec } from './helpers.ts';

const thresholded = [...Object.values(specs), healthScoreSpec].filter((s) => s.kind === 'gauge' && s.thresholds.some((t) => t.severity !== 'info')) as MetricSpec<string>[];

/** A threshold's value, by severity. */
function thresholdOf(spec: MetricSpec<string>, severity: 'warning' | 'critical'): number {
  return spec.thresholds.find((t) => t.severity === severity)!.value;
}

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
  // Past the last `above` threshold the band runs to the top of the unit's range; a `below` warning band ends at critical.
  assert.equal(phaseBand(specs.diskUsagePercent, 'critical'), [thresholdOf(specs.diskUsagePercent, 'critical'), 100]);
  assert.equal(phaseBand(specs.cacheHitRatio, 'warning'), [thresholdOf(specs.cacheHitRatio, 'critical'), thresholdOf(specs.cacheHitRatio, 'warning')]);
});

function gauge(spec: MetricSpec<string>, ...values: number[]): GaugeHandle {
  return { spec, values: async () => values };
}

/** A value in the middle of the gauge's band of that level. */
const at = (spec: MetricSpec<string>, level: Level) => pointIn(phaseBand(spec, level), 0.5);

test('health score: mean of points per series, points from the score gauge\'s own bands', async () => {
  const points = healthPoints(healthScoreSpec);
  assert.equal(points, { ok: 100, warning: 65, critical: 20 });
  const { diskUsagePercent: disk, cacheHitRatio: cache, fulfilmentQueueDepth: queue } = specs;
  assert.is(await healthScore([], points), 100);
  assert.is(await healthScore([gauge(disk, at(disk, 'ok')), gauge(cache, at(cache, 'ok'))], points), 100);
  assert.is(await healthScore([gauge(disk, at(disk, 'warning')), gauge(cache, at(cache, 'ok'))], points), 82.5);
  assert.is(await healthScore([gauge(disk, at(disk, 'critical')), gauge(cache, at(cache, 'warning')), gauge(queue, at(queue, 'ok'))], points), 61.7);
  // A labelled gauge counts once per series.
  assert.is(await healthScore([gauge(queue, at(queue, 'ok'), at(queue, 'ok'), at(queue, 'critical'))], points), 73.3);
  const warningAll = await healthScore(thresholded.filter((s) => s !== healthScoreSpec).map((s) => gauge(s, at(s, 'warning'))), points);
  assert.is(levelOf(healthScoreSpec, warningAll), 'warning', `all gauges at warning → score ${warningAll} is in the score's warning band`);
});

test('a health score gauge without a range and below-thresholds is refused with what to declare', () => {
  assert.throws(() => healthPoints(specs.diskUsagePercent), /needs a range and warning and critical thresholds with "below"/);
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
