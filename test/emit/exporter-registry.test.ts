// The shop fixture's generated exporter registry is committed under test/types/shop/ so that the type tests can
// import it; this keeps it equal to what the emitter writes. Refresh with UPDATE_GOLDEN=1 after a deliberate change.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import shop from '../fixtures/shop.ts';
import { compileValid, root } from '../helpers/stack.ts';

const committed = join(root, 'test/types/shop/registry.gen.ts');

test('test/types/shop/registry.gen.ts is the registry the emitter writes for the shop fixture', () => {
  const generated = compileValid(shop).files.get('exporter/registry.gen.ts');
  assert.ok(generated, 'the emitter writes exporter/registry.gen.ts');
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(committed, generated!);
  assert.fixture(readFileSync(committed, 'utf8'), generated!, 'stale: run UPDATE_GOLDEN=1 on test/emit/exporter-registry.test.ts');
});

test.run();
