// verify's output: one line per judge per stack, then each failure with the stack's file:line, then the totals.
import { location } from '../issues.ts';
import type { JudgeFailure, JudgeResult } from './judge.ts';

const marks: Readonly<Record<JudgeResult['status'], string>> = { passed: '✔', failed: '✖', skipped: '–' };

export function resultLines(results: readonly JudgeResult[]): string[] {
  const stackWidth = Math.max(0, ...results.map((r) => r.stack.length));
  const judgeWidth = Math.max(0, ...results.map((r) => r.judge.length));
  return results.map((r) => {
    const summary = r.status === 'skipped' ? `skipped: ${r.summary}` : r.summary;
    return `${marks[r.status]} ${r.stack.padEnd(stackWidth)}  ${r.judge.padEnd(judgeWidth)}  ${summary}`.trimEnd();
  });
}

const indent = (text: string, by: string) => text.split('\n').map((l) => `${by}${l}`).join('\n');

export function failureText(f: JudgeFailure): string {
  const place = [f.where ? location(f.where) : '', f.path?.length ? f.path.join(' › ') : ''].filter(Boolean).join('  ');
  return place ? `  ${place}\n${indent(f.message, '    ')}` : indent(f.message, '  ');
}

/** The failures of every failed judge, grouped under its line. */
export function failureReport(results: readonly JudgeResult[]): string {
  return results.filter((r) => r.status === 'failed').map((r) => {
    const failures = r.failures.length ? r.failures.map(failureText).join('\n') : `  ${r.summary}`;
    return `✖ ${r.stack}  ${r.judge}\n${failures}`;
  }).join('\n\n');
}

export interface Totals { readonly passed: number; readonly failed: number; readonly skipped: number }

export function totals(results: readonly JudgeResult[]): Totals {
  const count = (s: JudgeResult['status']) => results.filter((r) => r.status === s).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

/** The last line of verify's output; test/run.ts reads it (see totalsPattern). */
export function totalsLine(t: Totals): string {
  return `${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`;
}

export const totalsPattern = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/m;
