// Panel colour steps from alert thresholds: one number drives the alert and the colour of the panel.
import { seriesShown } from './dashboard-queries.ts';
import type { Panel } from './model-dashboard.ts';
import { severities, type Severity, type Stack, type Threshold } from './model.ts';

/** A colour step as Grafana stores it: the colour applies from `value` upwards; the first step has no value. */
export interface ColourStep {
  readonly value: number | null;
  readonly color: string;
}

const okColour = 'green';
export const severityColour: Readonly<Record<Severity, string>> = { info: 'blue', warning: 'orange', critical: 'red' };

/** Every metric and recording rule that has alert thresholds, by series name. */
export function thresholdedSeries(stack: Stack): Map<string, readonly Threshold[]> {
  const out = new Map<string, readonly Threshold[]>();
  for (const m of stack.metrics) if (m.thresholds.length) out.set(m.name, m.thresholds);
  for (const g of stack.ruleGroups) for (const r of g.rules) if (r.kind === 'recording' && r.thresholds.length) out.set(r.name, r.thresholds);
  return out;
}

/**
 * Grafana steps for threshold levels. Above: green, then each level's colour from its value up.
 * Below: the most severe colour from the bottom, each level's value switching to the next milder colour, green last.
 * Either way the step values are exactly the threshold values.
 */
export function colourSteps(levels: readonly Threshold[]): ColourStep[] {
  const ascending = [...levels].sort((a, b) => a.value - b.value || severities.indexOf(a.severity) - severities.indexOf(b.severity));
  if (ascending.every((l) => l.direction === 'above')) {
    return [{ value: null, color: okColour }, ...ascending.map((l) => ({ value: l.value, color: severityColour[l.severity] }))];
  }
  return [
    { value: null, color: severityColour[ascending[0]!.severity] },
    ...ascending.map((l, i) => ({ value: l.value, color: ascending[i + 1] ? severityColour[ascending[i + 1]!.severity] : okColour })),
  ];
}

function sameValues(a: readonly number[], b: readonly number[]): boolean {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** A series the panel shows whose alert thresholds differ from the steps the panel declares. */
export interface Disagreement {
  readonly series: string;
  readonly levels: readonly Threshold[];
}

/** Declared steps that are not the alert thresholds of a series the panel shows. Overrides are exempt. */
export function thresholdDisagreements(stack: Stack, p: Panel): Disagreement[] {
  if (p.thresholds.kind !== 'declared') return [];
  const steps = p.thresholds.levels.map((l) => l.value);
  const known = thresholdedSeries(stack);
  return [...seriesShown(stack, p)].sort()
    .flatMap((series) => {
      const levels = known.get(series);
      return levels && !sameValues(levels.map((l) => l.value), steps) ? [{ series, levels }] : [];
    });
}

/** The colour steps a panel is emitted with; undefined for no thresholds. */
export function panelSteps(stack: Stack, p: Panel): ColourStep[] | undefined {
  const t = p.thresholds;
  if ((t.kind === 'declared' || t.kind === 'override') && t.levels.length === 0) return undefined;
  switch (t.kind) {
    case 'none': return undefined;
    case 'series':
    case 'override': return colourSteps(t.levels);
    case 'declared': {
      // declared numbers that agree with a series' alerts take that series' colours (and direction)
      const known = thresholdedSeries(stack);
      const values = t.levels.map((l) => l.value);
      const agreeing = [...seriesShown(stack, p)].sort().map((s) => known.get(s)).find((l) => l && sameValues(l.map((x) => x.value), values));
      return colourSteps(agreeing ?? t.levels);
    }
  }
}
