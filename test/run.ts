// `npm test`: the type check (which runs the type tests), every uvu test file, then `verify --live` over every stack
// in stacks/ — so a stack file dropped there is judged by the real tools without a test written for it.
// One summary line at the end; each verify judge line counts as one. `npm test -- <regex>` runs only the matching
// test files, without verify.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { totalsPattern } from '../compiler/verify/report.ts';
import { root, stackc } from './helpers/stack.ts';

const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const pattern = process.argv[2];

// the built tool (dist/) is what bin/stackc.js, the consumer test and verify run: build it from these sources first
console.log('▶ build (tsc -p tsconfig.build.json → dist/)');
const build = spawnSync(bin('tsc'), ['-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (build.status !== 0) {
  console.log('\n0 passed, 1 failed (the build failed)');
  process.exit(1);
}

console.log('▶ tsc --noEmit (type tests in test/types/)');
const tsc = spawnSync(bin('tsc'), ['--noEmit', '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
const typesOk = tsc.status === 0;

console.log('▶ uvu test/');
const uvu = spawnSync(process.execPath, ['--conditions=stackc-source', '--import', 'tsx', join(root, 'node_modules/uvu/bin.js'), 'test', pattern ?? '\\.test\\.ts$'], {
  cwd: root,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
  maxBuffer: 64 * 1024 * 1024,
});
process.stdout.write(uvu.stdout ?? '');
const plain = (uvu.stdout ?? '').replace(/\x1b\[[0-9;]*m/g, '');
const count = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(plain)?.[1] ?? 0);
const total = count('Total');
let skipped = count('Skipped');
let passed = count('Passed');
// uvu stops counting after a test file crashes; a non-zero exit always counts as a failure
let failed = Math.max(total - passed - skipped, uvu.status === 0 ? 0 : 1);
if (typesOk) passed += 1;
else failed += 1;

if (pattern === undefined) {
  console.log('\n▶ verify --live (every stack in stacks/)');
  const verify = spawnSync(process.execPath, stackc('verify', '--live'), {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(verify.stdout ?? '');
  const judged = totalsPattern.exec(verify.stdout ?? '');
  passed += Number(judged?.[1] ?? 0);
  // exit 2 (usage) or a crash prints no totals: that is a failure too
  failed += judged ? Number(judged[2]) : 1;
  skipped += Number(judged?.[3] ?? 0);
} else {
  console.log(`\n(verify skipped: only test files matching ${pattern} were run)`);
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && uvu.status === 0 ? 0 : 1);
