// Parse + check of one expression, and the stack-wide series index including recording rules.
import type { Issue } from '../issues.ts';
import { parseDuration } from '../duration.ts';
import type { AlertRule, Expression, RecordingRule, Stack } from '../model.ts';
import { parsePromQL, selectorsIn } from './ast.ts';
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

export interface StackIndex {
  readonly index: SeriesIndex;
  /** Each recording rule's expression, analysed while inferring its labels. */
  readonly recordings: ReadonlyMap<RecordingRule, Analysis>;
  /** Each alert's expression, analysed against the full index. */
  readonly alerts: ReadonlyMap<AlertRule, Analysis>;
}

const computed = new WeakMap<Stack, StackIndex>();

/** The series index of a stack: own metrics, catalogs, and every recording rule with its inferred labels,
 *  plus the analysis of every rule. Recording rules are inferred in dependency order, so a rule over another rule
 *  sees its labels. Computed once per model (the model is immutable): validation and several emitters need it. */
export function stackIndex(stack: Stack): StackIndex {
  const known = computed.get(stack);
  if (known) return known;
  const { series, forbidden } = baseIndex(stack);
  const index: SeriesIndex = { series, forbidden };
  const pathOf = new Map(stack.ruleGroups.flatMap((g) => g.rules.map((r) => [r, [stack.name, g.name, `${r.kind === 'alert' ? 'alert' : 'record'} ${r.name}`]] as const)));
  const recordings = stack.ruleGroups.flatMap((g) => g.rules.filter((r): r is RecordingRule => r.kind === 'recording'));
  // several recording rules may share a name (one per quantile, verb, …): a query of the name sees all of them
  const byName = new Map<string, RecordingRule[]>();
  for (const r of recordings) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  const labelsOf = new Map<RecordingRule, ReadonlySet<string> | undefined>();
  const state = new Map<RecordingRule, 'visiting' | 'done'>();
  const analyses = new Map<RecordingRule, Analysis>();
  const entry = (r: RecordingRule, labels: ReadonlySet<string> | undefined) =>
    ({ name: r.name, type: 'gauge', labels, origin: 'recording rule', from: `recording rule ${r.name}` }) as const;
  const visit = (r: RecordingRule): void => {
    if (state.has(r)) return; // done, or a cycle: that rule keeps unknown labels; Prometheus evaluates it anyway
    state.set(r, 'visiting');
    const parsed = parsePromQL(r.expr.text);
    if (parsed.ok) for (const { selector } of selectorsIn(parsed.ast)) for (const d of (selector.name && byName.get(selector.name)) || []) visit(d);
    const analysis = analyzeExpression(r.expr, index, stack, pathOf.get(r)!);
    const { value } = analysis;
    analyses.set(r, analysis);
    labelsOf.set(r, value?.labels ? new Set([...value.labels, ...Object.keys(r.labels)]) : undefined);
    // the name carries every label of every rule recording it; unknown if any of them is
    const all = byName.get(r.name)!.filter((x) => labelsOf.has(x)).map((x) => labelsOf.get(x));
    series.set(r.name, entry(r, all.every((l) => l !== undefined) ? new Set(all.flatMap((l) => [...l!])) : undefined));
    state.set(r, 'done');
  };
  // every name first, so references in any order resolve; then labels, dependencies before dependents
  for (const r of recordings) series.set(r.name, entry(r, undefined));
  for (const r of recordings) visit(r);
  const alerts = new Map(stack.ruleGroups.flatMap((g) => g.rules.filter((r): r is AlertRule => r.kind === 'alert'))
    .map((a) => [a, analyzeExpression(a.expr, index, stack, pathOf.get(a)!)] as const));
  const result = { index, recordings: analyses, alerts };
  computed.set(stack, result);
  return result;
}
