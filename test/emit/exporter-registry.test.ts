// The shop fixture's generated exporter registry is committed under test/types/ so that the type tests can import
// it: the TypeScript file in shop/, the JavaScript file and its declarations in shop-js/ (apart, so that TypeScript
// reads the declarations there, as an app without TypeScript sources does). This keeps them equal to what the
// emitter writes. Refresh with UPDATE_GOLDEN=1 after a deliberate change.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import shop from '../fixtures/shop.ts';
import { compileValid, root } from '../helpers/stack.ts';

const committed = [
  ['exporter/registry.gen.ts', 'test/types/shop/registry.gen.ts'],
  ['exporter/registry.gen.js', 'test/types/shop-js/registry.gen.js'],
  ['exporter/registry.gen.d.ts', 'test/types/shop-js/registry.gen.d.ts'],
] as const;

for (const [emitted, path] of committed) {
  test(`${path} is the ${emitted} the emitter writes for the shop fixture`, () => {
    const generated = compileValid(shop).files.get(emitted);
    assert.ok(generated, `the emitter writes ${emitted}`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(join(root, path), generated!);
    assert.fixture(readFileSync(join(root, path), 'utf8'), generated!, 'stale: run UPDATE_GOLDEN=1 on test/emit/exporter-registry.test.ts');
  });
}

test('the registry reaches nothing outside the installed packages: only stackc/exporter and prom-client', () => {
  const { files } = compileValid(shop);
  for (const [emitted] of committed) {
    const specifiers = [...files.get(emitted)!.matchAll(/\bfrom '([^']+)'/g)].map((m) => m[1]);
    assert.ok(specifiers.length > 0, emitted);
    for (const s of specifiers) assert.ok(s === 'stackc/exporter' || s === 'prom-client', `${emitted} imports ${s}`);
  }
});

test.run();
