// `npm run bench`: the drift check (`stackc check`, which type-checks, loads, validates and emits every stack and
// compares with out/) through the built command, each run a fresh process timed from its start to its exit: the
// platform stack, a stack of a large community mixin's size, and synthetic stacks of 100, 1,000 and 10,000 metrics.
// Median of several interleaved runs, written to BENCHMARKS.md between markers. Compare ratios within one run;
// absolute numbers depend on the machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../dsl/source.ts';
import { mixinSizedStack, syntheticStack } from './synthetic.ts';

const runs = Number(process.env.BENCH_RUNS ?? 5);
// inside the repository, so that the stacks' `import … from 'stackc'` resolves through the package's own name
const work = join(projectRoot, '.tmp', 'bench');
const bin = join(projectRoot, 'bin', 'stackc.js');

interface Sample { wallMs: number; phases: Record<string, number>; typecheckDoneMs: number; rssMiB: number }
interface Case { name: string; dir: string; target?: string }

/** One `stackc check --timings` in a fresh process; wall time from spawn to exit. */
function once(c: Case): Sample {
  const start = performance.now();
  const r = spawnSync(process.execPath, [bin, 'check', '--timings', '--stacks', `${c.dir}/stacks`, '--out', `${c.dir}/out`], { cwd: projectRoot, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wallMs = performance.now() - start;
  if (r.status !== 0) throw new Error(`stackc check failed on ${c.name}:\n${r.stdout}\n${r.stderr}`);
  const line = /timings: (.*)$/m.exec(r.stderr)?.[1] ?? '';
  const phases = Object.fromEntries([...line.matchAll(/(start|load|validate \+ emit|compare) (\d+) ms/g)].map((m) => [m[1]!, Number(m[2])]));
  return { wallMs, phases, typecheckDoneMs: Number(/type check done at (\d+) ms/.exec(line)?.[1] ?? NaN), rssMiB: Number(/peak RSS (\d+) MiB/.exec(line)?.[1] ?? NaN) };
}

/** How long a command takes to start through npx versus node directly: npm's own start, outside stackc. */
function npxOverheadMs(): number {
  const tsc = join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const time = (cmd: string, args: string[]) => {
    const t = performance.now();
    execFileSync(cmd, args, { cwd: projectRoot, stdio: 'ignore' });
    return performance.now() - t;
  };
  const direct: number[] = [];
  const npx: number[] = [];
  for (let i = 0; i < runs; i++) {
    direct.push(time(process.execPath, [tsc, '--version']));
    npx.push(time('npx', ['--no-install', 'tsc', '--version']));
  }
  return median(npx) - median(direct);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

function project(name: string, file: string, text: string): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'stacks'), { recursive: true });
  writeFileSync(join(dir, 'stacks', file), text);
  return `.tmp/bench/${name}`;
}

rmSync(work, { recursive: true, force: true });
const cases: Case[] = [];
mkdirSync(join(work, 'platform', 'stacks'), { recursive: true });
cpSync(join(projectRoot, 'stacks/platform.ts'), join(work, 'platform', 'stacks', 'platform.ts'));
cases.push({ name: 'stacks/platform.ts', dir: '.tmp/bench/platform', target: 'under 0.5 s' });
cases.push({ name: 'mixin-sized: 65 alerts, 71 recording rules, 23 dashboards, 254 panels', dir: project('mixin', 'mixin.ts', mixinSizedStack()), target: 'under 1 s' });
for (const n of [100, 1000, 10000]) {
  cases.push({ name: `synthetic, ${n.toLocaleString('en')} metrics`, dir: project(`s${n}`, `synthetic-${n}.ts`, syntheticStack(n)), ...(n === 10000 ? { target: 'under 10 s and 1 GiB' } : {}) });
}
// write each out/ once: the measured runs are drift checks of an up-to-date out/, as CI runs them
for (const c of cases) execFileSync(process.execPath, [bin, 'compile', '--stacks', `${c.dir}/stacks`, '--out', `${c.dir}/out`], { cwd: projectRoot, stdio: 'ignore' });

// interleave the cases across runs, so a noisy moment hurts every case alike
const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
for (let r = 0; r < runs; r++) for (const c of cases) samples.get(c.name)!.push(once(c));
const npx = npxOverheadMs();

const rows = cases.map((c) => {
  const s = samples.get(c.name)!;
  const phase = (p: string) => median(s.map((x) => x.phases[p] ?? NaN));
  const out = join(projectRoot, c.dir, 'out');
  const files = readFileSync(join(out, readdirSync(out)[0]!, '.stackc-manifest'), 'utf8').trim().split('\n').length;
  return `| ${c.name} | ${files} | **${ms(median(s.map((x) => x.wallMs)))}** | ${ms(phase('start'))} | ${ms(phase('load'))} | ${ms(phase('validate + emit'))} | ${ms(median(s.map((x) => x.typecheckDoneMs)))} | ${Math.max(...s.map((x) => x.rssMiB))} MiB | ${c.target ?? '—'} |`;
});

const table = [
  '| stack | files | wall (process start → exit) | start (Node + stackc) | load stack file | validate + emit | type check done at | peak RSS | target |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ...rows,
].join('\n');
const section = `<!-- bench:compile:start -->
Measured by \`npm run bench\` (${runs} interleaved runs per case, median; peak RSS is the largest seen) on ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.
Each run is \`node bin/stackc.js check --timings\` in a fresh process on an up-to-date out/: type check (TypeScript 7's
tsgo, on a worker, beside the other phases), bundle and load the stack file (esbuild), validate every expression,
emit every file, compare with out/. Wall time is from spawn to exit; the phases are stackc's own \`--timings\`.

${table}

Through \`npx stackc …\`, add npm's own start: ${ms(npx)} on this machine in this run (\`npx --no-install tsc --version\`
against \`node …/tsc --version\`), which stackc cannot shorten; \`npm run\` costs about the same. The targets are for
the command itself (\`node_modules/.bin/stackc\`, as \`npm run compile\` and CI's scripts end up running it).
<!-- bench:compile:end -->`;
const path = join(projectRoot, 'BENCHMARKS.md');
let doc: string;
try { doc = readFileSync(path, 'utf8'); } catch { doc = '# Benchmarks\n\nNumbers from one machine; compare ratios within one run, not across machines.\n'; }
doc = doc.includes('<!-- bench:compile:start -->')
  ? doc.replace(/<!-- bench:compile:start -->[\s\S]*<!-- bench:compile:end -->/, section)
  : `${doc.trimEnd()}\n\n## Compiler\n\n${section}\n`;
writeFileSync(path, doc);
console.log(table);
console.log(`npx's own start: ${ms(npx)}`);
rmSync(work, { recursive: true, force: true });
