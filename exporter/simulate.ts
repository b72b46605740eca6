// A synthetic workload for any stack's exporter, derived from its metric specs alone: `npm run exporter --
// <stack> --simulate`, `npm run up` and the live judge run it. In real time, once a second:
//   gauges      a value in the band of the current phase, computed from the gauge's own thresholds
//               (exporter/thresholds.ts): normal inside all of them, warning and critical past that level;
//   counters    increased, faster in bad phases;
//   histograms, summaries  observed, values spread over the buckets and higher (slower) in bad phases.
// Each label gets a small bounded set of values: those the caller names (e.g. values the stack's queries select)
// and synthetic ones. Every series exists before the first scrape: counters and histograms start at 0 and the
// first tick, which sets every gauge and observes every summary, runs before startSimulation resolves.
import { stepAt, type Phase, type PhaseStep } from './schedule.ts';
import type { MetricSpec } from './spec.ts';
import type { StackMetrics } from './stack-metrics.ts';
import { phaseBand, pointIn, type Level } from './thresholds.ts';
import {
  LabelledCounter, LabelledGauge, LabelledHistogram, LabelledSummary,
  PlainCounter, PlainGauge, PlainHistogram, PlainSummary,
  type MetricHandle,
} from './typed.ts';

/** Per phase: counter increments per second and series, and where in the buckets observations fall (0…1). */
export const workload = {
  normal: { increments: 1, observations: 2, spread: [0, 0.5] },
  warning: { increments: 3, observations: 2, spread: [0.25, 0.75] },
  critical: { increments: 8, observations: 2, spread: [0.5, 1] },
} as const satisfies Record<Phase, { increments: number; observations: number; spread: readonly [number, number] }>;

/** Synthetic values given to each label besides the ones asked for. */
export const syntheticValuesPerLabel = 2;
/** At most this many label sets per metric are simulated (fewer when the metric's cardinality limit is lower). */
export const maxSimulatedSeries = 12;
/** prom-client's default buckets: where values spread when a spec does not carry its buckets. */
const defaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const levelOfPhase: Record<Phase, Level> = { normal: 'ok', warning: 'warning', critical: 'critical' };

/** Label values to simulate, by metric name then label name; those not named get synthetic values only. */
export type LabelValueHints = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

export interface SimulationOptions {
  readonly stack: StackMetrics<{ readonly [key: string]: MetricHandle }>;
  readonly schedule: readonly PhaseStep[];
  /** Start over after the last step; otherwise the last phase goes on. @default false */
  readonly repeat?: boolean;
  readonly onPhase?: (step: PhaseStep, index: number) => void;
  /** Values each label must take, e.g. those the stack's alerts and panels select on. @default none */
  readonly labelValues?: LabelValueHints;
  /** @default Math.random */
  readonly random?: () => number;
}

export interface Simulation {
  /** The phase now. */
  readonly phase: Phase;
  /** The label sets simulated for each metric, by metric name. */
  readonly labelSets: ReadonlyMap<string, readonly Readonly<Record<string, string>>[]>;
  /** Stops the workload. */
  stop(): Promise<void>;
}

/**
 * The label sets simulated for a metric: each label takes its declared values, or the hinted values, then synthetic
 * `<label>_<n>` ones.
 * The full product when it fits the bound (maxSimulatedSeries and the cardinality limit), otherwise the values
 * zipped so that every value of every label still occurs. A metric without labels has one empty set.
 */
export function simulatedLabelSets(spec: MetricSpec<string>, hints: Readonly<Record<string, readonly string[]>> = {}): Record<string, string>[] {
  const bound = Math.max(1, Math.min(maxSimulatedSeries, spec.cardinalityLimit));
  const values = spec.labels.map((label) => {
    // a label with declared values takes only those (the registry drops any other)
    const declared = spec.values?.[label];
    if (declared) return [...declared];
    const synthetic = Array.from({ length: syntheticValuesPerLabel }, (_, i) => `${label}_${i + 1}`);
    return [...new Set([...(hints[label] ?? []), ...synthetic])];
  });
  let sets: string[][] = [[]];
  for (const vs of values) sets = sets.flatMap((set) => vs.map((v) => [...set, v]));
  if (sets.length > bound) {
    const longest = Math.max(...values.map((vs) => vs.length));
    sets = Array.from({ length: Math.min(longest, bound) }, (_, i) => values.map((vs) => vs[i % vs.length]!));
  }
  return sets.map((set) => Object.fromEntries(spec.labels.map((label, i) => [label, set[i]!])));
}

