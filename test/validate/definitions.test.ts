// One definition per series: two objects that define one name differently never compile; a used metric or
// recording rule that is not part of the stack is an error, not silently added.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { alertsFrom, counter, dashboard, gauge, input, panel, promql, rate, record, ruleGroup, ruleTest, stack, sum } from '../../dsl/index.ts';
import { issuesOf, lineOf, projectPath } from '../helpers/stack.ts';

const file = projectPath(import.meta.url);
const at = (marker: string) => `${file}:${lineOf(import.meta.url, `// ${marker}`)}`;
const own = (issues: ReturnType<typeof issuesOf>) => issues.filter((i) => i.code.startsWith('definitions/'));

const queueOld = gauge({ name: 'queue_depth', help: 'Jobs waiting', thresholds: { warning: { above: 75, for: '2m' } } }); // at:old
const queueNew = gauge({ name: 'queue_depth', help: 'Jobs waiting', thresholds: { warning: { above: 70, for: '2m' } } }); // at:new
const queueCopy = gauge({ name: 'queue_depth', help: 'Jobs waiting', thresholds: { warning: { above: 70, for: '2m' } } });

test('a reused rule group and dashboard that hold an older object of a listed metric: one error naming both places and the difference', () => {
  const issues = own(issuesOf(stack('reuse', {
    namespace: 'jobs', metrics: [queueNew],
    groups: [ruleGroup('queue', { rules: alertsFrom(queueOld) })],
    dashboards: [dashboard({ uid: 'jobs', title: 'Jobs', panels: [panel.timeseries(queueOld)] })],
  })));
  assert.is(issues.length, 1, issues.map((i) => i.message).join('\n'));
  const [i] = issues;
  assert.is(i!.code, 'definitions/conflict');
  assert.is(`${i!.where.file}:${i!.where.line}`, at('at:old'));
  assert.match(i!.message, new RegExp(`the one at ${at('at:new')}`));
  assert.match(i!.message, /alert QueueDepthWarning/);
  assert.match(i!.message, /panel "Jobs waiting" of dashboard jobs|panel ".*" of dashboard jobs/);
  assert.match(i!.message, /thresholds \{"warning":\{"above":75,"for":"2m"\}\} here, \{"warning":\{"above":70,"for":"2m"\}\} there/);
  assert.equal(i!.path, ['reuse', 'metric queue_depth']);
  assert.match(i!.hint, /define queue_depth once/);
});

test('a test input built from an older object is a conflict too', () => {
  const jobs = counter({ name: 'jobs_done_total', help: 'Jobs done', labels: ['queue'] });
  const jobsOld = counter({ name: 'jobs_done_total', help: 'Jobs finished', labels: ['queue'] }); // at:old-counter
  const issues = own(issuesOf(stack('tests', {
    namespace: 'jobs', metrics: [jobs],
    groups: [ruleGroup('jobs', { rules: [record('queue:jobs_done:rate5m', sum(rate(jobs, '5m'), { by: ['queue'] }), {
      tests: [ruleTest({ name: 'one per second', at: '10m', input: [input(jobsOld, { queue: 'a' }, '0+60x20')], expect: [{ labels: { queue: 'a' }, value: 1 }] })],
    })] })],
  })));
  assert.is(issues.length, 1);
  assert.is(`${issues[0]!.where.file}:${issues[0]!.where.line}`, at('at:old-counter'));
  assert.match(issues[0]!.message, /test "one per second" of record queue:jobs_done:rate5m/);
  assert.match(issues[0]!.message, /help "Jobs finished" here, "Jobs done" there/);
});

test('identical copies of one definition agree, so they compile', () => {
  const issues = own(issuesOf(stack('copies', {
    namespace: 'jobs', metrics: [queueNew],
    groups: [ruleGroup('queue', { rules: alertsFrom(queueCopy) })],
  })));
  assert.equal(issues, []);
});

test('a metric used by an alert but missing from metrics is an error at the metric, with the fix', () => {
  const backlog = gauge({ name: 'backlog_items', help: 'Backlog', thresholds: { critical: { above: 1000 } } }); // at:unlisted
  const issues = issuesOf(stack('unlisted', { namespace: 'jobs', metrics: [queueNew], groups: [ruleGroup('backlog', { rules: alertsFrom(backlog) })] }));
  // one root cause, one issue: the alert's expression and its derived tests are checked as if the metric were listed
  assert.is(issues.length, 1, issues.map((i) => `${i.code}: ${i.message}`).join('\n'));
  assert.is(issues[0]!.code, 'definitions/not-listed');
  assert.is(`${issues[0]!.where.file}:${issues[0]!.where.line}`, at('at:unlisted'));
  assert.match(issues[0]!.message, /metric backlog_items is used by alert BacklogItemsCritical but is not in the stack's metrics/);
  assert.match(issues[0]!.hint, /metrics: \[\.\.\., backlog_items\]/);
});

test('a recording rule a panel queries but no rule group holds is an error', () => {
  const rated = record('queue:depth:max', promql`max(${queueNew})`); // at:unrecorded
  const issues = own(issuesOf(stack('unrecorded', {
    namespace: 'jobs', metrics: [queueNew], groups: [],
    dashboards: [dashboard({ uid: 'q', title: 'Q', panels: [panel.stat(rated, { title: 'Deepest queue' })] })],
  })));
  assert.is(issues.length, 1);
  assert.is(issues[0]!.code, 'definitions/not-recorded');
  assert.is(`${issues[0]!.where.file}:${issues[0]!.where.line}`, at('at:unrecorded'));
  assert.match(issues[0]!.message, /panel "Deepest queue" of dashboard q/);
});

test.run();
