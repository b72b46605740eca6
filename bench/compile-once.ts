// One compile in a fresh process, as `npm run compile -- --check` does it, reporting its phases and peak memory.
// Usage: tsx bench/compile-once.ts <stacks dir> <out dir>
import { resolve } from 'node:path';
import { projectRoot } from '../dsl/source.ts';
import { compileStacks, loadStacks } from '../compiler/compile.ts';
import { planOutput } from '../compiler/output.ts';

const [stacksDir, outDir] = process.argv.slice(2);
const t0 = performance.now();
const loaded = await loadStacks(resolve(projectRoot, stacksDir!), projectRoot);
const t1 = performance.now();
const compiled = compileStacks(loaded.stacks);
const t2 = performance.now();
planOutput(projectRoot, outDir!, compiled);
const t3 = performance.now();
const files = compiled.reduce((n, c) => n + c.files.size, 0);
console.log(JSON.stringify({ loadMs: t1 - t0, compileMs: t2 - t1, planMs: t3 - t2, files, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
