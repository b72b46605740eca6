// The simulation of any stack, from its specs: every declared series in the first scrape, gauges in each phase's
// band, counters faster in bad phases, a renamed label followed; and `npm run exporter -- <stack>` as a process.
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Stack } from '../../compiler/model.ts';
import { startStackExporter } from '../../exporter/stack-exporter.ts';
import { parseSchedule, type Phase } from '../../exporter/schedule.ts';
import { specsOf } from '../../exporter/from-model.ts';
import { levelBand, levelOf, phaseBand } from '../../exporter/thresholds.ts';
import fixture from '../fixtures/live-small.ts';
import { stacksFolder } from '../fixtures/live-stacks.ts';
import { compileValid, root, stackc } from '../helpers/stack.ts';
import { parseExposition, promtoolCheckMetrics, scrape } from './helpers.ts';

const { model } = compileValid(fixture);
const levelOfPhase = { normal: 'ok', warning: 'warning', critical: 'critical' } as const;

/** A small seeded generator, so runs are repeatable. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const hold = (stack: Stack, phase: Phase) => startStackExporter(stack, { port: 0, simulate: { schedule: parseSchedule(`${phase}:1h`), random: seeded(3) } });
const sampleNames = (m: Stack['metrics'][number]) => (m.kind === 'histogram' ? [`${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`] : m.kind === 'summary' ? [m.name, `${m.name}_sum`, `${m.name}_count`] : [m.name]);

test('the first scrape holds every declared metric with every simulated label set, and promtool accepts it', async () => {
  const running = await hold(model, 'normal');
  try {
    const body = (await scrape(running.url)).body;
    const families = parseExposition(body);
    for (const m of model.metrics) {
      const family = families.get(m.name);
      assert.ok(family, `${m.name} in the first scrape`);
      for (const set of running.simulation!.labelSets.get(m.name)!) {
        for (const name of sampleNames(m)) {
          assert.ok(family!.samples.some((s) => s.name === name && Object.entries(set).every(([k, v]) => s.labels[k] === v)), `${name}${JSON.stringify(set)}`);
        }
      }
    }
    assert.ok(running.simulation!.labelSets.get('work_jobs_total')!.some((s) => s.outcome === 'failed'), 'label values the stack selects on are simulated');
    assert.is(promtoolCheckMetrics(body).status, 0);
  } finally {
    await running.close();
  }
});

test('in each phase every gauge is in that phase\'s band, past the phase\'s threshold when it has one', async () => {
  const specs = specsOf(model);
  for (const phase of ['normal', 'warning', 'critical'] as const) {
    const running = await hold(model, phase);
    try {
      const families = parseExposition((await scrape(running.url)).body);
      for (const m of model.metrics.filter((x) => x.kind === 'gauge')) {
        const spec = specs[m.name]!;
        const [low, high] = phaseBand(spec, levelOfPhase[phase]);
        for (const s of families.get(m.name)!.samples) {
          const v = Number(s.value);
          assert.ok(v >= low && v <= high, `${m.name} ${phase}: ${v} in ${low}…${high}`);
          const level = levelOfPhase[phase];
          if (level !== 'ok' && levelBand(spec, level)) assert.is(levelOf(spec, v), level, `${m.name} ${phase}`);
        }
      }
    } finally {
      await running.close();
    }
  }
});

test('counters rise faster and observations sit higher in the critical phase than in the normal one', async () => {
  const counts: Record<string, number> = {};
  const sums: Record<string, number> = {};
  for (const phase of ['normal', 'critical'] as const) {
    const running = await hold(model, phase);
    try {
      await new Promise((r) => setTimeout(r, 2100));
      const families = parseExposition((await scrape(running.url)).body);
      counts[phase] = families.get('work_jobs_total')!.samples.reduce((n, s) => n + Number(s.value), 0);
      const h = families.get('work_job_duration_seconds')!.samples;
      sums[phase] = Number(h.find((s) => s.name.endsWith('_sum'))!.value) / Number(h.find((s) => s.name.endsWith('_count'))!.value);
    } finally {
      await running.close();
    }
  }
  assert.ok(counts.critical! > counts.normal!, JSON.stringify(counts));
  assert.ok(sums.critical! > sums.normal!, JSON.stringify(sums));
});

test('a renamed label is simulated under its new name, without a crash', async () => {
  const renamed: Stack = { ...model, metrics: model.metrics.map((m) => (m.labels.includes('queue') ? { ...m, labels: ['lane'] } : m)) };
  const running = await hold(renamed, 'critical');
  try {
    const depth = parseExposition((await scrape(running.url)).body).get('work_queue_depth')!;
    assert.ok(depth.samples.length > 0 && depth.samples.every((s) => s.labels.lane && !('queue' in s.labels)));
  } finally {
    await running.close();
  }
});

const cli = (args: readonly string[]) => stackc('exporter', ...args);

test('npm run exporter -- <stack> --simulate serves the named stack, prints one address line and exits 0 on SIGTERM', async () => {
  const dir = stacksFolder();
  const child = spawn(process.execPath, cli([model.name, '--stacks', dir, '--port', '0', '--simulate', '--schedule', 'critical:1h']), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  try {
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    const url = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first)?.[1];
    assert.ok(url, `first stdout line: ${first}`);
    const families = parseExposition((await scrape(url)).body);
    for (const m of model.metrics) assert.ok(families.has(m.name), m.name);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.is(await exited, 0, stderr);
    assert.match(stderr, /SIGTERM: shutting down/);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('with several stacks and none named, or an unknown name, it lists the stacks and exits 2', () => {
  const dir = stacksFolder(true);
  try {
    for (const args of [['--stacks', dir], ['nope', '--stacks', dir]]) {
      const r = spawnSync(process.execPath, cli(args), { cwd: root, encoding: 'utf8', timeout: 30_000 });
      assert.is(r.status, 2, r.stderr);
      assert.match(r.stderr, /live-small\s+test\/fixtures\/live-small\.ts/);
      assert.match(r.stderr, /live-other/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
