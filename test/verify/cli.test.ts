// `npm run verify` end to end on the fixture stacks: a good stack passes every judge (exit 0), a stack that does not
// compile is a failed line at its file:line (exit 1), a usage error exits 2.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { judges } from '../../compiler/verify/judges.ts';
import { lineOf, root, stackc } from '../helpers/stack.ts';

const fixtures = 'test/fixtures/verify-stacks';

function verify(...args: string[]): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, stackc('verify', ...args), { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

test('a good stack: one line per judge, all passed, exit 0', () => {
  const r = verify('--stacks', fixtures, 'queue');
  assert.is(r.code, 0, r.out);
  for (const j of judges) assert.match(r.out, new RegExp(`^✔ queue\\s+${j.name.replace(/[/]/g, '\\/')}\\s`, 'm'));
  assert.match(r.out, new RegExp(`\\n${judges.length} passed, 0 failed\\n$`));
});

test('a stack that does not compile: a failed line at its file:line, exit 1', () => {
  const r = verify('--stacks', fixtures, 'unvalidated');
  assert.is(r.code, 1, r.out);
  const line = lineOf(join(root, fixtures, 'unvalidated.ts'), '// MARK-deploy');
  assert.match(r.out, /^✖ unvalidated\s+stackc compile\s+1 problem/m);
  assert.match(r.out, `${fixtures}/unvalidated.ts:${line}:`);
  assert.match(r.out, /\n0 passed, 1 failed\n$/);
});

test('usage errors exit 2: an unknown option, an unknown stack', () => {
  const option = verify('--frobnicate');
  assert.is(option.code, 2);
  assert.match(option.out, /Usage: stackc verify/);
  const unknown = verify('--stacks', fixtures, 'nonesuch');
  assert.is(unknown.code, 2);
  assert.match(unknown.out, /No stack named nonesuch\. Stacks: .*queue/);
});

test.run();
