// `stackc init` in an empty folder: the files it writes, what they hold, what it prints; and that it never
// overwrites a file, naming every one that stands in the way.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ownPackage } from '../../compiler/init/own-package.ts';
import { cleanUp, filesIn, init, scratch } from './helpers.ts';

const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;

test.after(cleanUp);

test('init writes package.json, tsconfig.json, the stack, the CI workflow and .gitignore, and says what to run next', async () => {
  const cwd = scratch();
  const r = await init(cwd, 'Team_Billing/');
  assert.is(r.code, 0, r.err);
  const dir = join(cwd, 'Team_Billing');
  assert.equal(filesIn(dir), ['.github/workflows/stackc.yml', '.gitignore', 'package.json', 'stacks/team-billing.ts', 'tsconfig.json']);
  for (const file of filesIn(dir)) assert.ok(r.out.includes(`  ${file}`), `${file} is named in\n${r.out}`);
  assert.match(r.out, /cd Team_Billing\n +npm install[^\n]*\n +npx stackc compile[^\n]*\n +npx stackc verify/);
});

test('package.json: an ES module package with compile, check and verify, stackc of this version, prom-client', async () => {
  const cwd = scratch();
  assert.is((await init(cwd)).code, 0);
  const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
  assert.is(pkg.type, 'module');
  assert.is(pkg.private, true);
  assert.equal(pkg.scripts, { compile: 'stackc compile', check: 'stackc check', verify: 'stackc verify' });
  assert.equal(pkg.devDependencies, { stackc: `^${version}` });
  assert.equal(Object.keys(pkg.dependencies), ['prom-client']);
  assert.is(pkg.dependencies['prom-client'], ownPackage().promClient);
  assert.ok(readFileSync(join(cwd, 'package.json'), 'utf8').endsWith('}\n'));
});

test('tsconfig.json: strict NodeNext ES2022, no emit, over stacks/', async () => {
  const cwd = scratch();
  assert.is((await init(cwd)).code, 0);
  const config = JSON.parse(readFileSync(join(cwd, 'tsconfig.json'), 'utf8'));
  assert.equal(config.include, ['stacks']);
  const o = config.compilerOptions;
  assert.equal([o.strict, o.module, o.moduleResolution, o.target, o.noEmit, o.skipLibCheck], [true, 'NodeNext', 'NodeNext', 'ES2022', true, true]);
});

test('the CI workflow installs, installs the Debian judges, runs the drift check, then verify', async () => {
  const cwd = scratch();
  assert.is((await init(cwd)).code, 0);
  const ci = readFileSync(join(cwd, '.github/workflows/stackc.yml'), 'utf8');
  const order = ['actions/checkout@', 'actions/setup-node@', 'node-version: 20', 'cache: npm', 'run: npm ci',
    'apt-get install -y prometheus prometheus-alertmanager', 'run: npx stackc check', 'run: npx stackc verify'];
  const at = order.map((s) => ci.indexOf(s));
  assert.ok(at.every((i) => i >= 0), `missing: ${order.filter((_, n) => at[n]! < 0).join(', ')}`);
  assert.equal(at, [...at].sort((a, b) => a - b), 'steps in order');
  assert.is(readFileSync(join(cwd, '.gitignore'), 'utf8'), 'node_modules/\n');
});

test('the stack is named after the folder; --name overrides; names the validator refuses are usage errors', async () => {
  const cwd = scratch();
  assert.is((await init(cwd, '--name', 'payments', 'a')).code, 0);
  assert.equal(filesIn(join(cwd, 'a')).filter((f) => f.startsWith('stacks/')), ['stacks/payments.ts']);
  assert.match(readFileSync(join(cwd, 'a/stacks/payments.ts'), 'utf8'), /stack\('payments', \{/);
  assert.is((await init(cwd, '_Odd  Name.v2_')).code, 0);
  assert.equal(filesIn(join(cwd, '_Odd  Name.v2_')).filter((f) => f.startsWith('stacks/')), ['stacks/odd-name-v2.ts']);
  for (const bad of ['Payments', 'pay_ments', '-pay', 'a'.repeat(31)]) {
    const r = await init(cwd, `--name=${bad}`, 'b');
    assert.is(r.code, 2, bad);
    assert.match(r.err, /--name: /);
  }
  assert.equal(filesIn(cwd).filter((f) => f.startsWith('b/')), []);
});

test('the same folder name gives the same bytes anywhere: no absolute path, no timestamp', async () => {
  const [one, two] = [scratch(), scratch()];
  assert.is((await init(one, 'shop')).code, 0);
  assert.is((await init(two, 'shop')).code, 0);
  for (const file of filesIn(join(one, 'shop'))) {
    const text = readFileSync(join(one, 'shop', file), 'utf8');
    assert.is(text, readFileSync(join(two, 'shop', file), 'utf8'), file);
    assert.not.ok(text.includes(one) || text.includes(process.cwd()), `${file} holds an absolute path`);
    assert.not.match(text, /\d{4}-\d\d-\d\dT/, `${file} holds a timestamp`);
  }
});

test('init refuses to overwrite: nothing is written, and every existing file is named', async () => {
  const cwd = join(scratch(), 'repo');
  mkdirSync(join(cwd, 'stacks'), { recursive: true });
  writeFileSync(join(cwd, 'tsconfig.json'), '{}\n');
  writeFileSync(join(cwd, '.gitignore'), 'dist/\n');
  writeFileSync(join(cwd, 'stacks/repo.ts'), '// mine\n');
  writeFileSync(join(cwd, 'stacks/other.ts'), '// not in the way\n');
  const before = filesIn(cwd);
  const r = await init(cwd);
  assert.is(r.code, 1);
  assert.equal(filesIn(cwd), before);
  assert.is(readFileSync(join(cwd, '.gitignore'), 'utf8'), 'dist/\n');
  assert.match(r.err, /^stackc init wrote nothing in the current folder:/);
  for (const file of ['tsconfig.json', '.gitignore', 'stacks/repo.ts']) assert.match(r.err, `  ${file} already exists`);
  assert.not.match(r.err, /package\.json|stackc\.yml|other\.ts/);
});

test('a second init in the same folder refuses and changes nothing', async () => {
  const cwd = scratch();
  assert.is((await init(cwd, 'x')).code, 0);
  const before = filesIn(join(cwd, 'x')).map((f) => readFileSync(join(cwd, 'x', f), 'utf8'));
  const r = await init(cwd, 'x');
  assert.is(r.code, 1);
  assert.equal(filesIn(join(cwd, 'x')).map((f) => readFileSync(join(cwd, 'x', f), 'utf8')), before);
  assert.match(r.err, /stacks\/x\.ts already exists/);
});

test('--help prints the usage and exits 0; usage errors exit 2 and write nothing', async () => {
  const cwd = scratch();
  const help = await init(cwd, '--help');
  assert.is(help.code, 0);
  assert.match(help.out, /^Usage: stackc init \[dir\]/);
  assert.match(help.out, /--from SPEC/);
  for (const argv of [['--bogus'], ['a', 'b'], ['--from'], ['--from', '']]) {
    const r = await init(cwd, ...argv);
    assert.is(r.code, 2, argv.join(' '));
  }
  writeFileSync(join(cwd, 'file'), '');
  assert.is((await init(cwd, 'file')).code, 2);
  assert.equal(filesIn(cwd), ['file']);
});

test.run();
