// The dispatcher: every judge of the table runs on the stack's files in a scratch folder laid out as out/<stack>/,
// which is removed afterwards; a judge that throws is one failed line and the others still run.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { judges } from '../../compiler/verify/judges.ts';
import { verifyStack } from '../../compiler/verify/verify.ts';
import { failureReport, resultLines, totals, totalsLine, totalsPattern } from '../../compiler/verify/report.ts';
import { queueStack } from './helpers.ts';

const { stack, files } = queueStack;

test('judges see the files under <scratch>/<stack>/, and the scratch folder is gone afterwards', async () => {
  let seen = '';
  const results = await verifyStack(queueStack, {
    live: false,
    judges: [{
      name: 'reads the files',
      run: async ({ dir }) => {
        seen = dir;
        const same = [...files].every(([p, c]) => readFileSync(join(dir, p), 'utf8') === c);
        return { status: same ? 'passed' : 'failed', summary: `${files.size} files`, failures: [] };
      },
    }],
  });
  assert.is(basename(seen), stack.name);
  assert.not.ok(existsSync(seen));
  assert.equal(results, [{ judge: 'reads the files', stack: stack.name, status: 'passed', summary: `${files.size} files`, failures: [] }]);
});

test('a judge that throws is a failed line; the next judge still runs', async () => {
  const results = await verifyStack(queueStack, {
    live: false,
    judges: [
      { name: 'throws', run: async () => { throw new Error('tool exploded\nat somewhere'); } },
      { name: 'passes', run: async () => ({ status: 'passed', summary: 'fine', failures: [] }) },
    ],
  });
  assert.equal(results.map((r) => [r.judge, r.status]), [['throws', 'failed'], ['passes', 'passed']]);
  assert.is(results[0]!.summary, 'the judge crashed: tool exploded');
  assert.equal(totals(results), { passed: 1, failed: 1, skipped: 0 });
});

test('output: one line per judge, failures with file:line and logical path, totals the test runner reads', () => {
  const where = { file: 'stacks/x.ts', line: 7, column: 3 };
  const results = [
    { judge: 'promtool test rules', stack: 'x', status: 'failed' as const, summary: '2 rules, 4 test cases', failures: [{ message: 'alertname: A\n  got: []', where, path: ['x', 'g', 'alert A'] }] },
    { judge: 'amtool check-config', stack: 'x', status: 'skipped' as const, summary: 'amtool is not installed', failures: [] },
  ];
  assert.equal(resultLines(results), ['✖ x  promtool test rules  2 rules, 4 test cases', '– x  amtool check-config  skipped: amtool is not installed']);
  assert.is(failureReport(results), '✖ x  promtool test rules\n  stacks/x.ts:7:3  x › g › alert A\n    alertname: A\n      got: []');
  const line = totalsLine(totals(results));
  assert.is(line, '0 passed, 1 failed, 1 skipped');
  assert.equal(totalsPattern.exec(`…\n${line}\n`)?.slice(1), ['0', '1', '1']);
});

test('the table names every judge once', () => {
  assert.is(new Set(judges.map((j) => j.name)).size, judges.length);
});

test.run();
