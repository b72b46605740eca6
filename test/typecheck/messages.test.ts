// The parts of the messages that need no TypeScript: "did you mean" and the issues typecheckStackFiles returns.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { typecheckStackFiles } from '../../compiler/typecheck/index.ts';
import { didYouMean, distance } from '../../compiler/typecheck/suggest.ts';
import { root } from '../helpers/stack.ts';

test('distance counts a swap of two neighbours as one edit', () => {
  assert.is(distance('courier', 'couirer'), 1);
  assert.is(distance('depot', 'dpot'), 1);
  assert.is(distance('depot', 'depot'), 0);
  assert.is(distance('', 'abc'), 3);
});

test('didYouMean picks the nearest name, and none when nothing is close', () => {
  assert.is(didYouMean('couier', ['depot', 'courier', 'instance']), 'courier');
  assert.is(didYouMean('Depot', ['depot', 'courier']), 'depot');
  assert.is(didYouMean('warehouse', ['depot', 'courier']), undefined);
  assert.is(didYouMean('x', []), undefined);
});

test('typecheckStackFiles returns located issues for another command to report (no CLI involved)', () => {
  // the sound fixture with one unknown key, in a scratch copy at the same depth so its imports resolve
  const dir = `.tmp/typecheck-messages-${process.pid}/depot`;
  cpSync(join(root, 'test/fixtures/typecheck-valid'), join(root, dir), { recursive: true });
  const file = join(root, dir, 'depot.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace('routes: { critical: desk', 'routes: { critcal: desk'));
  const issues = typecheckStackFiles([file], root);
  rmSync(join(root, dir, '..'), { recursive: true, force: true });
  assert.is(issues.length, 1);
  const [issue] = issues;
  assert.is(issue!.code, 'typecheck/unknown-key');
  assert.is(issue!.where.file, `${dir}/depot.ts`);
  assert.equal(issue!.path, ['depot', 'type error']);
  assert.is(issue!.hint, 'write "critical"');
  assert.is(issue!.expr!.text.slice(issue!.expr!.from, issue!.expr!.to), 'critcal');
});

test('a label value the stack did not declare gets the declared ones and "did you mean"', () => {
  const dir = `.tmp/typecheck-values-${process.pid}/depot`;
  cpSync(join(root, 'test/fixtures/typecheck-valid'), join(root, dir), { recursive: true });
  const file = join(root, dir, 'depot.ts');
  writeFileSync(file, `${readFileSync(file, 'utf8')}
import { counter as declaredCounter } from '../../../dsl/index.ts';
const parcels = declaredCounter({ name: 'parcels_total', help: 'Parcels', labels: { lane: ['north', 'south'] } });
export const northOnly = parcels.where({ lane: 'nrth' });
`);
  const issues = typecheckStackFiles([file], root);
  rmSync(join(root, dir, '..'), { recursive: true, force: true });
  assert.is(issues.length, 1, issues.map((i) => i.message).join('\n'));
  assert.is(issues[0]!.code, 'typecheck/unknown-value');
  assert.is(issues[0]!.message, '"nrth" is not one of the declared values of lane; did you mean "north"? Declared: "north", "south".');
  assert.is(issues[0]!.hint, 'write "north"');
});

test('typecheckStackFiles finds nothing in a sound stack, and checks nothing when given no files', () => {
  assert.equal(typecheckStackFiles(['test/fixtures/typecheck-valid/depot.ts'], root), []);
  assert.equal(typecheckStackFiles([], root), []);
});

test.run();
