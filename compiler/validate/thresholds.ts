// Thresholds: one direction per series, each level stricter than the one below it, values inside the unit's range.
import { parseDuration } from '../duration.ts';
import type { Issue } from '../issues.ts';
import { severities, type Metric, type RecordingRule, type SourceRef, type Stack, type Threshold, type Unit } from '../model.ts';
import { issue } from './context.ts';

/** The range a value of this unit can take, when the unit implies one. */
export function unitRange(unit: Unit): readonly [number, number] | undefined {
  switch (unit) {
    case 'percent': return [0, 100];
    case 'ratio': return [0, 1];
    case 'seconds':
    case 'bytes': return [0, Infinity];
    case 'none': return undefined;
  }
}

interface Thresholded {
  readonly name: string;
  readonly unit: Unit;
  readonly range?: readonly [number, number];
  readonly thresholds: readonly Threshold[];
  readonly source: SourceRef;
}

function thresholdIssues(t: Thresholded, path: readonly string[]): Issue[] {
  const out: Issue[] = [];
  const at = (message: string, hint: string, code = 'thresholds/order') => out.push(issue(code, t.source, path, message, hint));
  const levels = [...t.thresholds].sort((a, b) => severities.indexOf(a.severity) - severities.indexOf(b.severity));
  const directions = new Set(levels.map((l) => l.direction));
  if (directions.size > 1) {
    at(`${t.name} has thresholds both above and below`, 'use one direction for every level of a series; alert on the other side with a separate alert', 'thresholds/direction');
    return out;
  }
  for (let i = 1; i < levels.length; i++) {
    const lower = levels[i - 1]!;
    const higher = levels[i]!;
    const stricter = higher.direction === 'above' ? higher.value > lower.value : higher.value < lower.value;
    if (!stricter) {
      at(`${t.name}: the ${higher.severity} threshold (${higher.direction} ${higher.value}) is not stricter than the ${lower.severity} threshold (${lower.direction} ${lower.value})`,
        `${higher.severity} must be ${higher.direction === 'above' ? 'higher' : 'lower'} than ${lower.severity}; swap the values or fix the typo`);
    }
  }
  const range = t.range ?? unitRange(t.unit);
  for (const l of levels) {
    if (!Number.isFinite(l.value)) at(`${t.name}: the ${l.severity} threshold is not a finite number`, 'use a number', 'thresholds/range');
    else if (range && (l.value < range[0] || l.value > range[1])) {
      at(`${t.name}: the ${l.severity} threshold ${l.value} is outside the range of its values, ${range[0]} to ${range[1]}${t.range ? '' : ` (unit ${t.unit})`}`,
        t.unit === 'ratio' ? `a ratio is between 0 and 1: write ${l.value / 100} for ${l.value}%` : t.unit === 'percent' ? 'a percentage is between 0 and 100' : 'use a value the series can reach', 'thresholds/range');
    }
    if (parseDuration(l.for) === undefined) at(`${t.name}: the ${l.severity} threshold's for: "${l.for}" is not a valid duration`, 'write a duration such as 30s, 5m or 1h', 'thresholds/invalid-duration');
  }
  return out;
}

export function checkThresholds(stack: Stack): Issue[] {
  const metricIssues = stack.metrics.flatMap((m: Metric) => {
    if (m.thresholds.length > 0 && m.kind !== 'gauge') {
      return [issue('thresholds/not-a-gauge', m.source, [stack.name, `metric ${m.name}`], `${m.kind} ${m.name} has thresholds, but only a gauge's value can be compared to one`,
        `record the rate or quantile you mean (record('…', rate(${m.name}, '5m'), { thresholds })) and put the thresholds there`)];
    }
    return thresholdIssues(m, [stack.name, `metric ${m.name}`]);
  });
  const recordingIssues = stack.ruleGroups.flatMap((g) =>
    g.rules.filter((r): r is RecordingRule => r.kind === 'recording').flatMap((r) => thresholdIssues(r, [stack.name, g.name, `record ${r.name}`])));
  return [...metricIssues, ...recordingIssues];
}
