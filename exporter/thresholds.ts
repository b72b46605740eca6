// Where a value stands against a gauge's thresholds, and which values lie in each band. The health score
// and the simulation both read the stack's thresholds through these, so neither repeats a number of the stack.
import type { MetricSpec, ThresholdSpec } from './spec.ts';

/** The alerting levels; `info` thresholds do not make a series unhealthy. */
export type Level = 'ok' | 'warning' | 'critical';

function past(t: ThresholdSpec, value: number): boolean {
  return t.direction === 'above' ? value > t.value : value < t.value;
}

/** The most severe alerting threshold the value is past, or `ok`. */
export function levelOf(spec: MetricSpec<string>, value: number): Level {
  const crossed = spec.thresholds.filter((t) => t.severity !== 'info' && past(t, value));
  if (crossed.some((t) => t.severity === 'critical')) return 'critical';
  return crossed.length ? 'warning' : 'ok';
}

/** True when the gauge has a warning or critical threshold. */
export function hasAlertingThresholds(spec: MetricSpec<string>): boolean {
  return spec.thresholds.some((t) => t.severity !== 'info');
}

export type Band = readonly [low: number, high: number];

/** The declared range, else the one the unit implies (percent 0–100, ratio 0–1). */
export function rangeOf(spec: MetricSpec<string>): Band | undefined {
  if (spec.range) return spec.range;
  return spec.unit === 'percent' ? [0, 100] : spec.unit === 'ratio' ? [0, 1] : undefined;
}

/** Values inside every threshold (any severity): below all `above` levels and above all `below` levels. */
export function normalBand(spec: MetricSpec<string>): Band {
  const aboves = spec.thresholds.filter((t) => t.direction === 'above').map((t) => t.value);
  const belows = spec.thresholds.filter((t) => t.direction === 'below').map((t) => t.value);
  const range = rangeOf(spec);
  const high0 = aboves.length ? Math.min(...aboves) : range?.[1];
  const low0 = belows.length ? Math.max(...belows) : range?.[0];
  const low = low0 ?? (high0 === undefined || high0 > 0 ? 0 : high0 - 1);
  const high = high0 ?? low + Math.max(Math.abs(low), 1);
  return [low, high];
}

const order = { info: 0, warning: 1, critical: 2 } as const;

/**
 * Values past `level`'s threshold but not past a more severe one: from the threshold to the next more severe
 * threshold in the same direction, else as wide again as the band before it, clamped to the gauge's range.
 * Undefined when the gauge has no threshold of that severity.
 */
export function levelBand(spec: MetricSpec<string>, level: 'warning' | 'critical'): Band | undefined {
  const t = spec.thresholds.find((x) => x.severity === level);
  if (!t) return undefined;
  const sign = t.direction === 'above' ? 1 : -1;
  const same = spec.thresholds.filter((x) => x.direction === t.direction);
  const worse = same.filter((x) => order[x.severity] > order[level]).map((x) => x.value * sign);
  const milder = same.filter((x) => order[x.severity] < order[level]).map((x) => x.value * sign);
  const [nLow, nHigh] = normalBand(spec);
  const before = milder.length ? Math.max(...milder) : sign > 0 ? nLow : -nHigh;
  const start = t.value * sign;
  const range = rangeOf(spec);
  const bound = range === undefined ? undefined : sign > 0 ? range[1] : -range[0];
  let end = worse.length ? Math.min(...worse) : start + Math.max(start - before, Number.EPSILON);
  if (bound !== undefined) end = Math.min(end, bound);
  const band = [start * sign, end * sign] as const;
  return sign > 0 ? band : [band[1], band[0]];
}

/** The band of the given phase: the level's own band, the milder one when the gauge lacks that level. */
export function phaseBand(spec: MetricSpec<string>, phase: Level): Band {
  if (phase === 'critical') return levelBand(spec, 'critical') ?? levelBand(spec, 'warning') ?? normalBand(spec);
  if (phase === 'warning') return levelBand(spec, 'warning') ?? normalBand(spec);
  return normalBand(spec);
}

/** A value strictly inside a band: `position` 0…1 spans its middle half, so jitter never reaches an edge. */
export function pointIn([low, high]: Band, position: number): number {
  return low + (high - low) * (0.25 + 0.5 * Math.min(1, Math.max(0, position)));
}
