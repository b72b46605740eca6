// Parse + check of one expression, and the stack-wide series index including recording rules.
import type { Issue } from '../issues.ts';
import { parseDuration } from '../duration.ts';
import type { Expression, RecordingRule, Stack } from '../model.ts';
import { parsePromQL, type Node } from './ast.ts';
import { ExpressionChecker, type Value } from './check.ts';
import { baseIndex, type SeriesIndex } from './series-index.ts';

export interface Analysis {
  /** The expression's result; undefined when it did not parse. */
  readonly value: Value | undefined;
  readonly issues: readonly Issue[];
}

/** Checks an expression from anywhere in a stack (rule, panel) and turns its problems into issues at its source. */
export function analyzeExpression(expr: Expression, index: SeriesIndex, stack: Stack, path: readonly string[]): Analysis {
  const parsed = parsePromQL(expr.text);
  const where = expr.source;
  if (!parsed.ok) {
    const { from, to, message } = parsed.problem;
    return {
      value: undefined,
      issues: [{ code: 'promql/syntax', where, path, message: `PromQL syntax error: ${message}`, hint: 'fix the expression; see https://prometheus.io/docs/prometheus/latest/querying/basics/', expr: { text: expr.text, from, to } }],
    };
  }
  const checker = new ExpressionChecker(index, parseDuration(stack.scrape.interval) ?? 15_000);
  const value = checker.check(parsed.ast);
  const issues = checker.problems.map((p) => ({ code: p.code, where, path, message: p.message, hint: p.hint, expr: { text: expr.text, from: p.from, to: p.to } }));
  return { value, issues };
}

function referencedNames(n: Node, out: Set<string>): Set<string> {
  switch (n.type) {
    case 'selector': if (n.name) out.add(n.name); break;
    case 'matrix': referencedNames(n.selector, out); break;
    case 'subquery': case 'paren': case 'offset': case 'unary': referencedNames(n.expr, out); break;
    case 'call': case 'aggregate': n.args.forEach((a) => referencedNames(a, out)); break;
    case 'binary': referencedNames(n.lhs, out); referencedNames(n.rhs, out); break;
    default: break;
  }
  return out;
}

export interface StackIndex {
  readonly index: SeriesIndex;
  /** Each recording rule's expression, analysed while inferring its labels. */
  readonly recordings: ReadonlyMap<RecordingRule, Analysis>;
}

/** The series index of a stack: own metrics, catalogs, and every recording rule with its inferred labels.
 *  Recording rules are inferred in dependency order, so a rule over another rule sees its labels. */
export function stackIndex(stack: Stack, pathOf: (r: RecordingRule) => readonly string[]): StackIndex {
  const { series, forbidden } = baseIndex(stack);
  const index: SeriesIndex = { series, forbidden };
  const recordings = stack.ruleGroups.flatMap((g) => g.rules.filter((r): r is RecordingRule => r.kind === 'recording'));
  const byName = new Map(recordings.map((r) => [r.name, r]));
  const state = new Map<RecordingRule, 'visiting' | 'done'>();
  const analyses = new Map<RecordingRule, Analysis>();
  const entry = (r: RecordingRule, labels: ReadonlySet<string> | undefined) =>
    ({ name: r.name, type: 'gauge', labels, origin: 'recording rule', from: `recording rule ${r.name}` }) as const;
  const visit = (r: RecordingRule): void => {
    if (state.has(r)) return; // done, or a cycle: that rule keeps unknown labels; Prometheus evaluates it anyway
    state.set(r, 'visiting');
    const parsed = parsePromQL(r.expr.text);
    if (parsed.ok) for (const dep of referencedNames(parsed.ast, new Set())) { const d = byName.get(dep); if (d) visit(d); }
    const analysis = analyzeExpression(r.expr, index, stack, pathOf(r));
    const { value } = analysis;
    analyses.set(r, analysis);
    series.set(r.name, entry(r, value?.labels ? new Set([...value.labels, ...Object.keys(r.labels)]) : undefined));
    state.set(r, 'done');
  };
  // every name first, so references in any order resolve; then labels, dependencies before dependents
  for (const r of recordings) series.set(r.name, entry(r, undefined));
  for (const r of recordings) visit(r);
  return { index, recordings: analyses };
}
