// The example against the hand-written seed it replaced. test/fixtures/seed-rules.json holds the seed's rule groups,
// alert names and recording-rule names, copied once; docs/seed-divergences.md explains every deliberate difference.
// This test is about the example on purpose: when stacks/platform.ts changes a seed rule, the doc must say why.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import platform from '../../stacks/platform.ts';
import seed from '../fixtures/seed-rules.json' with { type: 'json' };
import { compileValid, root } from '../helpers/stack.ts';

const divergences = readFileSync(join(root, 'docs/seed-divergences.md'), 'utf8');
const explained = (name: string) => divergences.includes(`\`${name}\``);
const { model } = compileValid(platform);
const fix = (what: string) =>
  `stacks/platform.ts diverged from the seed: ${what}. If that is deliberate, name each in docs/seed-divergences.md ` +
  'in backticks with the reason; otherwise restore it in the stack.';

test('the seed fixture lists groups, alerts and recording rules, each name once', () => {
  const names = seed.groups.flatMap((g) => [...g.alerts, ...g.recordingRules]);
  assert.ok(seed.groups.length > 0 && names.length > 0);
  assert.is(new Set(names).size, names.length);
});

test('every alert and recording rule of the seed is in the example by name, or explained', () => {
  const inStack = new Set(model.ruleGroups.flatMap((g) => g.rules.map((r) => r.name)));
  const missing = seed.groups.flatMap((g) => [...g.alerts, ...g.recordingRules]).filter((n) => !inStack.has(n) && !explained(n));
  assert.equal(missing, [], fix(`these seed rules are not in the stack: ${missing.join(', ')}`));
});

// Growing the example (a new group, alert or recording rule) is not a divergence from the seed; losing a seed group is.
test('the example keeps the seed\'s rule groups, or explains a dropped one', () => {
  const stackGroups = new Set(model.ruleGroups.map((g) => g.name));
  const dropped = seed.groups.map((g) => g.name).filter((n) => !stackGroups.has(n) && !explained(n));
  assert.equal(dropped, [], fix(`these seed groups are gone: ${dropped.join(', ')}`));
});

test.run();
