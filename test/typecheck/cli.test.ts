// `compile` type-checks the stack files before it loads them: each broken variant of the sound fixture fails with its
// file:line:column, a "did you mean" message and nothing written; the sound fixture compiles. The variants are the
// sound fixture with one mistake written in, made in a scratch folder, so the repository's own tsc never sees them.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { root, stackc } from '../helpers/stack.ts';

const scratch = `.tmp/typecheck-${process.pid}`;

const sound = 'test/fixtures/typecheck-valid';

/** The sound fixture copied to `<scratch>/<name>/` (same depth, so its imports resolve), with `edits` written in:
 *  file (relative to the fixture) → [text in the sound fixture, the mistake that replaces it]. */
function variant(name: string, edits: Readonly<Record<string, readonly [string, string]>>): string {
  const dir = `${scratch}/${name}`;
  cpSync(join(root, sound), join(root, dir), { recursive: true });
  for (const [file, [from, to]] of Object.entries(edits)) {
    const path = join(root, dir, file);
    const text = readFileSync(path, 'utf8');
    assert.ok(text.includes(from), `${from} not in ${sound}/${file}`);
    writeFileSync(path, text.replace(from, to));
  }
  return dir;
}

function compile(stacks: string, ...args: string[]) {
  const out = `${scratch}/out-${stacks.split('/').pop()}`;
  const r = spawnSync(process.execPath, stackc('compile', '--stacks', stacks, '--out', out, ...args), { cwd: root, encoding: 'utf8' });
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
  { name: 'input-label', edit: ["courier: 'bike'", "courrier: 'bike'"], at: 'courrier', message: '"courrier" is not a label of shipped; did you mean "courier"?' },
  { name: 'by-label', edit: ["{ by: ['courier'] }", "{ by: ['couier'] }"], at: "'couier'", message: `"couier" is not a label of rate(shipped.where({ depot: 'north' }), '5m'); did you mean "courier"?` },
  { name: 'where-label', edit: ["shipped.where({ depot: 'north' }), '5m'), { by", "shipped.where({ dpot: 'north' }), '5m'), { by"], at: 'dpot', message: '"dpot" is not a label of shipped; did you mean "depot"?' },
  { name: 'routes-key', edit: ['routes: { critical: desk', 'routes: { critcal: desk'], at: 'critcal', message: 'unknown key "critcal" in routes; did you mean "critical"? Known keys: critical, info, warning.' },
] as const;

for (const b of broken) {
  test(`${b.name}: compile fails at the mistake with "did you mean", and writes nothing`, () => {
    const dir = variant(b.name, { 'depot.ts': b.edit });
    const r = compile(dir);
    assert.is(r.code, 1, r.text);
    const where = locationOf(`${dir}/depot.ts`, b.at);
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
  const r = compile(variant('check-where-label', { 'depot.ts': broken[2].edit }), '--check');
  assert.is(r.code, 1, r.text);
  assert.match(r.text, /"dpot" is not a label of shipped/);
  assert.not.match(r.text, /is up to date|is stale/);
});

test('a type error in a file the stack imports is reported at that file\'s line', () => {
  const dir = variant('import', { 'lib/metrics.ts': ['export const backlog = gauge({', "const limit: number = 'fifty';\nexport const backlog = gauge({"] });
  const r = compile(dir);
  assert.is(r.code, 1, r.text);
  const where = locationOf(`${dir}/lib/metrics.ts`, 'limit: number');
  assert.ok(r.text.includes(`✖ ${where}  Type 'string' is not assignable to type 'number'.`), r.text);
  assert.not.ok(existsSync(r.out));
});

test('the sound fixture type-checks and compiles', () => {
  const r = compile(sound);
  assert.is(r.code, 0, r.text);
  assert.ok(existsSync(join(r.out, 'depot', 'prometheus', 'recording-rules.yml')));
});

test.run();
