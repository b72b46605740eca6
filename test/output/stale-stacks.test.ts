// A stack that no longer exists: its out/<stack>/ is reported by --check and removed by compile, only as far as
// stackc generated it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { root, stackc } from '../helpers/stack.ts';

const rel = `.tmp/stale-${process.pid}`;
const scratch = join(root, rel);

function run(...args: string[]) {
  const r = spawnSync(process.execPath, stackc('compile', '--stacks', `${rel}/stacks`, '--out', `${rel}/out`, ...args), { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

const stackFile = (name: string) => `import { gauge, alertsFrom, ruleGroup, stack } from '../../../dsl/index.ts';
const depth = gauge({ name: '${name}_queue_depth', help: 'Jobs waiting', thresholds: { warning: { above: 10 } } });
export default stack('${name}', { namespace: '${name}', metrics: [depth], groups: [ruleGroup('${name}', { rules: alertsFrom(depth) })] });
`;

test.before.each(() => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(join(scratch, 'stacks'), { recursive: true });
  writeFileSync(join(scratch, 'stacks', 'billing.ts'), stackFile('billing'));
  writeFileSync(join(scratch, 'stacks', 'search.ts'), stackFile('search'));
  assert.is(run().code, 0);
});
test.after(() => rmSync(scratch, { recursive: true, force: true }));

test('--check reports the folder of a deleted stack and names the stack file it came from', () => {
  rmSync(join(scratch, 'stacks', 'search.ts'));
  const r = run('--check');
  assert.is(r.code, 1, r.out);
  assert.match(r.out, new RegExp(`${rel}/out/search/ was generated from ${rel}/stacks/search.ts, which no longer defines a stack named search`));
  assert.match(r.out, new RegExp(`removed\\s+${rel}/out/search/prometheus/alerts.yml`));
  assert.ok(existsSync(join(scratch, 'out', 'search')), '--check writes nothing');
});

test('compile removes it, keeps the other stack, and a second --check passes', () => {
  rmSync(join(scratch, 'stacks', 'search.ts'));
  const r = run();
  assert.is(r.code, 0, r.out);
  assert.match(r.out, new RegExp(`✔ ${rel}/out/search: removed`));
  assert.not.ok(existsSync(join(scratch, 'out', 'search')));
  assert.ok(existsSync(join(scratch, 'out', 'billing', 'prometheus', 'alerts.yml')));
  assert.is(run('--check').code, 0);
});

test('files stackc did not generate stay, and so does their folder', () => {
  writeFileSync(join(scratch, 'out', 'search', 'NOTES.md'), 'mine\n');
  rmSync(join(scratch, 'stacks', 'search.ts'));
  assert.is(run().code, 0);
  assert.ok(existsSync(join(scratch, 'out', 'search', 'NOTES.md')));
  assert.not.ok(existsSync(join(scratch, 'out', 'search', 'prometheus')));
});

test('compiling only the stacks named leaves the others alone; a folder without a manifest is never touched', () => {
  mkdirSync(join(scratch, 'out', 'handmade'), { recursive: true });
  writeFileSync(join(scratch, 'out', 'handmade', 'rules.yml'), 'groups: []\n');
  rmSync(join(scratch, 'stacks', 'search.ts'));
  assert.is(run('billing').code, 0);
  assert.ok(existsSync(join(scratch, 'out', 'search', 'prometheus', 'alerts.yml')));
  assert.is(run().code, 0);
  assert.ok(existsSync(join(scratch, 'out', 'handmade', 'rules.yml')));
});

test.run();
