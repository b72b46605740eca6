// A manifest is an input like any other (a pull request can carry one): entries that leave out/<stack>/ or name a
// directory are ignored with a warning, and nothing outside the generated files is ever deleted through it.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { root, stackc } from '../helpers/stack.ts';

const rel = `.tmp/manifest-${process.pid}`;
const scratch = join(root, rel);

function run(...args: string[]) {
  const r = spawnSync(process.execPath, stackc('compile', '--stacks', `${rel}/stacks`, '--out', `${rel}/out`, ...args), { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

const stackFile = `import { gauge, alertsFrom, ruleGroup, stack } from '../../../dsl/index.ts';
const depth = gauge({ name: 'queue_depth', help: 'Jobs waiting', thresholds: { warning: { above: 10 } } });
export default stack('jobs', { namespace: 'jobs', metrics: [depth], groups: [ruleGroup('jobs', { rules: alertsFrom(depth) })] });
`;

/** Files a hostile manifest points at: beside out/, above it, by absolute path, and a directory inside the stack's folder. */
function hostileManifest(): string[] {
  const victims = [join(scratch, 'victim.txt'), join(scratch, 'stacks', 'keep.txt')];
  for (const v of victims) writeFileSync(v, 'precious\n');
  appendFileSync(join(scratch, 'out', 'jobs', '.stackc-manifest'), ['../../victim.txt', '../../stacks/keep.txt', victims[0]!, 'prometheus', './prometheus/../../../victim.txt'].join('\n') + '\n');
  return victims;
}

test.before.each(() => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(join(scratch, 'stacks'), { recursive: true });
  writeFileSync(join(scratch, 'stacks', 'jobs.ts'), stackFile);
  assert.is(run().code, 0);
});
test.after(() => rmSync(scratch, { recursive: true, force: true }));

test('compile deletes nothing a manifest names outside the folder, nor a directory, and warns about each entry', () => {
  const victims = hostileManifest();
  const r = run();
  assert.is(r.code, 0, r.out);
  for (const v of victims) assert.ok(existsSync(v), `${v} was deleted`);
  assert.ok(existsSync(join(scratch, 'out', 'jobs', 'prometheus', 'alerts.yml')));
  assert.is((r.out.match(/warning: .*\.stackc-manifest lists ".*", which is not a file inside/g) ?? []).length, 5, r.out);
});

test('the folder of a deleted stack is removed only as far as its own files go', () => {
  const victims = hostileManifest();
  rmSync(join(scratch, 'stacks', 'jobs.ts'));
  writeFileSync(join(scratch, 'stacks', 'other.ts'), stackFile.replaceAll("'jobs'", "'other'"));
  const r = run();
  assert.is(r.code, 0, r.out);
  for (const v of victims) assert.ok(existsSync(v), `${v} was deleted`);
  assert.match(r.out, /ignored, nothing was deleted through it/);
});

test.run();
