// What promtool reads in a generated test: input values in its series notation (a bad token is a compile error at
// the test), and annotations rendered the way Prometheus' Go templates render them, trim markers included.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { alert, counter, input, promql, rate, ruleGroup, ruleTest, stack, sum } from '../../dsl/index.ts';
import { badValues } from '../../compiler/rule-tests/inputs.ts';
import { renderAnnotation } from '../../compiler/rule-tests/templates.ts';
import { issuesOf, lineOf, projectPath } from '../helpers/stack.ts';
import { described, promtool } from '../promql/promtool.ts';

const jobs = counter({ name: 'jobs_failed_total', help: 'Failed jobs', labels: ['queue'] });

const failing = (description: string, values = '0+60x40') => stack('tmpl', {
  namespace: 'jobs', metrics: [jobs],
  groups: [ruleGroup('jobs', { rules: [alert({
    name: 'JobsFailing', severity: 'warning', expr: promql`${sum(rate(jobs, '5m'), { by: ['queue'] })} > 0`, summary: 'Jobs fail', description,
    tests: [
      ruleTest({ name: 'fails', at: '10m', input: [input(jobs, { queue: 'mail' }, values)], expect: [{ labels: { queue: 'mail' }, value: 4 }] }), // at:values
      ruleTest({ name: 'quiet', at: '10m', input: [input(jobs, { queue: 'mail' }, '0x40')], expect: [] }),
    ],
  })] })],
});

test('promtool\'s series notation: values, expansions, gaps and stale pass; anything else is named', () => {
  for (const ok of ['0+60x20', '85x40 21', '1 2 3 _ _x3 stale', 'Inf -Inf NaN', '1e3 1.5e-2x4', '5-1x4', '.5 +3']) assert.equal(badValues(ok), [], ok);
  assert.equal(badValues('0x20 oops'), ['oops']);
  assert.equal(badValues('5x'), ['5x']);
  assert.equal(badValues('  '), ['(nothing)']);
});

test('a test input promtool cannot read fails compile at the test, and promtool agrees', async () => {
  const def = failing('{{ $labels.queue }} fails', '0+60x40 oops');
  const issues = issuesOf(def).filter((i) => i.code === 'rule-tests/input-values');
  assert.is(issues.length, 1);
  assert.is(`${issues[0]!.where.file}:${issues[0]!.where.line}`, `${projectPath(import.meta.url)}:${lineOf(import.meta.url, '// at:values')}`);
  assert.match(issues[0]!.message, /which promtool cannot read \("oops"\)/);
  const { test: run } = await promtool(def);
  assert.is(run.status, 'failed', described(run));
});

test('trim markers drop the whitespace Go\'s templates drop', () => {
  assert.is(renderAnnotation('{{- $labels.queue -}} is  failing', { queue: 'mail' }, 1), 'mailis  failing');
  assert.is(renderAnnotation('queue:  {{- $labels.queue }}  now', { queue: 'mail' }, 1), 'queue:mail  now');
});

test('an alert whose annotation uses trim markers gets a generated test promtool passes', async () => {
  // humanize: Prometheus 3's rate() of these inputs is 3.9999999999999996 (left-open window, extrapolated), 2's is 4
  const { test: run, issues } = await promtool(failing('queue:  {{- $labels.queue -}}  failing at {{ $value | humanize }}'));
  assert.equal(issues, []);
  assert.is(run.status, 'passed', described(run));
});

test.run();
