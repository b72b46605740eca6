// kill -9 at every instant of a write: once the next run has recovered, out/ is exactly as before the write or
// exactly as the write meant it (all stacks together: contents, modes, the user's files), with no temporary file or
// folder left. The killed runs are real compiles of a project of three stacks (bin/stackc.js); STACKC_FAULT=<n> stops
// one just before its n-th change to out/, so the instants at which out/ can differ are all reachable, not only the
// ones a timer happens to hit. Some kills come from a timer, and some hit the recovery itself.
// Each kill is followed by recovery: one in four by a full run of the command (check or compile, alternately), the
// others by the recovery that command runs first (recoverOutput, in this process), which keeps the loop near a
// minute. STACKC_KILLS sets the number of kills by step (default 150).
import { rmSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { recoverOutput } from '../../compiler/output.ts';
import { root } from '../helpers/stack.ts';
import { copyTree, makeProject, oldAndNew, savedTree, snapshot, stackc, whichTree, type Project } from '../helpers/fault-project.ts';

const lanes = [makeProject('kill-a'), makeProject('kill-b')];
const saved = savedTree;
// the trees of each lane (generated files name their project's stack file)
const trees = new Map<Project, { old: string[]; new: string[] }>();
let kills = 0;
let fullRuns = 0;

test.before(async () => {
  for (const p of lanes) trees.set(p, await oldAndNew(p));
});
test.after(() => {
  for (const p of lanes) rmSync(p.dir, { recursive: true, force: true });
  console.log(`  ${kills} kills, ${fullRuns} of them followed by a full run`);
});

/** One kill of a compile from v1's out/ to v2, then recovery: out/ must be old or new, and after a compile new. */
async function killOnce(p: Project, fault: string | undefined, killAfterMs?: number, thenKillRecoveryAt?: number): Promise<void> {
  const { old: oldTree, new: newTree } = trees.get(p)!;
  copyTree(saved(p, 'old'), p.out);
  const killed = await stackc(p, 'compile', fault, killAfterMs);
  if (killed.signal !== 'SIGKILL') {
    // the timer came after the run ended
    assert.is(killed.code, 0, killed.out);
    assert.is(whichTree(snapshot(p.out), oldTree, newTree), 'new');
    return;
  }
  kills += 1;
  const at = `after a kill at ${fault ?? `${killAfterMs} ms`}`;
  if (thenKillRecoveryAt !== undefined) {
    const again = await stackc(p, 'check', String(thenKillRecoveryAt));
    if (again.signal === 'SIGKILL') kills += 1;
  }
  if (kills % 4 === 0) {
    fullRuns += 1;
    const command = fullRuns % 2 ? 'check' : 'compile';
    const next = await stackc(p, command);
    const state = whichTree(snapshot(p.out), oldTree, newTree);
    if (command === 'compile') assert.is(state, 'new', `${at}, then compile:\n${next.out}`);
    else {
      assert.ok(state === 'old' || state === 'new', `${at}, then check: ${state}\n${next.out}`);
      assert.is(next.code, state === 'new' ? 0 : 1, `${at}, then check:\n${next.out}`);
    }
  } else {
    recoverOutput(root, `${p.rel}/out`);
    const state = whichTree(snapshot(p.out), oldTree, newTree);
    assert.ok(state === 'old' || state === 'new', `${at}${thenKillRecoveryAt ? ` and in recovery at ${thenKillRecoveryAt}` : ''}: ${state}`);
  }
}

/** Runs `jobs` two at a time, each on its own project. */
async function onLanes(jobs: readonly ((p: Project) => Promise<unknown>)[]): Promise<void> {
  let next = 0;
  await Promise.all(lanes.map(async (p) => {
    while (next < jobs.length) await jobs[next++]!(p);
  }));
}

test('a kill at each phase of the write: staged, journaled, between the two renames, swapped, committed', async () => {
  await onLanes(['staged', 'journaled', 'swapping', 'swapped', 'committed'].map((f) => (p) => killOnce(p, f)));
});

test('a kill before each change to out/ (every one, or an even spread of them)', async () => {
  const p = lanes[0]!;
  copyTree(saved(p, 'old'), p.out);
  const counted = await stackc(p, 'compile', 'count');
  const changes = Number(/stackc-fault: (\d+) changes/.exec(counted.out)?.[1]);
  assert.ok(changes > 50, counted.out);
  const wanted = Math.min(changes, Number(process.env['STACKC_KILLS'] ?? 150));
  const chosen = [...new Set(Array.from({ length: wanted }, (_, i) => 1 + Math.round((i * (changes - 1)) / Math.max(1, wanted - 1))))];
  await onLanes(chosen.map((n) => (p) => killOnce(p, String(n))));
  console.log(`  ${changes} changes to out/ in a write of 3 stacks; killed before ${chosen.length} of them`);
});

test('a kill while the next run recovers, then recovery again', async () => {
  await onLanes(['journaled', 'swapping', 'swapped', 'committed'].flatMap((f) => [1, 2, 4, 9].map((m) => (p: Project) => killOnce(p, f, undefined, m))));
});

test('a kill at a random instant (a timer), then recovery', async () => {
  const p = lanes[0]!;
  copyTree(saved(p, 'old'), p.out);
  const start = performance.now();
  await stackc(p, 'compile');
  const ms = performance.now() - start;
  // spread over the second half of a run, where the stacks are compiled and out/ is written
  await onLanes(Array.from({ length: 16 }, (_, i) => (p: Project) => killOnce(p, undefined, Math.round(ms * (0.5 + (i / 16) * 0.6)))));
});

test.run();
