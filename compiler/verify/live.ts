// The live judge: the simulated exporter, Prometheus and Alertmanager on loopback with the compiled local profile.
// Interface only until the live judge lands; verify --live calls it.
import type { Stack } from '../model.ts';
import type { JudgeResult } from './judge.ts';

export interface LiveInput {
  readonly stack: Stack;
  /** A scratch folder holding every file the stack compiled to, laid out as out/<stack>/. */
  readonly dir: string;
}

export async function judgeLive(input: LiveInput): Promise<JudgeResult[]> {
  throw new Error(`the live judge is not built yet (stack ${input.stack.name})`);
}
