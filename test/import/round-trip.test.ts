// The import round trip: rule files written for the test (71 rules: joins, label_replace, absent, offset, subqueries,
// set operators, histograms, a summary, forecasts, comments, multi-line expressions, same-name alerts, recording rules
// with static labels, every group option) → `stackc import` → `stackc compile` (type check included) → the emitted
// rule files hold the same groups and rules; promtool accepts them, and the input's own promtool tests pass on them.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { requireTool, root } from '../helpers/stack.ts';
import { normalised, ruleGroups, run, scratch, type PlainGroup } from './helpers.ts';

const promtool = requireTool('promtool', 'prometheus');
const fixtures = join(root, 'test/fixtures/import');
const inputs = ['rules.yml', 'more.yml'].map((f) => join(fixtures, f));
const work = scratch('import-round-trip');
const stackFile = join(work.dir, 'stacks', 'roundtrip.ts');
const out = join(work.dir, 'out', 'roundtrip', 'prometheus');
const outputs = ['alerts.yml', 'recording-rules.yml'].map((f) => join(out, f));

const imported = run('import', ...inputs.map((f) => f.slice(root.length + 1)), '--name', 'roundtrip', '--out', `${work.rel}/stacks/roundtrip.ts`);
const compiled = run('compile', '--stacks', `${work.rel}/stacks`, '--out', `${work.rel}/out`);

test('import writes the stack file, and it compiles (type check and every stackc check)', () => {
  assert.is(imported.status, 0, imported.stderr);
  assert.match(imported.stdout, /wrote \.tmp\/import-round-trip-\d+\/stacks\/roundtrip\.ts: 71 rules in 7 groups/);
  assert.is(imported.stderr, '', 'every series resolves and every severity is one stackc routes by');
  assert.is(compiled.status, 0, `${compiled.stdout}${compiled.stderr}`);
  assert.match(compiled.stderr + compiled.stdout, /71 rules untested on purpose/);
});

test('the emitted rule files hold the same groups, names, for, labels and annotations, and equal expressions', () => {
  const before = ruleGroups(inputs);
  const after = ruleGroups(outputs);
  assert.equal([...after.keys()].sort(), [...before.keys()].sort());
  let rules = 0;
  let sameText = 0;
  for (const [name, input] of before) {
    const output = after.get(name)!;
    const withoutExpr = (g: PlainGroup) => ({ ...g, rules: g.rules.map((r) => ({ ...r, expr: '' })) });
    assert.equal(withoutExpr(output), withoutExpr(input), `group ${name}`);
    input.rules.forEach((r, i) => {
      const emitted = output.rules[i]!.expr;
      assert.is(normalised(emitted), normalised(r.expr), `${r.kind} ${r.name}`);
      if (emitted === r.expr.trim()) sameText += 1;
      rules += 1;
    });
  }
  assert.is(rules, 71);
  // stronger than needed: the text itself is kept, comments and line breaks included
  assert.is(sameText, rules);
});

test('promtool check rules accepts the output', () => {
  const r = spawnSync(promtool, ['check', 'rules', ...outputs], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stdout + r.stderr);
  const found = [...r.stdout.matchAll(/SUCCESS: (\d+) rules found/g)].reduce((n, m) => n + Number(m[1]), 0);
  assert.is(found, 71, r.stdout);
});

test("the input's own promtool tests pass on the input and on the output", () => {
  const tests = readFileSync(join(fixtures, 'rules.test.yml'), 'utf8');
  for (const [label, files] of [['input', inputs], ['output', outputs]] as const) {
    const file = join(work.dir, `${label}.test.yml`);
    writeFileSync(file, tests.replace(/rule_files:\n(?: {2}- .*\n)+/, `rule_files:\n${files.map((f) => `  - ${f}\n`).join('')}`));
    const r = spawnSync(promtool, ['test', 'rules', file], { encoding: 'utf8' });
    assert.is(r.status, 0, `${label}: ${r.stdout}${r.stderr}`);
  }
});

test('importing again gives the same bytes', () => {
  const again = run('import', ...inputs.map((f) => f.slice(root.length + 1)), '--name', 'roundtrip', '--out', `${work.rel}/stacks/again.ts.txt`);
  assert.is(again.status, 0, again.stderr);
  assert.is(readFileSync(join(work.dir, 'stacks/again.ts.txt'), 'utf8'), readFileSync(stackFile, 'utf8'));
  assert.is(execFileSync('git', ['status', '--porcelain', 'out/'], { cwd: root, encoding: 'utf8' }), '');
});

test('import never overwrites a file without --force', () => {
  const again = run('import', inputs[0]!.slice(root.length + 1), '--out', `${work.rel}/stacks/roundtrip.ts`);
  assert.is(again.status, 1);
  assert.match(again.stderr, /stacks\/roundtrip\.ts exists; stackc import does not overwrite it\. Pass --force/);
});

test.after(() => work.remove());
test.run();
