// `npm test`: the type check (which runs the type tests), then every uvu test file, one summary line at the end.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './helpers/stack.ts';

const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const pattern = process.argv[2] ?? '\\.test\\.ts$';

console.log('▶ tsc --noEmit (type tests in test/types/)');
const tsc = spawnSync(bin('tsc'), ['--noEmit', '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
const typesOk = tsc.status === 0;

console.log('▶ uvu test/');
const uvu = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'node_modules/uvu/bin.js'), 'test', pattern], {
  cwd: root,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
  maxBuffer: 64 * 1024 * 1024,
});
process.stdout.write(uvu.stdout ?? '');
const plain = (uvu.stdout ?? '').replace(/\x1b\[[0-9;]*m/g, '');
const count = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(plain)?.[1] ?? 0);
const total = count('Total');
const skipped = count('Skipped');
let passed = count('Passed');
// uvu stops counting after a test file crashes; a non-zero exit always counts as a failure
let failed = Math.max(total - passed - skipped, uvu.status === 0 ? 0 : 1);
if (typesOk) passed += 1;
else failed += 1;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && uvu.status === 0 ? 0 : 1);
