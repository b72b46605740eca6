// Rule fields Prometheus 2.42 and 3 both read: an alert's keep_firing_for and a group's limit, emitted as written,
// accepted by promtool, and refused at compile time when Prometheus would refuse them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { alertsFile } from '../../compiler/emit/rules.ts';
import { checkRules as promtoolCheckRules } from '../../compiler/verify/promtool-check-rules.ts';
import { withScratch } from '../../compiler/verify/scratch.ts';
import { alert, counter, input, promql, rate, ruleGroup, ruleTest, stack, sum } from '../../dsl/index.ts';
import { compileValid, issuesOf, lineOf, requireTool } from '../helpers/stack.ts';
import { describe } from '../verify/helpers.ts';

requireTool('promtool', 'prometheus');
const jobs = counter({ name: 'jobs_failed_total', help: 'Failed jobs', labels: ['queue'] });
const failing = (o: { keepFiringFor?: '10m' | '5 minutes'; limit?: number }) => stack('jobs', {
  namespace: 'jobs', metrics: [jobs],
  groups: [ruleGroup('jobs', { // MARK-group
    ...(o.limit !== undefined ? { limit: o.limit } : {}),
    rules: [alert({
      name: 'JobsFailing', severity: 'warning', summary: 'Jobs fail', description: 'Jobs fail in {{ $labels.queue }}',
      expr: promql`${sum(rate(jobs, '5m'), { by: ['queue'] })} > 0.1`,
      ...(o.keepFiringFor !== undefined ? { keepFiringFor: o.keepFiringFor as '10m' } : {}),
      tests: [
        ruleTest({ name: 'fails', input: [input(jobs, { queue: 'mail' }, '0+60x20')], at: '10m', expect: [{ labels: { queue: 'mail' }, value: 1 }] }),
        ruleTest({ name: 'quiet', input: [input(jobs, { queue: 'mail' }, '0x20')], at: '10m', expect: [] }),
      ],
    })],
  })],
});

test('keepFiringFor and limit are emitted as keep_firing_for and limit, and promtool accepts them', async () => {
  const { model, files } = compileValid(failing({ keepFiringFor: '10m', limit: 500 }));
  const doc = parse(files.get(alertsFile)!) as { groups: { limit?: number; rules: { keep_firing_for?: string }[] }[] };
  assert.is(doc.groups[0]!.limit, 500);
  assert.is(doc.groups[0]!.rules[0]!.keep_firing_for, '10m');
  const v = await withScratch(model.name, files, (dir) => promtoolCheckRules({ stack: model, files, dir }));
  assert.is(v.status, 'passed', describe(v));
  const plain = parse(compileValid(failing({})).files.get(alertsFile)!) as { groups: Record<string, unknown>[] };
  assert.not.ok('limit' in plain.groups[0]!, 'no limit: the field is left out');
});

test('a limit that is not a whole number of series, or a keepFiringFor that is not a duration, is a located error', () => {
  for (const limit of [-1, 1.5, Number.NaN]) {
    const found = issuesOf(failing({ limit })).filter((i) => i.code === 'rules/limit');
    assert.is(found.length, 1, String(limit));
    assert.is(found[0]!.where.line, lineOf(import.meta.url, '// MARK-group'));
  }
  assert.ok(issuesOf(failing({ keepFiringFor: '5 minutes' })).some((i) => i.code === 'rules/invalid-duration' && i.message.includes('keepFiringFor')));
});

test.run();
