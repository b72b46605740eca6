// Faults that make a write fail rather than stop it: a full disk, a file or folder that cannot be removed (immutable).
// Each leaves out/ exactly as it was (contents, modes, the user's files, no temporary entry) and says so; a failure
// after the commit says that out/ is new. A real full disk needs a small tmpfs (mount, as root); without it the same
// ENOSPC is injected (STACKC_FAULT=<n>:enospc) — that case always runs. `chattr +i` needs root and a file system
// that supports it; without them those cases are skipped with the reason.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyTree, makeProject, oldAndNew, savedTree, snapshot, stackc, whichTree } from '../helpers/fault-project.ts';

const p = makeProject('disk-faults');
const saved = (tree: 'old' | 'new') => savedTree(p, tree);
let oldTree: string[] = [];
let newTree: string[] = [];
const sh = (cmd: string, ...args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' });

test.before(async () => {
  ({ old: oldTree, new: newTree } = await oldAndNew(p));
});
test.after(() => {
  sh('chattr', '-R', '-i', p.dir);
  rmSync(p.dir, { recursive: true, force: true });
});
test.before.each(() => copyTree(saved('old'), p.out));

const nothingChanged = /Nothing in \.tmp\/disk-faults-\d+\/out\/ was changed: .*out\/pumps\/, .*out\/tanks\/, .*out\/valves\/ are as before\./;

test('ENOSPC (injected) while staging, writing the journal or swapping: out/ is as before, and the message says so', async () => {
  const counted = await stackc(p, 'compile', 'count');
  const changes = Number(/stackc-fault: (\d+) changes/.exec(counted.out)?.[1]);
  copyTree(saved('old'), p.out);
  // the first change, one in the middle of staging, the journal, the renames (the last changes before the commit)
  const journal = await stackc(p, 'compile', 'journaled:enospc');
  assert.is(journal.code, 2, journal.out);
  for (const at of ['1', String(Math.round(changes / 3)), 'staged', 'journaled', 'swapping', 'swapped']) {
    copyTree(saved('old'), p.out);
    const r = await stackc(p, 'compile', `${at}:enospc`);
    assert.is(r.code, 2, `${at}: ${r.out}`);
    assert.match(r.out, /stackc could not write .*out\/: ENOSPC: no space left on device/);
    assert.match(r.out, nothingChanged);
    if (['swapping', 'swapped'].includes(at)) assert.match(r.out, /The folders already swapped were put back/);
    assert.is(whichTree(snapshot(p.out), oldTree, newTree), 'old', at);
  }
});

test('a failure after the commit (removing the old copies) says out/ is new; the next run removes the copies', async () => {
  const counted = await stackc(p, 'compile', 'count');
  const changes = Number(/stackc-fault: (\d+) changes/.exec(counted.out)?.[1]);
  copyTree(saved('old'), p.out);
  // two changes before the end: removing the last old copy's folder
  const r = await stackc(p, 'compile', `${changes - 2}:enospc`);
  assert.is(r.code, 2, r.out);
  assert.match(r.out, /are written completely, but an old copy beside them could not be removed/);
  assert.not.match(r.out, /Nothing in/);
  const check = await stackc(p, 'check');
  assert.is(check.code, 0, check.out);
  assert.match(check.out, /the old copies it left were removed/);
  assert.is(whichTree(snapshot(p.out), oldTree, newTree), 'new');
});

test('a real full disk (a tmpfs too small for the new files): out/ is as before; with room, the compile succeeds', async () => {
  rmSync(p.out, { recursive: true, force: true });
  mkdirSync(p.out);
  if (sh('mount', '-t', 'tmpfs', '-o', 'size=4m', 'stackc-test', p.out).status !== 0) {
    console.log('  skipped the real full disk: mounting a tmpfs needs root (the injected ENOSPC above covers the same path)');
    return;
  }
  try {
    sh('cp', '-a', `${saved('old')}/.`, p.out);
    const { blocks, bfree, bsize } = statfsSync(p.out);
    // the old tree fills the disk but for a few pages: fewer than the changed files need
    assert.is(sh('mount', '-o', `remount,size=${(blocks - bfree + 6) * bsize}`, p.out).status, 0);
    const r = await stackc(p, 'compile');
    assert.is(r.code, 2, r.out);
    assert.match(r.out, /ENOSPC: no space left on device/);
    assert.match(r.out, nothingChanged);
    assert.is(whichTree(snapshot(p.out), oldTree, newTree), 'old');
    assert.is(sh('mount', '-o', 'remount,size=4m', p.out).status, 0);
    const again = await stackc(p, 'compile');
    assert.is(again.code, 0, again.out);
    assert.is(whichTree(snapshot(p.out), oldTree, newTree), 'new');
  } finally {
    sh('umount', p.out);
  }
});

/** Runs `body` with `paths` immutable; false (skipped) when chattr +i does not work here. */
async function immutable(paths: readonly string[], body: () => Promise<void>): Promise<boolean> {
  const set = sh('chattr', '+i', ...paths);
  if (set.status !== 0) {
    console.log(`  skipped: chattr +i does not work here (${(set.stderr || set.error?.message || '').trim()}); it needs root and ext4, xfs or btrfs`);
    return false;
  }
  try {
    await body();
  } finally {
    sh('chattr', '-i', ...paths);
  }
  return true;
}

test('an immutable generated file (one the write changes, or one it keeps): out/ is as before, the file is named', async () => {
  for (const file of ['tanks/prometheus/alerts.yml', 'tanks/blackbox/blackbox.yml', 'tanks/NOTES.md']) {
    copyTree(saved('old'), p.out);
    const ran = await immutable([join(p.out, file)], async () => {
      const r = await stackc(p, 'compile');
      assert.is(r.code, 2, r.out);
      assert.match(r.out, new RegExp(`out/${file.replaceAll('.', '\\.')} cannot be removed \\(EPERM, is it immutable or append-only\\? see lsattr\\)`));
      assert.match(r.out, nothingChanged);
      assert.is(whichTree(snapshot(p.out), oldTree, newTree), 'old', file);
    });
    if (!ran) return;
    const again = await stackc(p, 'compile');
    assert.is(again.code, 0, again.out);
    assert.is(whichTree(snapshot(p.out), oldTree, newTree), 'new');
  }
});

test('an immutable (read-only even to root) subfolder or out/ itself: out/ is as before, with a clear message', async () => {
  await immutable([join(p.out, 'tanks', 'runbooks')], async () => {
    const r = await stackc(p, 'compile');
    assert.is(r.code, 2, r.out);
    assert.match(r.out, /out\/tanks\/runbooks\/ cannot be changed \(EPERM\)/);
    assert.match(r.out, nothingChanged);
    assert.is(whichTree(snapshot(p.out), oldTree, newTree), 'old');
  });
  await immutable([p.out], async () => {
    const r = await stackc(p, 'compile');
    assert.is(r.code, 2, r.out);
    assert.match(r.out, /could not write .*out\/: EPERM: operation not permitted/);
    assert.match(r.out, nothingChanged);
    assert.is(whichTree(snapshot(p.out), oldTree, newTree), 'old');
  });
});

test.run();
