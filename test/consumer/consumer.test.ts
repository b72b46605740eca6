// The consumer test: a team adopts stackc from its tarball, as the README's "Use stackc in your own repository"
// says, in an empty folder outside this repository. npm pack, npm install of the tarball, `npx stackc init`,
// compile, check, verify, then a plain-JavaScript Node app (no TypeScript loader) that imports the generated
// registry and the middleware is scraped, and promtool accepts the scrape. A TypeScript consumer type-checks
// against the registry's and the package's declarations. Each step needs the ones before it, so a failure is
// reported at the first step that broke; later steps say they could not run. A second, empty folder is scaffolded
// from scratch (no package.json to merge) and must install, compile and verify too.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { camelCase } from '../../compiler/emit/exporter.ts';
import { totalsPattern } from '../../compiler/verify/report.ts';
import { requireTool, root } from '../helpers/stack.ts';
import { appRoutes, appSource, typedAppSource, typedAppTsconfig } from './app.ts';
import { importedModules, pack, registryModules, tarballProblems, type Tarball } from './package-files.ts';
import { isInside, run, seconds, shown, succeed, timed, timings } from './project.ts';
import { startApp, startServer, type Running } from './run-app.ts';

const promtool = requireTool('promtool', 'prometheus');
requireTool('amtool', 'prometheus-alertmanager');

/** The commands `stackc --help` must list: every one of compiler/stackc.ts. */
const commands = ['compile', 'check', 'verify', 'up', 'exporter', 'init'];
/** The stack is named after the project's folder. */
const stackName = 'shop';
const npmQuiet = ['--no-audit', '--no-fund', '--prefer-offline'];

// made when this file's tests start, not when uvu imports every test file, so the total is this test's own time
let scratch = '';
let project = '';
let registryDir = '';
let started = 0;
let tarball: Tarball | undefined;
let installed = false;
let compiled = false;
/** The server a test started, stopped by that test and, should it fail to, by test.after. */
let server: Running | undefined;

function need(ready: boolean, what: string): void {
  if (!ready) throw new Error(`not run: ${what} failed earlier`);
}

const npx = (...args: string[]) => run(project, 'npx', ['--no-install', ...args], { timeoutMs: 300_000 });

test.before(() => {
  started = performance.now();
  scratch = mkdtempSync(join(tmpdir(), 'stackc-consumer-'));
  project = join(scratch, stackName);
  registryDir = join(project, 'out', stackName, 'exporter');
});

test.after(async () => {
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  const figures = [...timings].map(([step, ms]) => `${step} ${seconds(ms)}`);
  const size = tarball ? `tarball ${(tarball.size / 1024).toFixed(0)} kB (${tarball.files.length} files, ${(tarball.unpackedSize / 1024).toFixed(0)} kB unpacked); ` : '';
  console.log(`\n  consumer: ${size}${figures.join(', ')}; total ${seconds(performance.now() - started)}`);
});

test('the scratch project is outside the repository, so nothing resolves through it', () => {
  assert.not.ok(isInside(scratch, root), `${scratch} is inside ${root}: set TMPDIR elsewhere`);
  mkdirSync(project);
});

test('npm pack: bin/, dist/ with .js and .d.ts; no tests, stacks, out/ or TypeScript sources', () => {
  const packed = pack(scratch);
  assert.equal(tarballProblems(packed.files), []);
  assert.ok(existsSync(packed.path), packed.path);
  tarball = packed;
});

test('npm init -y and npm install --save-dev of the tarball; `npx stackc --help` lists every command', () => {
  need(tarball !== undefined, 'npm pack');
  timed('npm init', succeed(project, 'npm', ['init', '-y']));
  timed('npm install (tarball)', succeed(project, 'npm', ['install', '--save-dev', ...npmQuiet, tarball!.path], { timeoutMs: 600_000 }));
  const help = npx('stackc', '--help');
  assert.is(help.status, 0, shown('npx stackc --help', help));
  for (const command of commands) assert.match(help.stdout, new RegExp(`^  ${command} `, 'm'), `--help lists ${command}`);
  installed = true;
});

