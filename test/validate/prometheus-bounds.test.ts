// What Prometheus refuses to load is refused at compile: an annotation key that is not a label name, a duration past
// what Prometheus parses (a Go time.Duration, about 292 years).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { alert, alertsFrom, gauge, promql, ruleGroup, stack } from '../../dsl/index.ts';
import { maxDurationMs, parseDuration } from '../../compiler/duration.ts';
import { issuesOf } from '../helpers/stack.ts';
import { runCases } from './cases.ts';

const depth = gauge({ name: 'queue_depth', help: 'Jobs waiting', labels: ['queue'] });
const bad = (rules: Parameters<typeof ruleGroup>[1]['rules']) => stack('bad', { namespace: 'bad', metrics: [depth], groups: [ruleGroup('g', { rules })] });

runCases(import.meta.url, [
  { name: 'an annotation key with a dash', code: 'rules/annotation-name', message: /annotation "runbook-url" is not a valid annotation name/, hint: /runbook_url/,
    marker: 'at:annotation', stack: () => bad([alert({ name: 'Deep', severity: 'warning', expr: promql`${depth} > 10`, summary: 's', description: 'd', annotations: { 'runbook-url': 'https://runbooks/deep' } })]) }, // at:annotation
  { name: 'a for past 292 years', code: 'rules/invalid-duration', message: /for: "300y" is not a valid duration/, hint: /292 years/,
    marker: 'at:for', stack: () => bad([alert({ name: 'Deep', severity: 'warning', for: '300y', expr: promql`${depth} > 10`, summary: 's', description: 'd' })]) }, // at:for
]);

test('durations stop where Prometheus\' do: 292y parses, 293y is out of range', () => {
  assert.ok(parseDuration('292y')! < maxDurationMs);
  assert.is(parseDuration('293y'), undefined);
  assert.is(parseDuration('1h30m'), 5_400_000);
});

test('a threshold\'s for past the range is reported at the threshold', () => {
  const deep = gauge({ name: 'backlog_items', help: 'Backlog', thresholds: { warning: { above: 10, for: '1000y' } } });
  const issues = issuesOf(stack('bad', { namespace: 'bad', metrics: [deep], groups: [ruleGroup('g', { rules: alertsFrom(deep) })] }));
  assert.ok(issues.some((i) => i.code === 'thresholds/invalid-duration' && /"1000y" is not a valid duration/.test(i.message)), issues.map((i) => i.message).join('\n'));
});

test.run();
