// Loading stack files: every bad export is a located error naming the file, an error thrown while loading points at
// the line of whichever file threw, and a file that never finishes loading is stopped with a clear message.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadStacks } from '../../compiler/compile.ts';
import { root, stackc } from '../helpers/stack.ts';

const rel = `.tmp/load-${process.pid}`;
const scratch = join(root, rel);
const dsl = "from '../../../dsl/index.ts'";
const okStack = `import { gauge, stack } ${dsl};\nexport default stack('ok', { namespace: 'ok', metrics: [gauge({ name: 'ok_level', help: 'A level' })], groups: [] });\n`;

let round = 0;
/** A fresh folder per call: Node caches an imported module by its path, so a rewritten file would not reload. */
async function load(files: Record<string, string>, timeoutMs?: number) {
  const dir = join(scratch, `r${++round}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return loadStacks(dir, root, timeoutMs);
}

test.after(() => rmSync(scratch, { recursive: true, force: true }));

test('a stack file that exports no stack is an error naming the file, the other stacks still load', async () => {
  const r = await load({ 'a.ts': okStack, 'b.ts': `import { gauge } ${dsl};\nexport const level = gauge({ name: 'b_level', help: 'A level' });\n` });
  assert.equal(r.stacks.map((s) => s.name), ['ok']);
  assert.is(r.issues.length, 1);
  assert.is(r.issues[0]!.code, 'load/export');
  assert.is(r.issues[0]!.where.file, `${rel}/r1/b.ts`);
  assert.match(r.issues[0]!.message, /exports no stack/);
  assert.match(r.issues[0]!.hint, /subfolder/);
});

test('a default export that is not a stack names what it is', async () => {
  const r = await load({ 'a.ts': `import { gauge } ${dsl};\nexport default gauge({ name: 'a_level', help: 'A level' });\n` });
  assert.is(r.issues.length, 1);
  assert.match(r.issues[0]!.message, /the default export of .*a\.ts is not a stack \(it is a metric\)/);
});

test('a stack exported as a Promise is an error with the fix', async () => {
  const r = await load({ 'a.ts': `import { gauge, stack } ${dsl};\nexport default Promise.resolve(stack('p', { namespace: 'p', metrics: [gauge({ name: 'p_level', help: 'A level' })], groups: [] }));\n` });
  assert.equal(r.stacks, []);
  assert.is(r.issues.length, 1);
  assert.match(r.issues[0]!.message, /exports a Promise as its default export, not a stack/);
  assert.match(r.issues[0]!.hint, /await/);
});

test('an error thrown in a helper the stack imports points at the helper\'s line', async () => {
  const r = await load({
    'lib/thresholds.ts': `export function warningAt(v: number) {\n  if (v > 100) {\n    throw new Error('a percentage cannot exceed 100');\n  }\n  return v;\n}\n`,
    'a.ts': `import { gauge, stack } ${dsl};\nimport { warningAt } from './lib/thresholds.ts';\nconst w = warningAt(120);\nexport default stack('a', { namespace: 'a', metrics: [gauge({ name: 'a_percent', help: 'A', unit: 'percent', thresholds: { warning: { above: w } } })], groups: [] });\n`,
  });
  assert.is(r.issues.length, 1);
  const [i] = r.issues;
  assert.is(`${i!.where.file}:${i!.where.line}`, `${rel}/r4/lib/thresholds.ts:3`);
  assert.match(i!.message, /in .*lib\/thresholds\.ts, which .*a\.ts imports\): a percentage cannot exceed 100/);
  assert.equal(i!.path, ['a']);
});

test('an error thrown in the stack file itself points at its line', async () => {
  const r = await load({ 'a.ts': `import { stack } ${dsl};\nconst parts: string[] = [];\nif (parts.length === 0) throw new Error('no parts');\nexport default stack('a', { namespace: 'a', metrics: [], groups: [] });\n` });
  assert.is(`${r.issues[0]!.where.file}:${r.issues[0]!.where.line}`, `${rel}/r5/a.ts:3`);
});

test('a stack file that never finishes loading is stopped after the time limit, and the others load', async () => {
  const r = await load({ 'a.ts': okStack, 'b.ts': `await new Promise(() => {});\nexport {};\n` }, 500);
  assert.equal(r.stacks.map((s) => s.name), ['ok']);
  assert.is(r.issues.length, 1);
  assert.is(r.issues[0]!.code, 'load/timeout');
  assert.match(r.issues[0]!.message, /b\.ts did not finish loading within 0\.5 s/);
  assert.match(r.issues[0]!.hint, /STACKC_LOAD_TIMEOUT_MS/);
});

test('compile on a hanging stack file exits with the located error instead of waiting forever', () => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(join(scratch, 'stacks'), { recursive: true });
  writeFileSync(join(scratch, 'stacks', 'hang.ts'), `import { gauge, stack } from '../../../dsl/index.ts';\nawait new Promise((resolve) => setInterval(() => undefined, 1000));\nexport default stack('hang', { namespace: 'h', metrics: [gauge({ name: 'h_level', help: 'A level' })], groups: [] });\n`);
  const r = spawnSync(process.execPath, stackc('compile', '--stacks', `${rel}/stacks`, '--out', `${rel}/out`), {
    cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, STACKC_LOAD_TIMEOUT_MS: '1000' },
  });
  assert.is(r.status, 1, `${r.stdout}${r.stderr}`);
  assert.match(r.stderr, /stacks\/hang\.ts:1:1 +.*hang\.ts did not finish loading within 1 s/);
});

test('a syntax error is reported at its line by the type check, before anything is loaded', () => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(join(scratch, 'stacks'), { recursive: true });
  writeFileSync(join(scratch, 'stacks', 'broken.ts'), `import { gauge, stack } from '../../../dsl/index.ts';\nconst level = gauge({ name: 'b_level', help: 'A level' };\nexport default stack('b', { namespace: 'b', metrics: [level], groups: [] });\n`);
  const r = spawnSync(process.execPath, stackc('compile', '--stacks', `${rel}/stacks`, '--out', `${rel}/out`), { cwd: root, encoding: 'utf8' });
  assert.is(r.status, 1, `${r.stdout}${r.stderr}`);
  assert.match(r.stderr, /stacks\/broken\.ts:2:\d+ /);
});

test.run();
