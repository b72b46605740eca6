// `compile` type-checks the stack files before it loads them: each broken fixture fails with its file:line:column,
// a "did you mean" message and nothing written; the sound fixture compiles.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { root } from '../helpers/stack.ts';

const scratch = `.tmp/typecheck-${process.pid}`;

function compile(fixture: string, ...args: string[]) {
  const out = `${scratch}/${fixture}`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'compiler/cli.ts'), '--stacks', `test/fixtures/${fixture}`, '--out', out, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, text: r.stdout + r.stderr, out: join(root, out) };
}

/** file:line:column of the first occurrence of `needle` in a fixture file, as the issue prints it. */
function locationOf(file: string, needle: string): string {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `${needle} not in ${file}`);
  return `${file}:${line + 1}:${lines[line]!.indexOf(needle) + 1}`;
}

test.after(() => rmSync(join(root, scratch), { recursive: true, force: true }));

const broken = [
  { fixture: 'typecheck-broken-input-label', at: 'courrier', message: '"courrier" is not a label of shipped; did you mean "courier"?' },
  { fixture: 'typecheck-broken-by-label', at: "'couier'", message: `"couier" is not a label of rate(shipped.where({ depot: 'north' }), '5m'); did you mean "courier"?` },
  { fixture: 'typecheck-broken-where-label', at: 'dpot', message: '"dpot" is not a label of shipped; did you mean "depot"?' },
  { fixture: 'typecheck-broken-routes-key', at: 'critcal', message: 'unknown key "critcal" in routes; did you mean "critical"? Known keys: critical, info, warning.' },
];

for (const b of broken) {
  test(`${b.fixture}: compile fails at the mistake with "did you mean", and writes nothing`, () => {
    const r = compile(b.fixture);
    assert.is(r.code, 1, r.text);
    const where = locationOf(`test/fixtures/${b.fixture}/depot.ts`, b.at);
    assert.ok(r.text.includes(`✖ ${where}  ${b.message}`), r.text);
    assert.match(r.text, /→ at depot › type error/);
    assert.match(r.text, /\n {4}\s*\^+ \(column \d+\)/);
    assert.match(r.text, /fix: /);
    assert.not.match(r.text, /No overload matches this call/);
    assert.match(r.text, /1 problem found; nothing was written\./);
    assert.not.ok(existsSync(r.out), `${r.out} was written`);
  });
}

test('--check type-checks too: a wrong label fails before any comparison with out/', () => {
  const r = compile('typecheck-broken-where-label', '--check');
  assert.is(r.code, 1, r.text);
  assert.match(r.text, /"dpot" is not a label of shipped/);
  assert.not.match(r.text, /is up to date|is stale/);
});

test('a type error in a file the stack imports is reported at that file\'s line', () => {
  const r = compile('typecheck-broken-import');
  assert.is(r.code, 1, r.text);
  const where = locationOf('test/fixtures/typecheck-broken-import/lib/metrics.ts', 'limit: number');
  assert.ok(r.text.includes(`✖ ${where}  Type 'string' is not assignable to type 'number'.`), r.text);
  assert.not.ok(existsSync(r.out));
});

test('the sound fixture type-checks and compiles', () => {
  const r = compile('typecheck-valid');
  assert.is(r.code, 0, r.text);
  assert.ok(existsSync(join(r.out, 'depot', 'prometheus', 'recording-rules.yml')));
});

test.run();