test('npx stackc init merges into package.json and scaffolds; npm install', () => {
  need(installed, 'the install');
  const init = timed('stackc init', npx('stackc', 'init'));
  assert.is(init.status, 0, shown('npx stackc init', init));
  const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
  assert.is(pkg.type as unknown, 'module');
  assert.match(pkg.devDependencies!.stackc!, /^file:.*\.tgz$/, 'the tarball npm install wrote is kept');
  assert.ok(pkg.dependencies!['prom-client'], 'prom-client is a dependency: the app imports it through the registry');
  assert.equal(pkg.scripts, { ...pkg.scripts, compile: 'stackc compile', check: 'stackc check', verify: 'stackc verify' });
  for (const file of ['tsconfig.json', `stacks/${stackName}.ts`, '.github/workflows/stackc.yml']) assert.ok(existsSync(join(project, file)), file);
  timed('npm install (after init)', succeed(project, 'npm', ['install', ...npmQuiet], { timeoutMs: 600_000 }));
});

test('`stackc init` in an empty folder (--from the tarball) writes a package.json npm install accepts; compile and verify pass', () => {
  need(installed, 'the install');
  // the project's stackc scaffolds a sibling folder: nothing to merge, package.json written from scratch
  const fresh = join(scratch, 'fresh');
  const init = npx('stackc', 'init', fresh, '--from', tarball!.path);
  assert.is(init.status, 0, shown(`npx stackc init ${fresh} --from ${tarball!.path}`, init));
  timed('npm install (fresh folder)', succeed(fresh, 'npm', ['install', ...npmQuiet], { timeoutMs: 600_000 }));
  for (const command of ['compile', 'verify']) {
    const r = run(fresh, 'npx', ['--no-install', 'stackc', command], { timeoutMs: 300_000 });
    assert.is(r.status, 0, shown(`npx stackc ${command} (fresh folder)`, r));
  }
});

test('npx stackc compile writes out/; after an edit of the stack, check finds the drift until compile runs again', () => {
  need(installed, 'the install');
  const first = timed('stackc compile', npx('stackc', 'compile'));
  assert.is(first.status, 0, shown('npx stackc compile', first));
  assert.ok(existsSync(join(registryDir, 'registry.gen.js')), 'the registry is written');
  // a user's first edit: a lower threshold changes the rule, its tests and the dashboard's colours
  const stackFile = join(project, 'stacks', `${stackName}.ts`);
  const text = readFileSync(stackFile, 'utf8');
  assert.match(text, /above: 100,/);
  writeFileSync(stackFile, text.replace('above: 100,', 'above: 50,'));
  const stale = timed('stackc check', npx('stackc', 'check'));
  assert.is(stale.status, 1, shown('npx stackc check (after the edit)', stale));
  const again = timed('stackc compile', npx('stackc', 'compile'));
  assert.is(again.status, 0, shown('npx stackc compile (after the edit)', again));
  const current = timed('stackc check', npx('stackc', 'check'));
  assert.is(current.status, 0, shown('npx stackc check', current));
  compiled = true;
});

