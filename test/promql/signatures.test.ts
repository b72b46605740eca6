// Function and aggregation calls are typed as Prometheus' parser types them: argument kinds, how many, what comes
// back. Each refused call is refused by promtool too, and the calls rule sets make every day still compile.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { counter, gauge, promql, record, ruleGroup, stack } from '../../dsl/index.ts';
import { describeSignature, functions } from '../../compiler/promql/functions.ts';
import { described, promtool } from './promtool.ts';

const jobs = counter({ name: 'jobs_total', help: 'Jobs', labels: ['queue'] });
const depth = gauge({ name: 'queue_depth', help: 'Depth', labels: ['queue'] });
const withRule = (name: string, expr: ReturnType<typeof promql>) =>
  stack(name, { namespace: 'jobs', metrics: [jobs, depth], groups: [ruleGroup('jobs', { rules: [record('queue:x:y', expr)] })] });

const refused = [
  { expr: promql`rate(jobs_total)`, code: 'promql/argument-type', message: /argument 1 of rate\(\) must be a range vector, got an instant vector/, hint: /rate\(x\[5m\]\)/ },
  { expr: promql`abs(queue_depth[5m])`, code: 'promql/argument-type', message: /argument 1 of abs\(\) must be an instant vector, got a range vector/, hint: /_over_time/ },
  { expr: promql`sum(queue_depth[5m])`, code: 'promql/argument-type', message: /argument 1 of sum\(\) must be an instant vector, got a range vector/, hint: /avg_over_time/ },
  { expr: promql`topk("5", queue_depth)`, code: 'promql/argument-type', message: /argument 1 of topk\(\) must be a scalar \(a number\), got a string/, hint: /topk\(scalar, vector\)/ },
  { expr: promql`round(queue_depth, 1, 2)`, code: 'promql/arity', message: /round\(\) takes 1 to 2 arguments, got 3/, hint: /round\(vector\[, scalar\]\)/ },
  { expr: promql`clamp_max(queue_depth)`, code: 'promql/arity', message: /clamp_max\(\) takes 2 arguments, got 1/, hint: /clamp_max\(vector, scalar\)/ },
  { expr: promql`histogram_quantile(0.9)`, code: 'promql/arity', message: /histogram_quantile\(\) takes 2 arguments, got 1/ },
  { expr: promql`label_join(queue_depth, "x")`, code: 'promql/arity', message: /label_join\(\) takes at least 3 arguments, got 2/ },
  { expr: promql`queue_depth[5m] > 1`, code: 'promql/argument-type', message: /">" works on instant vectors and scalars, but this side is a range vector/ },
];

for (const c of refused) {
  test(`${c.expr.text}: refused by promtool, and by compile with the rule and a fix`, async () => {
    const { check, issues } = await promtool(withRule('bad', c.expr));
    assert.is(check.status, 'failed', `promtool accepted it: ${described(check)}`);
    const own = issues.filter((i) => i.code.startsWith('promql/'));
    assert.is(own.length, 1, issues.map((i) => `${i.code}: ${i.message}`).join('\n'));
    assert.is(own[0]!.code, c.code);
    assert.match(own[0]!.message, c.message);
    if (c.hint) assert.match(own[0]!.hint, c.hint);
    assert.ok(own[0]!.where.line > 0 && own[0]!.expr, 'located, with the expression and a caret');
  });
}

test('the calls rule sets make compile, and promtool agrees', async () => {
  const expr = promql`
    clamp_min(sum by (queue) (rate(jobs_total[5m])), 0)
    + on (queue) group_left () max by (queue) (quantile_over_time(0.9, queue_depth[10m]))
    + on (queue) count_values without (queue) ("depth", queue_depth) * 0
    + on (queue) topk(3, predict_linear(queue_depth[1h], 3600))
    + on (queue) label_join(round(avg_over_time(queue_depth[5m:1m]), 0.5), "copy", "-", "queue", "queue")
    + scalar(sum(queue_depth)) + vector(1) * 0 + time() - time() + hour() * 0`;
  const { check, issues } = await promtool(withRule('good', expr));
  assert.equal(issues.filter((i) => i.code === 'promql/arity' || i.code === 'promql/argument-type'), []);
  assert.is(check.status, 'passed', described(check));
});

test('signatures read as Prometheus documents them', () => {
  assert.is(describeSignature('round', functions.round!), 'round(vector[, scalar])');
  assert.is(describeSignature('label_join', functions.label_join!), 'label_join(vector, string, string[, string, …])');
  assert.is(describeSignature('hour', functions.hour!), 'hour([vector])');
  assert.is(describeSignature('time', functions.time!), 'time()');
});

test.run();
