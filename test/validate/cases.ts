// A bad-stack case: the stack, the issue it must produce, and the marker on the line the issue must point at.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { StackDefinition } from '../../dsl/stack.ts';
import { issuesOf, lineOf, projectPath } from '../helpers/stack.ts';

export interface BadCase {
  readonly name: string;
  readonly code: string;
  readonly message: RegExp;
  /** A comment on the line the issue must point at, e.g. `// at:counter-total`. */
  readonly marker: string;
  readonly stack: () => StackDefinition;
  /** Extra expectations on the hint. */
  readonly hint?: RegExp;
  /** Column inside the expression the caret must start at (1-based), for PromQL issues. */
  readonly column?: number;
}

/** Registers one uvu test per case: exactly one issue, with the code, message, file:line, path and a hint. */
export function runCases(fileUrl: string, cases: readonly BadCase[]): void {
  const file = projectPath(fileUrl);
  for (const c of cases) {
    test(`${c.code}: ${c.name}`, () => {
      // rules in these small stacks mostly have no tests; test coverage is only asserted where it is the subject
      const issues = issuesOf(c.stack()).filter((i) => c.code.startsWith('rule-tests/') || !i.code.startsWith('rule-tests/'));
      const summary = issues.map((i) => `${i.code} @${i.where.line}: ${i.message}`).join('\n');
      assert.is(issues.length, 1, `expected exactly one issue (${c.code}), got:\n${summary}`);
      const issue = issues[0]!;
      assert.is(issue.code, c.code, summary);
      assert.match(issue.message, c.message);
      assert.is(`${issue.where.file}:${issue.where.line}`, `${file}:${lineOf(fileUrl, `// ${c.marker}`)}`);
      assert.is(issue.path[0], 'bad');
      assert.ok(issue.hint.length > 10, 'every issue says how to fix it');
      if (c.hint) assert.match(issue.hint, c.hint);
      if (c.column !== undefined) assert.is(issue.expr && issue.expr.from + 1, c.column);
    });
  }
}
