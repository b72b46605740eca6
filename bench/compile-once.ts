// One compile in a fresh process, as `npm run compile -- --check` does it, reporting its phases and peak memory.
// Usage: tsx bench/compile-once.ts <stacks dir> <out dir> [--typecheck]
// With --typecheck the stack files are type-checked first, as `npm run compile` does; without, the phase is skipped.
import { resolve } from 'node:path';
import { projectRoot } from '../dsl/source.ts';
import { compileStacks, loadStacks } from '../compiler/compile.ts';
import { planOutput } from '../compiler/output.ts';
import { stackFilesIn, typecheckStackFiles } from '../compiler/typecheck/index.ts';

const [stacksDir, outDir, flag] = process.argv.slice(2);
const tc = performance.now();
if (flag === '--typecheck') {
  const issues = typecheckStackFiles(stackFilesIn(resolve(projectRoot, stacksDir!)), projectRoot);
  if (issues.length) throw new Error(`the benchmark stack has type errors: ${issues.map((i) => i.message).join('; ')}`);
}
const t0 = performance.now();
const loaded = await loadStacks(resolve(projectRoot, stacksDir!), projectRoot);
const t1 = performance.now();
const compiled = compileStacks(loaded.stacks);
const t2 = performance.now();
planOutput(projectRoot, outDir!, compiled);
const t3 = performance.now();
const files = compiled.reduce((n, c) => n + c.files.size, 0);
// counted from the compiled model, so the table follows whatever the stack holds
const metrics = compiled.reduce((n, c) => n + c.stack.metrics.length, 0);
const rules = compiled.reduce((n, c) => n + c.stack.ruleGroups.reduce((m, g) => m + g.rules.length, 0), 0);
console.log(JSON.stringify({ typecheckMs: t0 - tc, loadMs: t1 - t0, compileMs: t2 - t1, planMs: t3 - t2, files, metrics, rules, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
