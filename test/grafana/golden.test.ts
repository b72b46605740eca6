// Golden files: the fixture stack's Grafana output, byte for byte. Refresh with UPDATE_GOLDEN=1 after a deliberate change.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileValid, root } from '../helpers/stack.ts';
import { fixtureStack } from './fixture.ts';

const goldenDir = join(root, 'test/grafana/golden');

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile())
      .map((e) => relative(dir, join(e.parentPath, e.name))).sort();
  } catch {
    return [];
  }
}

test('the fixture stack compiles to the golden Grafana files', () => {
  const { files } = compileValid(fixtureStack());
  const grafana = new Map([...files].filter(([path]) => path.startsWith('grafana/')));
  if (process.env.UPDATE_GOLDEN === '1') {
    rmSync(goldenDir, { recursive: true, force: true });
    for (const [path, content] of grafana) {
      mkdirSync(dirname(join(goldenDir, path)), { recursive: true });
      writeFileSync(join(goldenDir, path), content);
    }
  }
  assert.equal([...grafana.keys()].sort(), listFiles(goldenDir), 'missing or extra files (UPDATE_GOLDEN=1 refreshes them)');
  for (const [path, content] of grafana) assert.fixture(content, readFileSync(join(goldenDir, path), 'utf8'), path);
});

test('compiling twice gives the same bytes', () => {
  const a = compileValid(fixtureStack()).files;
  const b = compileValid(fixtureStack()).files;
  assert.equal([...a], [...b]);
});

test.run();
