// Where the scaffold's package.json gets stackc: `^<version>` by default, or `--from`. npm reads a relative local
// path against the folder of package.json, so init rewrites one given relative to where it ran.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ownPackage } from '../../compiler/init/own-package.ts';
import { stackcSpec } from '../../compiler/init/stackc-spec.ts';
import { cleanUp, init, scratch } from './helpers.ts';

test.after(cleanUp);

async function specFrom(cwd: string, ...argv: string[]): Promise<string> {
  const r = await init(cwd, ...argv);
  assert.is(r.code, 0, r.err);
  const dir = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--from') ?? '.';
  return JSON.parse(readFileSync(join(cwd, dir, 'package.json'), 'utf8')).devDependencies.stackc;
}

test('without --from: a caret range of the version in stackc\'s own package.json', async () => {
  const own = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  assert.is(ownPackage().version, own.version);
  assert.is(ownPackage().promClient, own.peerDependencies['prom-client'], 'the scaffold asks for the prom-client stackc is built against');
  assert.is(await specFrom(scratch()), `^${own.version}`);
});

test('ownPackage looks upward for the package named stackc: from the build in dist/, and past other package.json files', () => {
  const root = scratch();
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'stackc', version: '9.8.7', peerDependencies: { 'prom-client': '^15.9.0' } }));
  mkdirSync(join(root, 'dist/compiler/init'), { recursive: true });
  writeFileSync(join(root, 'dist/package.json'), JSON.stringify({ type: 'module' }));
  const built = new URL(`file://${join(root, 'dist/compiler/init/own-package.js')}`).href;
  assert.equal(ownPackage(built), { version: '9.8.7', promClient: '^15.9.0' });
});

test('a tarball or folder given relative to where init runs is written relative to the new repository, with file:', async () => {
  const cwd = scratch();
  assert.is(await specFrom(cwd, 'repo', '--from', 'stackc-0.1.0.tgz'), 'file:../stackc-0.1.0.tgz');
  assert.is(await specFrom(cwd, 'a/b', '--from', '../stackc'), 'file:../../../stackc');
  assert.is(await specFrom(cwd, '--from', './vendor/stackc-0.1.0.tgz'), 'file:vendor/stackc-0.1.0.tgz');
});

test('git URLs, absolute paths and other npm specs are written as given', () => {
  for (const spec of ['git+https://github.com/acme/stackc.git#v0.1.0', 'github:acme/stackc', 'git@github.com:acme/stackc.git',
    'https://example.com/stackc-0.1.0.tgz', '/opt/stackc/stackc-0.1.0.tgz', '~/src/stackc', 'file:../stackc', '^0.2.0']) {
    assert.is(stackcSpec('0.1.0', spec, 'repo', '/work'), spec);
  }
  assert.is(stackcSpec('0.1.0', undefined, 'repo', '/work'), '^0.1.0');
});

test.run();
