import { test } from 'uvu';
import { alert, counter, gauge, input, promql, rate, record, ruleGroup, ruleTest, stack, sum } from '../../dsl/index.ts';
import type { AlertDefinition, Recording } from '../../dsl/rules.ts';
import { alertsFrom } from '../../dsl/rules.ts';
import { runCases } from './cases.ts';

const failed = counter({ name: 'failed_total', help: 'Failures', labels: ['action_type'] });
const depth = gauge({ name: 'queue_depth', help: 'Depth', thresholds: { warning: { above: 10 } } });
const bad = (...rules: (AlertDefinition | Recording<string>)[]) =>
  stack('bad', { namespace: 'bad', metrics: [failed, depth], groups: [ruleGroup('g', { rules })] });
const expr = promql`${sum(rate(failed, '5m'), { by: ['action_type'] })} > 0`;

runCases(import.meta.url, [
  { name: 'alert on a raw expression without tests', code: 'rule-tests/missing', message: /alert Failing has no test at all/, hint: /ruleTest/,
    marker: 'at:missing', stack: () => bad(alert({ name: 'Failing', expr, severity: 'critical', summary: 's', description: 'd' })) }, // at:missing
  { name: 'alert tested only where it fires', code: 'rule-tests/missing', message: /no test in which it stays silent/,
    marker: 'at:no-silent', stack: () => bad(alert({ name: 'Failing', expr, severity: 'critical', summary: 's', description: 'd', tests: [ // at:no-silent
      ruleTest({ name: 'fires', input: [input(failed, { action_type: 'x' }, '0+1x40')], at: '10m', expect: [{ labels: { action_type: 'x' }, value: 1 / 15 }] })] })) },
  { name: 'test expecting a label the expression drops', code: 'rule-tests/unknown-label', message: /expects label pod, which the alert's expression does not return/,
    marker: 'at:test-label', stack: () => bad(alert({ name: 'Failing', expr, severity: 'critical', summary: 's', description: 'd', tests: [
      ruleTest({ name: 'fires', input: [input(failed, { action_type: 'x' }, '0+1x40')], at: '10m', expect: [{ labels: { action_type: 'x', pod: 'p' }, value: 1 }] }), // at:test-label
      ruleTest({ name: 'silent', input: [], at: '10m', expect: [] })] })) },
  { name: 'recording rule the compiler cannot predict', code: 'rule-tests/cannot-derive', message: /cannot predict what job:failed:labelled records \(it does not evaluate label_replace\(\)\)/,
    marker: 'at:derive', stack: () => bad(record('job:failed:labelled', promql`label_replace(${rate(failed, '5m')}, "kind", "$1", "action_type", "(.*)")`)) }, // at:derive
  { name: 'annotation the generator cannot render', code: 'rule-tests/template', message: /uses query, which only a running Prometheus can evaluate/,
    marker: 'at:render', stack: () => bad(...alertsFrom(depth, { description: '{{ with query "up" }}{{ . | first | value }}{{ end }}' })) }, // at:render
]);

test.run();
