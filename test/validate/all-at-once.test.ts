// Every problem of a run at once: a rule's annotations, test inputs and test expectations are checked even when its
// expression has problems of its own, and what depends on the expression says so.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { alert, counter, gauge, input, promql, rate, ruleGroup, ruleTest, stack, sum } from '../../dsl/index.ts';
import { issuesOf, lineOf, projectPath } from '../helpers/stack.ts';

const file = projectPath(import.meta.url);
const at = (marker: string) => `${file}:${lineOf(import.meta.url, `// ${marker}`)}`;
const where = (i: { where: { file: string; line: number } }) => `${i.where.file}:${i.where.line}`;

const jobs = counter({ name: 'jobs_failed_total', help: 'Failed jobs', labels: ['queue', 'reason'] });
const depth = gauge({ name: 'queue_depth', help: 'Jobs waiting', labels: ['queue'] });

test('a broken expression, an annotation, a test input and an expectation: four problems in one run', () => {
  const issues = issuesOf(stack('once', {
    namespace: 'jobs', metrics: [jobs, depth],
    groups: [ruleGroup('jobs', { rules: [
      alert({
        name: 'JobsFailing', severity: 'warning',
        expr: promql`${sum(rate(jobs, '5m'), { by: ['queue'] })} > 0 and rate(queue_depth[5m]) > 0`,
        summary: 'Jobs fail', description: '{{ $labels.reason }} in {{ $labels.queue }}',
        tests: [
          ruleTest({ name: 'fails', at: '10m', input: [input(jobs, { queue: 'a', reason: 'oom' }, '0+60x20'), { ...input(depth, { queue: 'a' }, '1+1x20'), labels: { queue: 'a', shard: '1' } }], // at:test-input
            expect: [{ labels: { queue: 'a', reason: 'oom' }, value: 1 }] }), // at:test-expect
          ruleTest({ name: 'quiet', at: '10m', input: [input(jobs, { queue: 'a', reason: 'oom' }, '0x20')], expect: [] }),
        ],
      }), // at:alert
    ] })],
  }));
  const summary = issues.map((i) => `${i.code} @${i.where.line}: ${i.message}`).join('\n');
  const byCode = (code: string) => issues.filter((i) => i.code === code);
  assert.ok(issues.some((i) => i.code.startsWith('promql/') && /rate\(\) needs a counter/.test(i.message)), summary);
  const annotation = byCode('rules/unknown-annotation-label');
  assert.is(annotation.length, 1, summary);
  assert.match(annotation[0]!.message, /\{\{ \$labels\.reason \}\}.*\[depends on the rule's expression/);
  const inputLabel = byCode('rule-tests/unknown-input-label');
  assert.is(inputLabel.length, 1, summary);
  assert.match(inputLabel[0]!.message, /test "fails" gives queue_depth a label "shard" it does not have/);
  assert.is(where(inputLabel[0]!), at('at:test-input'));
  const expected = byCode('rule-tests/unknown-label');
  assert.is(expected.length, 1, summary);
  assert.match(expected[0]!.message, /expects label reason/);
});

test('a test input with a misspelt label says "did you mean", at the test', () => {
  const issues = issuesOf(stack('typo', {
    namespace: 'jobs', metrics: [jobs],
    groups: [ruleGroup('jobs', { rules: [alert({
      name: 'JobsFailing', severity: 'warning', expr: promql`${sum(rate(jobs, '5m'), { by: ['queue'] })} > 0`, summary: 's', description: 'd',
      tests: [
        ruleTest({ name: 'fails', at: '10m', input: [{ ...input(jobs, { queue: 'a' }, '0+60x20'), labels: { queue: 'a', reasn: 'oom' } }], expect: [{ labels: { queue: 'a' }, value: 1 }] }), // at:typo
        ruleTest({ name: 'quiet', at: '10m', input: [input(jobs, { queue: 'a', reason: 'oom' }, '0x20')], expect: [] }),
      ],
    })] })],
  })).filter((i) => i.code.startsWith('rule-tests/'));
  assert.is(issues.length, 1, issues.map((i) => i.message).join('\n'));
  assert.is(issues[0]!.code, 'rule-tests/unknown-input-label');
  assert.is(where(issues[0]!), at('at:typo'));
  assert.match(issues[0]!.hint, /did you mean "reason"\?/);
  assert.not.match(issues[0]!.message, /depends on/);
});

test('a test input of a series the stack does not know names the closest one', () => {
  const issues = issuesOf(stack('unknown', {
    namespace: 'jobs', metrics: [jobs],
    groups: [ruleGroup('jobs', { rules: [alert({
      name: 'JobsFailing', severity: 'warning', expr: promql`${sum(rate(jobs, '5m'), { by: ['queue'] })} > 0`, summary: 's', description: 'd',
      tests: [
        ruleTest({ name: 'fails', at: '10m', input: [{ ...input(jobs, { queue: 'a' }, '0+60x20'), seriesName: 'jobs_fail_total' }], expect: [] }), // at:unknown-series
        ruleTest({ name: 'fires', at: '10m', input: [input(jobs, { queue: 'a', reason: 'oom' }, '0+60x20')], expect: [{ labels: { queue: 'a' }, value: 1 }] }),
      ],
    })] })],
  })).filter((i) => i.code === 'rule-tests/unknown-series');
  assert.is(issues.length, 1);
  assert.is(where(issues[0]!), at('at:unknown-series'));
  assert.match(issues[0]!.hint, /did you mean "jobs_failed_total"/);
});

test.run();
