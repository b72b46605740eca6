// The demo: `npm run exporter -- --simulate` as a process, and the simulation in process with a seeded random.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { specs } from '../../out/platform/exporter/registry.gen.ts';
import { startSimulation } from '../../exporter/simulate.ts';
import { parseSchedule } from '../../exporter/schedule.ts';
import { levelOf } from '../../exporter/thresholds.ts';
import { root } from '../helpers/stack.ts';
import { parseExposition, promtoolCheckMetrics, scrape, startPlatformExporter } from './helpers.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const valueOf = (body: string, name: string, labels = '') => {
  const line = body.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.split(' ').pop());
};

test('the CLI prints one parseable address line, moves through phases, and exits 0 on SIGTERM', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'exporter/main.ts', '--port', '0', '--simulate', '--schedule', 'critical:3s,normal:1m'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  try {
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    const url = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first)?.[1];
    assert.ok(url, `first stdout line: ${first}`);
    await sleep(1500);
    const critical = (await scrape(url)).body;
    assert.is(levelOf(specs.cpuUsagePercent, valueOf(critical, 'cpu_usage_percent')!), 'critical');
    assert.is(levelOf(specs.errorRatePercent, valueOf(critical, 'error_rate_percent')!), 'critical');
    assert.ok(valueOf(critical, 'healing_action_running_seconds', '{action_type="rollback"}')! > 300, 'a stuck action in critical');
    assert.ok(valueOf(critical, 'system_health_score')! < 60, 'health score in its critical band');
    assert.ok(parseExposition(critical).get('anomalies_detected_total')!.samples.length > 0);
    await sleep(2500);
    const normal = (await scrape(url)).body;
    assert.is(levelOf(specs.cpuUsagePercent, valueOf(normal, 'cpu_usage_percent')!), 'ok');
    assert.is(valueOf(normal, 'healing_actions_failed_total', '{action_type="rollback"}'), 1, 'the stuck action failed when critical ended');
    assert.is(valueOf(normal, 'system_health_score'), 100);
    assert.is(promtoolCheckMetrics(normal).status, 0);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.is(await exited, 0, stderr);
    assert.match(stderr, /SIGTERM: shutting down/);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

/** A small seeded generator, so which requests fail is the same in every run. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

test('in critical, real requests through the middleware include 5xx and slow ones; anomalies and failures are recorded', async () => {
  const { exporter, url, stack } = await startPlatformExporter();
  const simulation = await startSimulation({ stack, tracker: exporter.requests!, schedule: parseSchedule('critical:1m'), random: seeded(7) });
  try {
    assert.is(simulation.phase, 'critical');
    await sleep(5500);
    const families = parseExposition((await scrape(url)).body);
    const requests = families.get('requests_total')!.samples;
    assert.ok(requests.some((s) => /^5\d\d$/.test(s.labels.status!)), 'some 5xx');
    assert.ok(requests.some((s) => s.labels.route === 'unmatched'), 'unknown paths collapse');
    const slow = families.get('request_duration_seconds')!.samples.filter((s) => s.name.endsWith('_bucket') && s.labels.le === '2');
    const all = families.get('request_duration_seconds')!.samples.filter((s) => s.name.endsWith('_count'));
    const sum = (xs: { value: string }[]) => xs.reduce((n, s) => n + Number(s.value), 0);
    assert.ok(sum(all) > sum(slow), 'requests slower than the 2 s critical threshold');
    assert.ok(sum(families.get('anomalies_detected_total')!.samples) >= 9, 'about 2 anomalies per second');
    assert.ok(sum(families.get('healing_actions_failed_total')!.samples) >= 1, 'a failed healing action');
  } finally {
    await simulation.stop();
    await exporter.close();
  }
});

test.run();