test('npx stackc verify: every judge passes', () => {
  need(compiled, 'the compile');
  const verify = timed('stackc verify', npx('stackc', 'verify'));
  assert.is(verify.status, 0, shown('npx stackc verify', verify));
  const totals = totalsPattern.exec(verify.stdout);
  assert.ok(totals, shown('npx stackc verify (no totals line)', verify));
  assert.is(totals![2], '0', verify.stdout);
  assert.ok(Number(totals![1]) > 0, verify.stdout);
  // the package has no tools/ to build the Go judge of dashboards from: its line says so instead of failing
  assert.match(verify.stdout, /grafana sdk strict\s+skipped: grafana-dashboards is not built \(bash scripts\/build-judges\.sh/);
});

test('the generated registry imports only stackc/exporter and prom-client, never a path', () => {
  need(compiled, 'the compile');
  for (const file of ['registry.gen.ts', 'registry.gen.js', 'registry.gen.d.ts']) {
    const modules = importedModules(readFileSync(join(registryDir, file), 'utf8'));
    assert.ok(modules.includes('stackc/exporter'), `${file} imports stackc/exporter`);
    assert.equal(modules.filter((m) => !registryModules.includes(m)), [], `${file} imports only ${registryModules.join(' and ')}`);
  }
});

/** The sample names a scrape must hold for a metric of `kind`. */
function seriesOf(kind: string, name: string): string[] {
  if (kind === 'histogram') return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
  if (kind === 'summary') return [name, `${name}_sum`, `${name}_count`];
  return [name];
}

/** The sample names of a text exposition (comments aside). */
function sampleNames(scrape: string): Set<string> {
  return new Set(scrape.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => /^[^{\s]+/.exec(l)![0]));
}

/** The samples a scrape lacks of `metrics` (for a histogram its _bucket, _sum and _count). */
function missingSeries(scrape: string, metrics: readonly { kind: string; name: string }[]): string[] {
  const samples = sampleNames(scrape);
  return metrics.flatMap((m) => seriesOf(m.kind, m.name)).filter((s) => !samples.has(s));
}

async function get(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  return { status: res.status, text: await res.text() };
}

function declaredMetrics(): { kind: string; name: string; labels: string[] }[] {
  return (JSON.parse(readFileSync(join(project, 'out', stackName, 'model.json'), 'utf8')) as { metrics: { kind: string; name: string; labels: string[] }[] }).metrics;
}

test('a plain-JavaScript app (`node app.mjs`, no loader) serves the registry and the middleware; promtool accepts the scrape', async () => {
  need(compiled, 'the compile');
  writeFileSync(join(project, 'app.mjs'), appSource(stackName));
  try {
    const running = await startApp(project, 'app.mjs');
    server = running;
    const { app } = running;
    assert.equal(app.execArgv, [], 'the app runs with no Node flag or loader');
    assert.equal(app.metrics.map((m) => m.name), declaredMetrics().map((m) => m.name), 'specs holds every metric of the stack');

    for (const path of ['/', '/orders/1', '/orders/2?expand=items', '/no-such-route']) await get(`${app.url}${path}`);
    const { status, text: scrape } = await get(`${app.url}${app.metricsPath}`);
    assert.is(status, 200, scrape);

    const lint = run(project, promtool, ['check', 'metrics'], { input: scrape });
    assert.is(lint.status, 0, `${shown('promtool check metrics', lint)}\n--- scrape\n${scrape}`);
    assert.equal(missingSeries(scrape, app.metrics), [], `every declared series is in the scrape:\n${scrape}`);
    // the middleware labelled the requests by route template: one series per template, the unknown path as unmatched
    for (const route of [...appRoutes, 'unmatched']) assert.match(scrape, `route="${route}"`);
    assert.not.match(scrape, 'route="/orders/1"');
  } finally {
    await server?.stop();
  }
});

test('the installed `stackc exporter --simulate` serves every declared series', async () => {
  need(compiled, 'the compile');
  // the bin npm linked into the project, run directly so that stopping it stops the exporter itself
  const bin = join(project, 'node_modules', '.bin', 'stackc');
  try {
    server = await startServer(project, bin, ['exporter', stackName, '--simulate', '--port', '0'], /^listening on (http:\S+)$/);
    const { status, text: scrape } = await get(`${server.ready[1]}/metrics`);
    assert.is(status, 200, scrape);
    assert.equal(missingSeries(scrape, declaredMetrics()), [], scrape);
  } finally {
    await server?.stop();
  }
});

test('a TypeScript consumer type-checks against registry.gen.d.ts and the package\'s declarations (npx tsc)', () => {
  need(compiled, 'the compile');
  // a TypeScript app on Node has Node's types; the runtime's declarations name node:http
  timed('npm install @types/node', succeed(project, 'npm', ['install', '--save-dev', ...npmQuiet, '@types/node@20'], { timeoutMs: 600_000 }));
  // only the .js and its .d.ts, as an app that copies the generated files has them (no registry.gen.ts beside)
  const typed = join(project, 'typed');
  mkdirSync(typed);
  for (const file of ['registry.gen.js', 'registry.gen.d.ts']) copyFileSync(join(registryDir, file), join(typed, file));
  const keyOf = (kind: string, labels: string) => camelCase(declaredMetrics().find((m) => m.kind === kind && [...m.labels].sort().join() === labels)!.name);
  writeFileSync(join(typed, 'app-types.ts'), typedAppSource({ counter: keyOf('counter', 'method,route,status'), duration: keyOf('histogram', 'route') }));
  writeFileSync(join(typed, 'tsconfig.json'), typedAppTsconfig);
  // the project's tsc is the typescript stackc depends on: npx --no-install fails rather than fetch another
  const tsc = timed('tsc (TypeScript consumer)', npx('tsc', '--noEmit', '-p', 'typed'));
  assert.is(tsc.status, 0, shown('npx tsc --noEmit -p typed', tsc));
});

test.run();