/** An observation for a histogram or summary: inside the buckets between `spread`'s fractions of them. */
export function observationFor(spec: MetricSpec<string>, phase: Phase, position: number): number {
  const bounds = spec.buckets?.length ? spec.buckets : defaultBuckets;
  // the slots between bounds, plus one past the last bound (the +Inf bucket), as wide as the last slot
  const edges = [Math.min(0, bounds[0]!), ...bounds, bounds[bounds.length - 1]! * 1.5];
  const [from, to] = workload[phase].spread;
  const slots = edges.length - 1;
  const at = (from + (to - from) * Math.min(0.999, Math.max(0, position))) * slots;
  const slot = Math.min(slots - 1, Math.floor(at));
  return edges[slot]! + (edges[slot + 1]! - edges[slot]!) * (at - slot);
}

type Driver = (phase: Phase, dt: number) => void;

/** What the simulation does to one metric each tick; also puts counters and histograms at 0 before the first scrape. */
function driverOf(handle: MetricHandle, sets: readonly Record<string, string>[], random: () => number): Driver {
  const spec = handle.spec;
  const debt = sets.map(() => 0);
  /** Whole increments due this tick for set i (fractions carry over, so low rates still move). */
  const due = (i: number, perSecond: number, dt: number) => {
    debt[i]! += perSecond * dt;
    const whole = Math.floor(debt[i]!);
    debt[i]! -= whole;
    return whole;
  };
  if (handle instanceof LabelledGauge) return (phase) => { for (const s of sets) handle.set(s, pointIn(phaseBand(spec, levelOfPhase[phase]), random())); };
  if (handle instanceof PlainGauge) return (phase) => handle.set(pointIn(phaseBand(spec, levelOfPhase[phase]), random()));
  if (handle instanceof LabelledCounter) {
    for (const s of sets) handle.inc(s, 0);
    return (phase, dt) => sets.forEach((s, i) => handle.inc(s, due(i, workload[phase].increments, dt)));
  }
  if (handle instanceof PlainCounter) {
    handle.inc(0);
    return (phase, dt) => handle.inc(due(0, workload[phase].increments, dt));
  }
  const observe = (record: (set: Record<string, string>, value: number) => void) => (phase: Phase, dt: number) =>
    sets.forEach((s, i) => {
      for (let n = due(i, workload[phase].observations, dt); n > 0; n -= 1) record(s, observationFor(spec, phase, random()));
    });
  if (handle instanceof LabelledHistogram) {
    for (const s of sets) handle.zero(s);
    return observe((s, v) => handle.observe(s, v));
  }
  if (handle instanceof PlainHistogram) {
    handle.zero();
    return observe((_, v) => handle.observe(v));
  }
  if (handle instanceof LabelledSummary) return observe((s, v) => handle.observe(s, v));
  if (handle instanceof PlainSummary) return observe((_, v) => handle.observe(v));
  throw new Error(`the simulation does not know how to drive ${spec.name} (${spec.kind}): not a metric handle of exporter/typed.ts`);
}

export async function startSimulation(options: SimulationOptions): Promise<Simulation> {
  const random = options.random ?? Math.random;
  const handles = Object.values(options.stack.metrics);
  const labelSets = new Map(handles.map((h) => [h.spec.name, simulatedLabelSets(h.spec, options.labelValues?.[h.spec.name])]));
  const drivers = handles.map((h) => driverOf(h, labelSets.get(h.spec.name)!, random));

  const started = performance.now();
  const now = () => (performance.now() - started) / 1000;
  const total = options.schedule.reduce((s, x) => s + x.seconds, 0);
  let current = stepAt(options.schedule, 0, false);
  let stepKey = '';
  let lastTick = 0;

  function tick(): void {
    const t = now();
    // the first tick counts as one second, so counters and summaries move at once
    const dt = stepKey === '' ? 1 : t - lastTick;
    lastTick = t;
    current = stepAt(options.schedule, t, options.repeat ?? false);
    const key = `${options.repeat ? Math.floor(t / total) : 0}:${current.index}`;
    if (key !== stepKey) {
      stepKey = key;
      options.onPhase?.(current.step, current.index);
    }
    for (const drive of drivers) drive(current.step.phase, dt);
  }

  tick();
  const timer = setInterval(tick, 1000);

  return {
    get phase() {
      return current.step.phase;
    },
    labelSets,
    async stop() {
      clearInterval(timer);
    },
  };
}
