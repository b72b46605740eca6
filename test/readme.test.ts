// The README's DSL tour is a real stack: it must stay equal to a fixture that tsc type-checks and stackc compiles.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import tour from './fixtures/readme/tour.ts';
import { compileValid, root } from './helpers/stack.ts';

test('the README tour is the fixture, byte for byte (imports aside)', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /## A tour of the DSL\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  const fixture = readFileSync(join(root, 'test/fixtures/readme/tour.ts'), 'utf8').replaceAll("'../../../dsl/", "'../dsl/");
  assert.is(block, fixture);
});

test('the README tour compiles without issues', () => {
  const { files } = compileValid(tour);
  assert.ok(files.has('prometheus/alerts.yml'));
});

test('the README starts with the two commands a new user runs', () => {
  const lines = readFileSync(join(root, 'README.md'), 'utf8').split('\n');
  assert.match(lines.slice(0, 6).join('\n'), /npm ci && npm run compile[\s\S]*bash scripts\/test\.sh/);
  assert.match(readFileSync(join(root, '.ci/run'), 'utf8'), /^bash scripts\/test\.sh$/m);
});

test.run();
