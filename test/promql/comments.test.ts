// `# comments` stand wherever Prometheus accepts them: before, after and between operands, operators, arguments,
// labels and clauses. The checker reads through them: the same tree, the same inferred labels, and the rules built
// on a commented rule are still checked. promtool judges every expression here too.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parsePromQL, type Node } from '../../compiler/promql/ast.ts';
import { stackIndex } from '../../compiler/promql/analyze.ts';
import { toModel } from '../../dsl/to-model.ts';
import { counter, histogram, promql, rate, record, ruleGroup, stack, sum } from '../../dsl/index.ts';
import type { Recording } from '../../dsl/rules.ts';
import { issuesOf } from '../helpers/stack.ts';
import { runCases } from '../validate/cases.ts';
import { described, promtool } from './promtool.ts';

const orders = counter({ name: 'orders_total', help: 'Orders', labels: ['shop', 'status'] });
const checkout = histogram({ name: 'checkout_seconds', help: 'Checkout time', unit: 'seconds', labels: ['shop'], buckets: [0.5, 1, 5] });
const scrape = ['instance', 'job', 'namespace', 'pod'];

/** Each position a comment may take, in an expression whose output labels are known. */
const positions: readonly { readonly name: string; readonly expr: string; readonly labels: readonly string[] }[] = [
  { name: 'before the expression', labels: ['shop'], expr: `# orders per shop
sum by (shop) (rate(orders_total[5m]))` },
  { name: 'after the expression', labels: ['shop'], expr: `sum by (shop) (rate(orders_total[5m])) # per second` },
  { name: 'on the last line', labels: ['shop'], expr: `sum by (shop) (rate(orders_total[5m]))
# nothing follows` },
  { name: 'first and last inside parentheses', labels: ['shop'], expr: `# every shop
(
  # first in the group
  sum by (shop) (rate(orders_total[5m]))
  # last in the group
)` },
  { name: 'between the left operand and the operator', labels: ['shop'], expr: `sum by (shop) (rate(orders_total{status="failed"}[5m]))
# failed over all
/ sum by (shop) (rate(orders_total[5m]))` },
  { name: 'after the operator', labels: ['shop'], expr: `sum by (shop) (rate(orders_total{status="failed"}[5m])) / # all orders
sum by (shop) (rate(orders_total[5m]))` },
  { name: 'inside by()', labels: ['shop', 'status'], expr: `sum by ( # kept labels
  shop, # the store
  status # the outcome
) (rate(orders_total[5m]))` },
  { name: 'before without()', labels: ['shop', ...scrape], expr: `sum # every outcome together
without (status) (rate(orders_total[5m]))` },
  { name: 'between function and aggregation arguments', labels: ['shop'], expr: `histogram_quantile( # p90
  0.9, # of
  sum by (shop, le) ( # the buckets
    rate(checkout_seconds_bucket[5m]) # per second
  )
)` },
  { name: 'between label matchers', labels: ['shop'], expr: `sum by (shop) (rate(orders_total{ # only
  status="failed", # failed orders
  shop # of the shops
  =~ "north.*"
}[5m]))` },
  { name: 'inside ignoring() and group_left', labels: ['shop', 'status'], expr: `sum by (shop, status) (rate(orders_total[5m]))
/ ignoring ( # per outcome
  status) # share of the shop
group_left # one total per shop
sum by (shop) (rate(orders_total[5m]))` },
  { name: 'before a range and inside a subquery', labels: ['shop'], expr: `max_over_time(sum by (shop) (rate(orders_total # the counter
[5m]))[1h # over an hour
:5m])` },
  { name: 'after offset, bool and a unary minus', labels: ['shop'], expr: `- # negated
sum by (shop) (rate(orders_total[5m] offset # a day ago
1d)) > bool # 0 or 1
0` },
  { name: 'between label_replace arguments', labels: ['shop', 'store'], expr: `label_replace( # renamed
  sum by (shop) (rate(orders_total[5m])), # input
  "store", "$1", "shop", # from shop
  "(.*)"
)` },
];

