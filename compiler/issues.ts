// What the compiler says about a stack: issues collected during a run, reported together.
import type { SourceRef } from './model.ts';

/** One problem in a stack: what is wrong, where, and how to fix it. */
export interface Issue {
  /** Stable identifier of the check, e.g. `promql/unknown-series`. */
  readonly code: string;
  readonly where: SourceRef;
  /** Logical path, e.g. ['shop', 'capacity', 'alert DiskFilling']. */
  readonly path: readonly string[];
  readonly message: string;
  readonly hint: string;
  /** For problems inside a PromQL expression: the expression and the span to underline. */
  readonly expr?: { readonly text: string; readonly from: number; readonly to: number };
}

/** Bad input: the user can fix it. Carries every issue of the run. */
export class CompileError extends Error {
  constructor(readonly issues: readonly Issue[]) {
    super(`${issues.length} problem${issues.length === 1 ? '' : 's'} in the stack`);
    this.name = 'CompileError';
  }
}

/** A broken invariant inside stackc: not the user's fault. */
export class InternalError extends Error {
  constructor(message: string) {
    super(`${message}\nThis is a bug in stackc, not in your stack; please report it with the stack that caused it.`);
    this.name = 'InternalError';
  }
}

export function location(where: SourceRef): string {
  return `${where.file}:${where.line}:${where.column}`;
}

/** Prints an issue the way a compiler does: location, message, the expression with a caret, the fix. */
export function formatIssue(issue: Issue): string {
  const lines = [`✖ ${location(issue.where)}  ${issue.message}`, `  → at ${issue.path.join(' › ')}`];
  if (issue.expr) {
    const { text, from, to } = issue.expr;
    lines.push(`    ${text}`, `    ${' '.repeat(from)}${'^'.repeat(Math.max(1, Math.min(to, text.length) - from))} (column ${from + 1})`);
  }
  lines.push(`  fix: ${issue.hint}`);
  return lines.join('\n');
}

export function formatIssues(issues: readonly Issue[]): string {
  return `${issues.map(formatIssue).join('\n\n')}\n\n${issues.length} problem${issues.length === 1 ? '' : 's'} found; nothing was written.`;
}
