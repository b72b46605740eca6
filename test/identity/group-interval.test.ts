// A rule group's `interval:` is emitted only when the stack set it: otherwise the group follows Prometheus' global
// evaluation_interval (the stack's evaluationInterval), which an emitted copy would silently override.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { compileStacks } from '../../compiler/compile.ts';
import { alertsFile } from '../../compiler/emit/rules.ts';
import { testRules } from '../../compiler/verify/promtool-test-rules.ts';
import { alertsFrom, gauge, ruleGroup, stack } from '../../dsl/index.ts';
import { describe, judgeFixture } from '../verify/helpers.ts';

const depth = gauge({ name: 'jobs_waiting', help: 'Jobs waiting', thresholds: { warning: { above: 10, for: '2m' } } });
const compiled = compileStacks([stack('intervals', {
  namespace: 'jobs',
  scrape: { evaluationInterval: '20s' },
  metrics: [depth],
  groups: [
    ruleGroup('own', { interval: '1m', rules: alertsFrom(depth, { warning: { name: 'JobsWaitingOwn' } }) }),
    ruleGroup('global', { rules: alertsFrom(depth, { warning: { name: 'JobsWaitingGlobal' } }) }),
  ],
})])[0]!;

test('a group without its own interval is emitted without one; a group with one keeps it', () => {
  const doc = parse(compiled.files.get(alertsFile)!) as { groups: { name: string; interval?: string }[] };
  assert.equal(doc.groups.map((g) => [g.name, g.interval]), [['own', '1m'], ['global', undefined]]);
});

test('the model keeps the effective interval and whether the stack set it', () => {
  assert.equal(compiled.stack.ruleGroups.map((g) => [g.interval, g.intervalSet]), [['1m', true], ['20s', false]]);
});

test('promtool runs the generated tests of both groups', async () => {
  const v = await judgeFixture(testRules, undefined, compiled);
  assert.is(v.status, 'passed', describe(v));
});

test.run();
