// What every judge is given, and what it answers before the dispatcher names the judge and the stack.
import type { Files } from '../emit/files.ts';
import type { Stack } from '../model.ts';
import type { JudgeResult } from './judge.ts';

export interface JudgeInput {
  readonly stack: Stack;
  /** The stack's compiled files by path relative to out/<stack>/, exactly as written to `dir`. */
  readonly files: Files;
  /** The scratch folder holding those files, laid out as out/<stack>/. */
  readonly dir: string;
}

export type Verdict = Pick<JudgeResult, 'status' | 'summary' | 'failures'>;

/** A judge: a real tool or published schema run on the stack's files. */
export type Judge = (input: JudgeInput) => Promise<Verdict>;

export function verdict(failures: JudgeResult['failures'], summary: string): Verdict {
  return { status: failures.length ? 'failed' : 'passed', summary, failures };
}

export function skipped(reason: string): Verdict {
  return { status: 'skipped', summary: reason, failures: [] };
}
