// `npm run bench`: compile time and peak memory of the platform stack and of synthetic stacks of 100, 1,000 and
// 10,000 metrics, each in a fresh process (wall time includes process start), median of several runs, written to
// BENCHMARKS.md between markers. Compare ratios within one run; absolute numbers depend on the machine.
// The platform stack runs twice per round, with and without the type check `npm run compile` starts with, so the
// cost of the type check is a ratio from one run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../dsl/source.ts';
import { syntheticStack } from './synthetic.ts';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const work = join(projectRoot, '.tmp', 'bench');
const sizes = [100, 1000, 10000];

interface Sample { wallMs: number; typecheckMs: number; loadMs: number; compileMs: number; planMs: number; files: number; metrics: number; rules: number; maxRssMiB: number }

function once(stacksDir: string, typecheck: boolean): Sample {
  const start = performance.now();
  const args = [join(projectRoot, 'bench/compile-once.ts'), stacksDir, '.tmp/bench/out', ...(typecheck ? ['--typecheck'] : [])];
  const out = execFileSync(process.execPath, ['--import', 'tsx', ...args], { cwd: projectRoot, encoding: 'utf8' });
  const wallMs = performance.now() - start;
  return { wallMs, ...JSON.parse(out.trim().split('\n').pop()!) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

rmSync(work, { recursive: true, force: true });
const cases: { name: string; dir: string; typecheck: boolean }[] = [];
mkdirSync(join(work, 'platform'), { recursive: true });
cpSync(join(projectRoot, 'stacks/platform.ts'), join(work, 'platform', 'platform.ts'));
// the copy lives two folders deeper than stacks/: point its imports at dsl/ from there
writeFileSync(join(work, 'platform', 'platform.ts'), readFileSync(join(work, 'platform', 'platform.ts'), 'utf8').replaceAll("'../dsl/", "'../../../dsl/"));
cases.push({ name: 'stacks/platform.ts', dir: '.tmp/bench/platform', typecheck: false });
cases.push({ name: 'stacks/platform.ts, type-checked first', dir: '.tmp/bench/platform', typecheck: true });
for (const n of sizes) {
  mkdirSync(join(work, `s${n}`), { recursive: true });
  writeFileSync(join(work, `s${n}`, `synthetic-${n}.ts`), syntheticStack(n));
  cases.push({ name: `synthetic, ${n.toLocaleString('en')} metrics`, dir: `.tmp/bench/s${n}`, typecheck: false });
  if (n === 1000) cases.push({ name: `synthetic, ${n.toLocaleString('en')} metrics, type-checked first`, dir: `.tmp/bench/s${n}`, typecheck: true });
}

// interleave the cases across runs, so a noisy moment hurts every case alike
const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
for (let r = 0; r < runs; r++) for (const c of cases) samples.get(c.name)!.push(once(c.dir, c.typecheck));

const rows = cases.map((c) => {
  const s = samples.get(c.name)!;
  return { ...c, wall: median(s.map((x) => x.wallMs)), typecheckMs: median(s.map((x) => x.typecheckMs)), compile: median(s.map((x) => x.compileMs)), load: median(s.map((x) => x.loadMs)), rss: Math.max(...s.map((x) => x.maxRssMiB)), files: s[0]!.files, metrics: s[0]!.metrics, rules: s[0]!.rules };
});
const base = rows.find((r) => r.name.startsWith('synthetic'))!;
// the cost of the type check: each type-checked case against the same stack without it
const typecheckCost = rows.filter((r) => r.typecheck).map((checked) => {
  const plain = rows.find((r) => r.dir === checked.dir && !r.typecheck)!;
  return `- ${plain.name}: wall ${plain.wall.toFixed(0)} ms without → ${checked.wall.toFixed(0)} ms with, ${(checked.wall / plain.wall).toFixed(2)}× (the check itself: ${checked.typecheckMs.toFixed(0)} ms)`;
});
const table = [
  '| stack | rules | wall (process start → done) | type check | load stack file | validate + emit | peak RSS | compile time per metric vs 100 |',
  '|---|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.name} | ${r.rules} | ${r.wall.toFixed(0)} ms | ${r.typecheck ? `${r.typecheckMs.toFixed(0)} ms` : '—'} | ${r.load.toFixed(0)} ms | ${r.compile.toFixed(0)} ms | ${r.rss.toFixed(0)} MiB | ${r.name.startsWith('stacks') ? '—' : `${((r.compile / r.metrics) / (base.compile / base.metrics)).toFixed(2)}×`} |`),
].join('\n');
const section = `<!-- bench:compile:start -->
Measured by \`npm run bench\` (${runs} interleaved runs per case, median; peak RSS is the largest seen) on ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.
Each case runs in a fresh process: load the stack file through tsx, validate every expression, emit every file, compare with out/.
The type check (TypeScript 7's tsgo over the stack file and what it imports, as \`npm run compile\` runs it first) is timed on the platform stack and the 1,000-metric stack; the other cases skip it.

${table}

Cost of the type check, in this run (peak RSS does not count tsgo's own process):
${typecheckCost.join('\n')}

Targets: platform under 1 s wall including process start; 10,000 metrics under 10 s and 1 GiB; time per metric not growing with size (last column near 1×).
<!-- bench:compile:end -->`;
const path = join(projectRoot, 'BENCHMARKS.md');
let doc: string;
try { doc = readFileSync(path, 'utf8'); } catch { doc = '# Benchmarks\n\nNumbers from one machine; compare ratios within one run, not across machines.\n'; }
doc = doc.includes('<!-- bench:compile:start -->')
  ? doc.replace(/<!-- bench:compile:start -->[\s\S]*<!-- bench:compile:end -->/, section)
  : `${doc.trimEnd()}\n\n## Compiler\n\n${section}\n`;
writeFileSync(path, doc);
console.log(table);
rmSync(work, { recursive: true, force: true });
