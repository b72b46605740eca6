// Rule tests model the exporter: a labelled counter the registry does not start at 0 has no series before its first
// update, so leading 0 samples written in a test become absent ones. An alert on `increase(x[5m]) > 0` then fires on
// the first event only when the counter's label values are declared (the registry starts them at 0); promtool is
// the judge of both.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { leadingZerosAbsent } from '../../compiler/rule-tests/exposed.ts';
import { testRules } from '../../compiler/verify/promtool-test-rules.ts';
import { withScratch } from '../../compiler/verify/scratch.ts';
import { alert, counter, increase, input, open, promql, ruleGroup, ruleTest, stack, sum } from '../../dsl/index.ts';
import { compileValid, requireTool } from '../helpers/stack.ts';
import { describe } from '../verify/helpers.ts';

requireTool('promtool', 'prometheus');

test('leading 0 samples become absent ones; the rest is kept as written', () => {
  assert.is(leadingZerosAbsent('0x30 1x10'), '_x31 1x10');
  assert.is(leadingZerosAbsent('0+3x60'), '_x1 3+3x59');
  assert.is(leadingZerosAbsent('0+2x1 5'), '_x1 2 5');
  assert.is(leadingZerosAbsent('0 0 _x2 0x1 4 0'), '_x6 4 0');
  assert.is(leadingZerosAbsent('3x40'), '3x40');
  assert.is(leadingZerosAbsent('0x20'), '_x21');
  assert.is(leadingZerosAbsent('stale 0x2'), 'stale 0x2');
});

const events = (labels: 'declared' | 'open') => counter({
  name: 'payments_declined_total', help: 'Declined payments',
  labels: labels === 'declared' ? { reason: ['fraud', 'funds', 'expired'] } : { reason: open },
});
const compiled = (labels: 'declared' | 'open') => {
  const declined = events(labels);
  return compileValid(stack('pay', {
    namespace: 'pay', metrics: [declined],
    groups: [ruleGroup('pay', {
      rules: [alert({
        name: 'PaymentDeclined', severity: 'warning', summary: 'A payment was declined', description: '{{ $labels.reason }}',
        expr: promql`${sum(increase(declined, '5m'), { by: ['reason'] })} > 0`,
        tests: [
          ruleTest({ name: 'the first decline fires', input: [input(declined, { reason: 'fraud' }, '0x30 1x10')], at: '10m', expect: [{ labels: { reason: 'fraud' }, value: 1 }] }),
          ruleTest({ name: 'no decline stays silent', input: [input(declined, { reason: 'fraud' }, '0x40')], at: '10m', expect: [] }),
        ],
      })],
    })],
  }));
};
const judged = (c: ReturnType<typeof compiled>) => withScratch(c.model.name, c.files, (dir) => testRules({ stack: c.model, files: c.files, dir }));
const inputsOf = (c: ReturnType<typeof compiled>) =>
  (parse(c.files.get('prometheus/tests/alerts.test.yml')!) as { tests: { input_series: { values: string }[] }[] }).tests.map((t) => t.input_series[0]!.values);

test('declared values: the registry starts the series at 0, the inputs keep their zeros, and the first event fires', async () => {
  const c = compiled('declared');
  assert.equal(inputsOf(c), ['0x30 1x10', '0x40']);
  const v = await judged(c);
  assert.is(v.status, 'passed', describe(v));
});

test('an open label: the series is born at 1, and promtool shows the alert misses the first event', async () => {
  const c = compiled('open');
  assert.equal(inputsOf(c), ['_x31 1x10', '_x41']);
  const v = await judged(c);
  assert.is(v.status, 'failed');
  assert.match(v.failures[0]!.message, /the first decline fires/);
  assert.match(v.failures[0]!.message, /got:\[\]/);
  assert.match(v.failures[0]!.message, /exposes payments_declined_total only from its first update/);
});

test.run();