/** The tree without positions: a comment moves offsets, nothing else. */
function shape(n: Node): unknown {
  return JSON.parse(JSON.stringify(n, (k, v: unknown) => (k === 'from' || k === 'to' ? undefined : v)));
}
const uncommented = (expr: string) => expr.replace(/#[^\n]*/g, '');

test('a comment anywhere parses to the same tree as the expression without it', () => {
  for (const p of positions) {
    const commented = parsePromQL(p.expr);
    const plain = parsePromQL(uncommented(p.expr));
    assert.ok(commented.ok, `${p.name}: ${commented.ok ? '' : commented.problem.message}`);
    assert.ok(plain.ok, p.name);
    assert.equal(shape(commented.ast), shape(plain.ast), p.name);
  }
});

test('a comment after the left operand is not read as the operator', () => {
  const parsed = parsePromQL('orders_total # left\n/ on (shop) # right\ngroup_left orders_total');
  assert.ok(parsed.ok);
  assert.is(parsed.ast.type === 'binary' && parsed.ast.op, '/');
});

test('an expression of nothing but comments is an empty expression, as Prometheus says', () => {
  const parsed = parsePromQL('# nothing here\n# nor here');
  assert.is(parsed.ok ? 'parsed' : parsed.problem.message, 'the expression is empty (it holds only comments)');
});

const rules = positions.map((p, i) => record(`shop:orders_commented_${i}:rate5m`, promql(Object.assign([p.expr], { raw: [p.expr] }))));
const commentedStack = (text = (p: typeof positions[number]) => p.expr) => stack('commented', { namespace: 'shop', metrics: [orders, checkout], groups: [
  ruleGroup('commented', { rules: positions.map((p, i) => record(rules[i]!.name, promql(Object.assign([text(p)], { raw: [text(p)] })))) }),
] });
const summary = (issues: readonly { code: string; message: string }[]) => issues.map((i) => `${i.code}: ${i.message}`);

test('commented rules compile as their uncommented selves, with the labels of their expression', () => {
  const issues = summary(issuesOf(commentedStack()));
  assert.equal(issues, summary(issuesOf(commentedStack((p) => uncommented(p.expr)))));
  // what is left is stackc asking for written tests where it cannot derive them, as it does without comments
  assert.equal(issues.filter((i) => !i.startsWith('rule-tests/cannot-derive')), []);
  const { index } = stackIndex(toModel(commentedStack()));
  positions.forEach((p, i) => {
    const labels = index.series.get(rules[i]!.name)?.labels;
    assert.ok(labels, `${p.name}: labels are known`);
    assert.equal([...labels].sort(), [...p.labels].sort(), p.name);
  });
});

test('promtool accepts every commented expression and the tests derived for them pass', async () => {
  const { check, test: tests } = await promtool(commentedStack());
  assert.is(check.status, 'passed', described(check));
  assert.match(check.summary, new RegExp(`^promtool \\S+: ${positions.length} rules in 1 file$`));
  assert.is(tests.status, 'passed', described(tests));
  assert.match(tests.summary, new RegExp(`^promtool \\S+: ${positions.length} rules, [1-9]\\d* test cases$`));
});

test('a commented promql`…` is an operand and an argument like any other: the comment does not swallow the bracket', async () => {
  const noted = promql`sum by (shop) (${rate(orders, '5m')}) # per shop`;
  const def = stack('commented', { namespace: 'shop', metrics: [orders], groups: [ruleGroup('composed', { rules: [
    record('shop:orders_share:ratio_rate5m', promql`${noted} / ignoring (shop) group_left ${sum(noted)}`),
    record('shop:orders:sum_rate5m', sum(noted, { by: ['shop'] })),
  ] })] });
  assert.equal(summary(issuesOf(def)).filter((i) => !i.includes('does not evaluate group_left')), []);
  const { check } = await promtool(def);
  assert.is(check.status, 'passed', described(check));
});

// the labels stay known through comments, so a mistake in a rule built on a commented rule is still found
const paren = rules[positions.findIndex((p) => p.name.includes('parentheses'))]!;
const bad = (...more: Recording<string>[]) => stack('bad', { namespace: 'shop', metrics: [orders, checkout], groups: [ruleGroup('g', { rules: [paren, ...more] })] });
runCases(import.meta.url, [
  { name: 'a rule over a commented rule is still checked', code: 'promql/unknown-label', message: /label "status" does not exist on the input of sum/,
    marker: 'at:over-commented', stack: () => bad(record('shop:orders:by_status', promql`sum by (status) (${paren})`)) }, // at:over-commented
  { name: 'a commented expression is still checked', code: 'promql/unknown-label', message: /label "stauts" does not exist on the input of sum/, hint: /did you mean "status"/,
    column: 56, marker: 'at:commented', stack: () => bad(record('shop:orders:by_outcome', promql`# per outcome // at:commented
sum by ( # the outcome
  stauts) (rate(orders_total[5m]))`)) },
]);

test.run();
