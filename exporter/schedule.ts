// The simulation's phase schedule: `normal:10s,critical:100s,normal:60s`. Real time, short phases.

export type Phase = 'normal' | 'warning' | 'critical';
export const phases: readonly Phase[] = ['normal', 'warning', 'critical'];

export interface PhaseStep {
  readonly phase: Phase;
  readonly seconds: number;
}

/** The demo's default: every threshold crossed in turn, then back to normal. */
export const defaultSchedule = 'normal:1m,warning:3m,critical:3m,normal:3m';

const unitSeconds = { ms: 0.001, s: 1, m: 60, h: 3600 } as const;

/** Seconds in `90s`, `1m30s`, `1.5m`, `500ms`; undefined when it is not a duration. */
export function parseSeconds(text: string): number | undefined {
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(n) * unitSeconds[unit as keyof typeof unitSeconds];
  return total;
}

/** Parses a schedule; throws an Error saying which step is wrong and what a step looks like. */
export function parseSchedule(text: string): PhaseStep[] {
  const steps = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (steps.length === 0) throw new Error(`empty schedule; write phases like ${defaultSchedule}`);
  return steps.map((step) => {
    const [phase, duration, ...rest] = step.split(':');
    const seconds = duration === undefined ? undefined : parseSeconds(duration);
    if (!phases.includes(phase as Phase) || seconds === undefined || seconds <= 0 || rest.length) {
      throw new Error(`bad schedule step "${step}": write <phase>:<duration> with phase one of ${phases.join(', ')} and a duration like 30s, 2m or 1m30s`);
    }
    return { phase: phase as Phase, seconds };
  });
}

/** The step running `elapsed` seconds after the start; past the end, the last step goes on unless `repeat`. */
export function stepAt(schedule: readonly PhaseStep[], elapsed: number, repeat: boolean): { readonly index: number; readonly step: PhaseStep } {
  const total = schedule.reduce((sum, s) => sum + s.seconds, 0);
  let t = repeat ? elapsed % total : Math.min(elapsed, total);
  for (const [index, step] of schedule.entries()) {
    if (t < step.seconds) return { index, step };
    t -= step.seconds;
  }
  return { index: schedule.length - 1, step: schedule[schedule.length - 1]! };
}
