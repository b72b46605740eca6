// Init after `npm init -y && npm install --save-dev <tarball>`: package.json is merged, not refused. What the user
// wrote stays (key order, indentation, the stackc spec npm wrote); what contradicts stackc refuses the whole init.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanUp, filesIn, init, scratch } from './helpers.ts';

/** What `npm init -y` (npm 10; npm 11 adds "type": "commonjs") and then `npm install --save-dev ../stackc-0.1.0.tgz` leave. */
const npmInit = {
  name: 'billing-monitoring',
  version: '1.0.0',
  description: '',
  main: 'index.js',
  scripts: { test: 'echo "Error: no test specified" && exit 1' },
  keywords: [],
  author: '',
  license: 'ISC',
  devDependencies: { stackc: 'file:../stackc-0.1.0.tgz' },
};

/** A folder named billing holding only a package.json. */
function repoWith(pkg: unknown, text = `${JSON.stringify(pkg, null, 2)}\n`): string {
  const dir = join(scratch(), 'billing');
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), text);
  return dir;
}

const read = (dir: string) => readFileSync(join(dir, 'package.json'), 'utf8');

test.after(cleanUp);

test('the scripts and "type": "module" are added, the keys and the stackc spec npm wrote are kept', async () => {
  const dir = repoWith(npmInit);
  const r = await init(dir);
  assert.is(r.code, 0, r.err);
  const text = read(dir);
  const pkg = JSON.parse(text);
  assert.equal(Object.keys(pkg), [...Object.keys(npmInit), 'type', 'dependencies']);
  assert.equal(pkg.scripts, { test: npmInit.scripts.test, compile: 'stackc compile', check: 'stackc check', verify: 'stackc verify' });
  assert.equal(pkg.devDependencies, { stackc: 'file:../stackc-0.1.0.tgz' });
  assert.equal(Object.keys(pkg.dependencies), ['prom-client']);
  assert.is(text, `${JSON.stringify(pkg, null, 2)}\n`, 'two-space indentation and a final newline');
  assert.match(r.out, /Updated package\.json: added "type": "module"; scripts compile, check, verify; dependency prom-client/);
  assert.not.match(r.out, /^ +package\.json$/m, 'package.json is not listed as created');
  assert.equal(filesIn(dir), ['.github/workflows/stackc.yml', '.gitignore', 'package.json', 'stacks/billing.ts', 'tsconfig.json']);
});

test('stackc in dependencies is kept too, and stays where it is; an existing prom-client is kept', async () => {
  const dir = repoWith({ name: 'x', type: 'module', dependencies: { stackc: 'github:acme/stackc#v0.1.0', 'prom-client': '^15.0.0' } });
  assert.is((await init(dir)).code, 0);
  const pkg = JSON.parse(read(dir));
  assert.equal(pkg.dependencies, { stackc: 'github:acme/stackc#v0.1.0', 'prom-client': '^15.0.0' });
  assert.is(pkg.devDependencies, undefined);
});

test('without a stackc dependency, stackc is added to devDependencies after the ones there', async () => {
  const dir = repoWith({ name: 'x', devDependencies: { typescript: '^5.0.0' } });
  assert.is((await init(dir, '--from', 'git+https://example.com/acme/stackc.git')).code, 0);
  assert.equal(JSON.parse(read(dir)).devDependencies, { typescript: '^5.0.0', stackc: 'git+https://example.com/acme/stackc.git' });
});

test('--from does not replace a stackc spec already there, and says so', async () => {
  const dir = repoWith(npmInit);
  const r = await init(dir, '--from', '../other.tgz');
  assert.is(r.code, 0, r.err);
  assert.is(JSON.parse(read(dir)).devDependencies.stackc, 'file:../stackc-0.1.0.tgz');
  assert.match(r.out, /--from was not used: package\.json already asks for stackc file:\.\.\/stackc-0\.1\.0\.tgz/);
});

test('the file\'s own indentation and line ends are kept', async () => {
  const tabs = repoWith(undefined, '{\r\n\t"name": "x",\r\n\t"scripts": {}\r\n}\r\n');
  assert.is((await init(tabs)).code, 0);
  const text = read(tabs);
  assert.match(text, /^\{\r\n\t"name": "x",\r\n\t"scripts": \{\r\n\t\t"compile": "stackc compile",/);
  assert.ok(text.endsWith('}\r\n'));
  assert.not.match(text.replace(/\r\n/g, ''), /\n/);
});

test('a script of the same name with another command refuses: nothing is written, the script is named', async () => {
  const pkg = { ...npmInit, scripts: { ...npmInit.scripts, compile: 'tsc -p .', verify: 'stackc verify' } };
  const dir = repoWith(pkg);
  const before = read(dir);
  const r = await init(dir);
  assert.is(r.code, 1);
  assert.match(r.err, /script "compile" in package\.json is "tsc -p \."; stackc init would make it "stackc compile"/);
  assert.not.match(r.err, /"verify"/, 'a script that already runs the same command is no conflict');
  assert.is(read(dir), before);
  assert.equal(filesIn(dir), ['package.json']);
});

test(`"type": "commonjs" (what npm 11's npm init writes) becomes "module" while no .js file depends on it`, async () => {
  const dir = repoWith({ ...npmInit, type: 'commonjs' });
  const r = await init(dir);
  assert.is(r.code, 0, r.err);
  assert.is(JSON.parse(read(dir)).type, 'module');
  assert.match(r.out, /"type": "module" \(was "commonjs"/);
});

test(`"type": "commonjs" with .js files of the project refuses, with the command that fixes it; clashes are named as well`, async () => {
  const dir = repoWith({ ...npmInit, type: 'commonjs' });
  writeFileSync(join(dir, '.gitignore'), 'dist/\n');
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'server.js'), "module.exports = {};\n");
  const before = read(dir);
  const r = await init(dir);
  assert.is(r.code, 1);
  assert.match(r.err, /"type": "commonjs"/);
  assert.match(r.err, /npm pkg set type=module/);
  assert.match(r.err, /\.gitignore already exists/);
  assert.is(read(dir), before);
  assert.equal(filesIn(dir), ['.gitignore', 'package.json', 'src/server.js']);
});

test('a package.json that is not JSON refuses and is left alone', async () => {
  const dir = repoWith(undefined, '{ "name": "x", }\n');
  const r = await init(dir);
  assert.is(r.code, 1);
  assert.match(r.err, /package\.json is not valid JSON/);
  assert.is(read(dir), '{ "name": "x", }\n');
});

test('a package.json that already has everything is not rewritten', async () => {
  const text = '{"name":"x","type":"module","scripts":{"compile":"stackc compile","check":"stackc check","verify":"stackc verify"},"dependencies":{"prom-client":"^15.1.3"},"devDependencies":{"stackc":"^0.1.0"}}';
  const dir = repoWith(undefined, text);
  const r = await init(dir);
  assert.is(r.code, 0, r.err);
  assert.is(read(dir), text);
  assert.match(r.out, /package\.json already had what stackc needs/);
});

test.run();
