// What every stack in stacks/ must satisfy, whatever it declares: it loads and validates, compiles to the same bytes
// twice without absolute paths or timestamps, and its committed out/ is current. Expectations come from each stack's
// own compiled model; the real judges (promtool, amtool, the credential scan, ...) run in verify.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadStacks } from '../../compiler/compile.ts';
import { emitStack } from '../../compiler/emit/index.ts';
import { validate } from '../../compiler/validate/index.ts';
import { toModel } from '../../dsl/to-model.ts';
import { root, stackc } from '../helpers/stack.ts';

const { stacks, issues: loadIssues } = await loadStacks(join(root, 'stacks'), root);

test('every stack file in stacks/ loads and exports a stack', () => {
  assert.equal(loadIssues.map((i) => `${i.where.file}:${i.where.line} ${i.message}`), []);
  assert.ok(stacks.length > 0, 'stacks/ holds at least one stack');
});

for (const def of stacks) {
  const where = `stack ${def.name} (${def.source.file})`;

  test(`${where} validates without issues`, () => {
    const issues = validate(toModel(def));
    assert.equal(issues.map((i) => `${i.where.file}:${i.where.line} ${i.code}: ${i.message}`), []);
  });

  test(`${where} compiles to the same bytes twice, with no absolute path or timestamp in them`, () => {
    const a = emitStack(toModel(def));
    const b = emitStack(toModel(def));
    assert.equal([...a.entries()], [...b.entries()]);
    for (const [path, content] of a) {
      assert.not.ok(content.includes(root), `${path} contains the absolute project path`);
      assert.not.match(content, /\b20\d\d-\d\d-\d\dT\d\d:\d\d/, `${path} contains a timestamp`);
    }
  });
}

test('out/ is current: npm run compile -- --check exits 0', () => {
  const r = spawnSync(process.execPath, stackc('compile', '--check'), { cwd: root, encoding: 'utf8' });
  assert.is(r.status, 0, `${r.stdout}${r.stderr}\nout/ is stale: run npm run compile and commit out/`);
});

test.run();
