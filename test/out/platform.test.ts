// The committed out/ against the stack, the real promtool against the rule files, and the seed against the stack.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import platform from '../../stacks/platform.ts';
import { compileValid, requireTool, root } from '../helpers/stack.ts';

test('out/ is current: npm run compile -- --check exits 0', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'compiler/cli.ts'), '--check'], { cwd: root, encoding: 'utf8' });
  assert.is(r.status, 0, `${r.stdout}${r.stderr}\nout/ is stale: run npm run compile and commit out/`);
});

test('the same stack compiles to the same bytes, with no absolute path or timestamp in them', () => {
  const a = compileValid(platform).files;
  const b = compileValid(platform).files;
  assert.equal([...a.entries()], [...b.entries()]);
  for (const [path, content] of a) {
    assert.not.ok(content.includes(root), `${path} contains the absolute project path`);
    assert.not.match(content, /\b20\d\d-\d\d-\d\dT\d\d:\d\d/, `${path} contains a timestamp`);
  }
});

test('promtool check rules accepts every generated rule file', () => {
  const promtool = requireTool('promtool', 'prometheus');
  const { files } = compileValid(platform);
  const dir = mkdtempSync(join(tmpdir(), 'stackc-rules-'));
  try {
    const ruleFiles = [...files].filter(([p, c]) => p.startsWith('prometheus/') && p.endsWith('.yml') && /^groups:/m.test(c));
    assert.ok(ruleFiles.length >= 2, 'alerts.yml and recording-rules.yml are emitted');
    for (const [path, content] of ruleFiles) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    const out = execFileSync(promtool, ['check', 'rules', ...ruleFiles.map(([p]) => join(dir, p))], { encoding: 'utf8' });
    assert.match(out, /SUCCESS: 22 rules found/);
    assert.match(out, /SUCCESS: 18 rules found/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every alert and recording rule of the seed is in the stack by name, or accounted for in docs/seed-divergences.md', () => {
  const seed = readFileSync(join(root, '..', 'shared', 'seed', 'monitoring-observability.md'), 'utf8');
  const divergences = readFileSync(join(root, 'docs', 'seed-divergences.md'), 'utf8');
  const seedAlerts = [...seed.matchAll(/^\s*- alert: (\S+)/gm)].map((m) => m[1]!);
  const seedRecords = [...seed.matchAll(/^\s*- record: (\S+)/gm)].map((m) => m[1]!);
  assert.is(seedAlerts.length, 22);
  assert.is(seedRecords.length, 18);
  const { model } = compileValid(platform);
  const names = new Set(model.ruleGroups.flatMap((g) => g.rules.map((r) => r.name)));
  const missing = [...seedAlerts, ...seedRecords].filter((n) => !names.has(n) && !divergences.includes(`\`${n}\``));
  assert.equal(missing, [], 'seed rules neither in the stack nor explained');
  const groups = [...seed.matchAll(/^\s*- name: (\w+)\n\s*interval/gm)].map((m) => m[1]!);
  assert.equal(model.ruleGroups.map((g) => g.name), groups, 'rule groups as in the seed');
});

test.run();
