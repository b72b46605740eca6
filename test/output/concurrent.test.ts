// Two compiles at once take turns (out/.stackc-lock) instead of swapping the same folders, and one that is killed
// while the others wait leaves them nothing to trip on: its lock is taken over and its leftovers removed.
import { rmSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyTree, makeProject, oldAndNew, savedTree, snapshot, stackc, whichTree } from '../helpers/fault-project.ts';

const p = makeProject('concurrent');
const saved = (tree: 'old' | 'new') => savedTree(p, tree);
let oldTree: string[] = [];
let newTree: string[] = [];

test.before(async () => {
  ({ old: oldTree, new: newTree } = await oldAndNew(p));
});
test.after(() => rmSync(p.dir, { recursive: true, force: true }));

test('four compiles at once all succeed and leave out/ new, nothing else', async () => {
  for (let round = 0; round < 3; round++) {
    copyTree(saved('old'), p.out);
    const runs = await Promise.all([1, 2, 3, 4].map(() => stackc(p, 'compile')));
    for (const r of runs) assert.is(r.code, 0, r.out);
    assert.is(whichTree(snapshot(p.out), oldTree, newTree), 'new');
  }
});

test('a compile killed between its renames while two others run: they finish, out/ is new, nothing is left', async () => {
  for (const fault of ['swapping', 'journaled', 'committed']) {
    copyTree(saved('old'), p.out);
    const runs = await Promise.all([stackc(p, 'compile', fault), stackc(p, 'compile'), stackc(p, 'compile')]);
    assert.is(runs[0]!.signal, 'SIGKILL', runs[0]!.out);
    for (const r of runs.slice(1)) assert.is(r.code, 0, r.out);
    // the killed one may have held the lock last: the next run recovers
    const check = await stackc(p, 'check');
    assert.is(check.code, 0, check.out);
    assert.is(whichTree(snapshot(p.out), oldTree, newTree), 'new', fault);
  }
});

test.run();
