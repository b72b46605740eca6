// An alert in alerts.yml reading a recording rule of recording-rules.yml: its tests feed raw series, so promtool must
// load the recording rules too and evaluate them before the alerts at each step.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { testRules } from '../../compiler/verify/promtool-test-rules.ts';
import { withScratch } from '../../compiler/verify/scratch.ts';
import { alert, counter, input, promql, rate, record, ruleGroup, ruleTest, stack, sum } from '../../dsl/index.ts';
import { compileValid, requireTool } from '../helpers/stack.ts';
import { describe } from '../verify/helpers.ts';

requireTool('promtool', 'prometheus');
const failed = counter({ name: 'jobs_failed_total', help: 'Failed jobs', labels: ['queue'] });
const failing = record('queue:jobs_failed:rate5m', sum(rate(failed, '5m'), { by: ['queue'] }));
const compiled = compileValid(stack('jobs', {
  namespace: 'jobs', metrics: [failed],
  groups: [
    ruleGroup('jobs_recorded', { rules: [failing] }),
    ruleGroup('jobs', {
      rules: [alert({
        name: 'JobsFailing', severity: 'critical', summary: 'Jobs fail', description: 'Jobs fail in {{ $labels.queue }}',
        expr: promql`${failing} > 0.1`,
        tests: [
          ruleTest({ name: 'fails', input: [input(failed, { queue: 'mail' }, '0+60x20')], at: '4m', expect: [{ labels: { queue: 'mail' }, value: 1 }] }),
          ruleTest({ name: 'quiet', input: [input(failed, { queue: 'mail' }, '0x20')], at: '4m', expect: [] }),
        ],
      })],
    }),
  ],
}));

test('the alert tests load both rule files, recording groups first', () => {
  const doc = parse(compiled.files.get('prometheus/tests/alerts.test.yml')!) as { rule_files: string[]; group_eval_order: string[] };
  assert.equal(doc.rule_files, ['../recording-rules.yml', '../alerts.yml']);
  assert.equal(doc.group_eval_order, ['jobs_recorded', 'jobs']);
});

test('promtool computes the recorded series from the raw inputs and the alert fires on it', async () => {
  const v = await withScratch(compiled.model.name, compiled.files, (dir) => testRules({ stack: compiled.model, files: compiled.files, dir }));
  assert.is(v.status, 'passed', describe(v));
});

test.run();
