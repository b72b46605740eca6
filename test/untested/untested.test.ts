// Tests stay mandatory; `tests: untested('reason')` leaves a rule without tests on purpose, with a reason that is
// required, counted by compile and listed by verify.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileStacks } from '../../compiler/compile.ts';
import { alertTestsFile, recordingTestsFile } from '../../compiler/emit/rule-tests.ts';
import { untestedList, untestedSummary } from '../../compiler/rule-tests/untested.ts';
import { testRules } from '../../compiler/verify/promtool-test-rules.ts';
import { alert, counter, promql, record, ruleGroup, stack, untested } from '../../dsl/index.ts';
import { issuesOf, lineOf, projectPath, requireTool, root, stackc } from '../helpers/stack.ts';
import { describe, judgeFixture } from '../verify/helpers.ts';
import { withUntested } from './stacks.ts';

requireTool('promtool', 'prometheus');
const compiled = compileStacks([withUntested])[0]!;
const reasons = 'BatchJobsMissing (absent() fires on an empty test input, so a test shows nothing the rule does not already say), ' +
  'queue:batch_jobs:rate5m_max (a subquery over another recording rule)';

test('rules marked untested compile, and get no test of their own', () => {
  const tests = [compiled.files.get(alertTestsFile)!, compiled.files.get(recordingTestsFile)!].join('\n');
  assert.not.match(tests, /BatchJobsMissing|rate5m_max/);
  assert.match(tests, /BatchBacklogItemsWarning/);
});

test('compile counts them in one line; verify lists them with their reasons in the promtool test rules line', async () => {
  assert.is(untestedSummary([compiled.stack]), '2 rules untested on purpose (untested-rules: 2); `npm run verify` lists them with their reasons');
  assert.is(untestedList(compiled.stack), `2 rules untested: ${reasons}`);
  const v = await judgeFixture(testRules, undefined, compiled);
  assert.is(v.status, 'passed', describe(v));
  assert.ok(v.summary.endsWith(`; 2 rules untested: ${reasons}`), v.summary);
});

const jobs = counter({ name: 'batch_jobs_total', help: 'Batch jobs run', labels: ['queue'] });
const small = (rules: Parameters<typeof ruleGroup>[1]['rules']) => stack('bad', { namespace: 'batch', metrics: [jobs], groups: [ruleGroup('batch', { rules })] });

test('tests stay mandatory: the same alert without untested() has no test and is refused', () => {
  const issues = issuesOf(small([alert({ name: 'BatchJobsMissing', severity: 'warning', expr: promql`absent(${jobs})`, summary: 's', description: 'd' })]));
  assert.equal(issues.map((i) => i.code), ['rule-tests/missing']);
});

test('an untested mark without a reason is an error at the untested() call', () => {
  for (const reason of ['', '   ']) {
    const issues = issuesOf(small([
      alert({ name: 'BatchJobsMissing', severity: 'warning', expr: promql`absent(${jobs})`, summary: 's', description: 'd',
        tests: untested(reason) }), // at:empty-reason
    ]));
    assert.equal(issues.map((i) => i.code), ['rule-tests/untested-reason']);
    assert.is(`${issues[0]!.where.file}:${issues[0]!.where.line}`, `${projectPath(import.meta.url)}:${lineOf(import.meta.url, '// at:empty-reason')}`);
    assert.match(issues[0]!.message, /alert BatchJobsMissing is marked untested without a reason/);
    assert.match(issues[0]!.hint, /untested\('/);
  }
  const recording = issuesOf(small([record('queue:batch_jobs:absent', promql`absent(${jobs})`, { tests: untested('') })]));
  assert.equal(recording.map((i) => i.code), ['rule-tests/untested-reason']);
});

test('npm run compile prints the count of untested rules in one line', () => {
  const rel = `.tmp/untested-${process.pid}`;
  const scratch = join(root, rel);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(join(scratch, 'stacks'), { recursive: true });
  writeFileSync(join(scratch, 'stacks', 'batch.ts'), `export { withUntested } from '../../../test/untested/stacks.ts';\n`);
  try {
    const r = spawnSync(process.execPath, stackc('compile', '--stacks', `${rel}/stacks`, '--out', `${rel}/out`), { cwd: root, encoding: 'utf8' });
    assert.is(r.status, 0, r.stdout + r.stderr);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('ℹ'));
    assert.equal(lines, ['ℹ 2 rules untested on purpose (untested-rules: 2); `npm run verify` lists them with their reasons']);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test.run();
