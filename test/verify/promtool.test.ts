// The promtool judges on the fixture stack: they pass on its files, and fail, at the rule's line, when the files break.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { alertTestsFile } from '../../compiler/emit/rule-tests.ts';
import { alertsFile, recordingRulesFile } from '../../compiler/emit/rules.ts';
import { prometheusLocalFile } from '../../compiler/emit/prometheus-config.ts';
import type { AlertRule, RecordingRule } from '../../compiler/model.ts';
import { checkConfig } from '../../compiler/verify/promtool-check-config.ts';
import { checkRules } from '../../compiler/verify/promtool-check-rules.ts';
import { failedChecks, testRules } from '../../compiler/verify/promtool-test-rules.ts';
import { requireTool } from '../helpers/stack.ts';
import { describe, fixtureFile, judgeFixture, marked, queueStack, replaceIn } from './helpers.ts';

requireTool('promtool', 'prometheus');
const { stack } = queueStack;
const rules = stack.ruleGroups.flatMap((g) => g.rules);
const alerts = rules.filter((r): r is AlertRule => r.kind === 'alert');
const recordings = rules.filter((r): r is RecordingRule => r.kind === 'recording');
/** The warning alert derived from a metric's threshold, and that threshold. */
const derived = alerts.find((a) => a.threshold?.severity === 'warning')!;
const level = stack.metrics.find((m) => m.name === derived.threshold!.series)!.thresholds.find((t) => t.severity === 'warning')!;
/** The alert written with its own tests. */
const written = alerts.find((a) => a.tests.length > 0)!;

test('the promtool judges pass on the fixture and count what they judged', async () => {
  const check = await judgeFixture(checkRules);
  assert.is(check.status, 'passed', describe(check));
  assert.match(check.summary, new RegExp(`^promtool \\S+: ${rules.length} rules in 2 files$`));
  const tests = await judgeFixture(testRules);
  assert.is(tests.status, 'passed', describe(tests));
  const cases = [...queueStack.files].filter(([p]) => p.includes('/tests/')).reduce((n, [, t]) => n + (parse(t) as { tests: unknown[] }).tests.length, 0);
  assert.match(tests.summary, new RegExp(`^promtool \\S+: ${rules.length} rules, ${cases} test cases$`));
  const config = await judgeFixture(checkConfig);
  assert.is(config.status, 'passed', describe(config));
  assert.match(config.summary, /prometheus\.local\.yml valid \(2 rule files\)/);
});

test('promtool check rules rejects an expression Prometheus cannot parse, at the rule', async () => {
  const v = await judgeFixture(checkRules, (f) => replaceIn(f, alertsFile, `expr: ${derived.expr.text}`, `expr: ${derived.expr.text} >`));
  assert.is(v.status, 'failed');
  const f = v.failures.find((x) => x.where);
  assert.ok(f, describe(v));
  assert.equal(f!.where, derived.source);
  assert.equal(f!.path, [stack.name, 'work_health', `alert ${derived.name}`]);
});

test('a threshold changed in the emitted alert fails promtool test rules, mapped to the alerts the stack derived it from', async () => {
  const flipped = derived.expr.text.replace(String(level.value), String(level.value * 10));
  const v = await judgeFixture(testRules, (f) => replaceIn(f, alertsFile, `expr: ${derived.expr.text}\n`, `expr: ${flipped}\n`));
  assert.is(v.status, 'failed');
  assert.ok(v.failures.length > 0);
  for (const f of v.failures) {
    assert.match(f.message, `alertname: ${derived.name}`);
    assert.is(f.where?.file, fixtureFile);
    assert.is(f.where?.line, marked('backlog-alerts'), describe(v));
  }
});

test('a written test whose expectation is flipped fails at the test in the stack file', async () => {
  const name = `${written.name}: ${written.tests.find((t) => t.expect.length > 0)!.name}`;
  const v = await judgeFixture(testRules, (f) => {
    const doc = parse(f.get(alertTestsFile)!) as { tests: { name: string; alert_rule_test: { exp_alerts: unknown[] }[] }[] };
    doc.tests.find((t) => t.name === name)!.alert_rule_test[0]!.exp_alerts = [];
    f.set(alertTestsFile, JSON.stringify(doc));
  });
  assert.is(v.status, 'failed');
  assert.is(v.failures.length, 1, describe(v));
  assert.is(v.failures[0]!.where?.line, marked('stalled-test'));
  assert.equal(v.failures[0]!.path, [stack.name, 'work_health', `alert ${written.name}`, `test ${written.tests[0]!.name}`]);
});

test('a recording rule that drops its grouping fails, mapped to the recording rule', async () => {
  const rule = recordings[0]!;
  const v = await judgeFixture(testRules, (f) => replaceIn(f, recordingRulesFile, /sum by \(\w+\) /, 'sum '));
  assert.is(v.status, 'failed');
  assert.ok(v.failures.every((f) => f.where?.line === marked('rate') && f.path?.at(-1) === `record ${rule.name}`), describe(v));
});

test('promtool check config rejects a broken local profile at its line', async () => {
  const v = await judgeFixture(checkConfig, (f) => replaceIn(f, prometheusLocalFile, /scrape_interval: \S+/, 'scrape_interval: soon'));
  assert.is(v.status, 'failed');
  assert.match(v.failures[0]!.message, /prometheus\.local\.yml/);
});

test('promtool\'s report is split into one block per failed check', () => {
  const output = [
    'Unit Testing:  tests/a.test.yml',
    '  FAILED:',
    '    name: A: fires,',
    '    alertname: A, time: 1m, ',
    '        exp:[]',
    '        got:[]',
    '    expr: "b:rate5m", time: 2m,',
    '        exp: {} 1E+00',
    '        got: {} 2E+00',
    '',
  ].join('\n');
  const blocks = failedChecks(output);
  assert.is(blocks.length, 2);
  assert.match(blocks[0]!, /^ {4}name: A: fires,\n {4}alertname: A/);
  assert.match(blocks[1]!, /^ {4}expr: "b:rate5m"/);
});

test.run();
