// Shared by the example tests: the platform stack's model (the examples serve it), an example started as a real
// process on a free loopback port, the traffic every example gets, and the checks both must pass: the first scrape
// already holds every series the registry starts at 0, and conform (the function and the CLI) finds nothing.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { loadStacks } from '../../compiler/compile.ts';
import { conformance, type Conformance } from '../../compiler/conform/check.ts';
import { readExposition, type Family, type Sample } from '../../compiler/conform/exposition.ts';
import type { Metric, Stack } from '../../compiler/model.ts';
import { toModel } from '../../dsl/to-model.ts';
import { declaredCombinations } from '../../exporter/spec.ts';
import { root, stackc } from '../helpers/stack.ts';

/** The model of stacks/platform.ts, the stack both examples serve. */
export async function platformModel(): Promise<Stack> {
  const { stacks, issues } = await loadStacks(join(root, 'stacks'), root);
  const def = stacks.find((s) => s.name === 'platform');
  if (!def) throw new Error(`stacks/ has no stack "platform"${issues.length ? `: ${issues.map((i) => i.message).join('; ')}` : ''}`);
  return toModel(def);
}

/** Fails, naming the command that refreshes it, when an example's copy of a generated file is not out/'s. */
export function assertCopyCurrent(generated: string, copy: string): void {
  const fresh = readFileSync(join(root, generated), 'utf8') === readFileSync(join(root, copy), 'utf8');
  assert.ok(fresh, `${copy} is not a copy of ${generated}: run \`npm run compile\`, then \`cp ${generated} ${copy}\``);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface RunningApp {
  readonly url: string;
  readonly metricsUrl: string;
  stop(): Promise<void>;
}

/** Starts `command args --port <free port>` in `cwd` and waits until GET /health answers 200. */
export async function startApp(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<RunningApp> {
  const port = await freePort();
  const child: ChildProcess = spawn(command, [...args, '--port', String(port)], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => { output += d; });
  child.stderr!.on('data', (d) => { output += d; });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited with ${child.exitCode} before serving:\n${output}`);
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) return { url, metricsUrl: `${url}/metrics`, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${command} ${args.join(' ')} did not answer ${url}/health within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The families a scrape of the app returns, in the classic text format as `stackc conform` asks. */
export async function scrape(app: RunningApp): Promise<Map<string, Family>> {
  const response = await fetch(app.metricsUrl, { headers: { accept: 'text/plain;version=0.0.4' } });
  assert.is(response.status, 200, `GET ${app.metricsUrl}`);
  return readExposition(await response.text());
}

const samples = (families: ReadonlyMap<string, Family>): Sample[] => [...families.values()].flatMap((f) => f.samples);
const matches = (s: Sample, name: string, labels: Readonly<Record<string, string>>) =>
  s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v);

/** The value of the one sample named `name` whose labels include `labels`. */
export function valueOf(families: ReadonlyMap<string, Family>, name: string, labels: Readonly<Record<string, string>> = {}): number {
  const found = samples(families).filter((s) => matches(s, name, labels));
  assert.is(found.length, 1, `one sample ${name}${JSON.stringify(labels)}; found ${found.length}`);
  return Number(found[0]!.value);
}

/** The series a metric's first scrape must show at 0: each declared combination of a metric the registry starts. */
export function startedSeries(model: Stack): { metric: Metric; name: string; labels: Record<string, string> }[] {
  return model.metrics.filter((m) => m.initialSeries).flatMap((m) =>
    declaredCombinations({ labels: m.labels, values: m.labelValues }).map((labels) => ({ metric: m, name: m.kind === 'histogram' ? `${m.name}_count` : m.name, labels })));
}

/** The first scrape after start: every started series is there at 0, and the app conforms. */
export function assertFirstScrape(model: Stack, families: ReadonlyMap<string, Family>): void {
  const started = startedSeries(model);
  assert.ok(started.length > 0, 'the platform stack declares label values, so its registry starts series at 0');
  const wrong = started.filter(({ name, labels }) => {
    const found = samples(families).filter((s) => matches(s, name, labels));
    return found.length !== 1 || Number(found[0]!.value) !== 0;
  });
  assert.equal(wrong.map(({ name, labels }) => `${name}${JSON.stringify(labels)}`), [], 'series absent or not 0 on the first scrape');
  assertConforms(conformance(model, families));
}

export function assertConforms(c: Conformance): void {
  assert.equal(c.findings.map((f) => `${f.kind}: ${f.message}`), []);
}

/** Label values the traffic uses, read from the model: the first and last declared value of each label. */
function declared(model: Stack, metric: string, label: string): { first: string; last: string } {
  const values = model.metrics.find((m) => m.name === metric)?.labelValues[label];
  if (!values?.length) throw new Error(`the platform stack no longer declares values of ${metric}{${label}}: this test drives the example with them`);
  return { first: values[0]!, last: values.at(-1)! };
}

const post = (app: RunningApp, path: string, body: unknown) =>
  fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A little traffic through the demo endpoints, then the scrape that must show it (`before`: the scrape before it). */
export async function driveAndCheck(model: Stack, app: RunningApp, before: ReadonlyMap<string, Family>): Promise<Map<string, Family>> {
  const anomaly = declared(model, 'anomalies_detected_total', 'anomaly_type');
  const severity = declared(model, 'anomalies_detected_total', 'severity');
  const action = declared(model, 'healing_actions_total', 'action_type');
  for (let i = 0; i < 2; i++) assert.is((await fetch(`${app.url}/health`)).status, 200);
  assert.is((await fetch(`${app.url}/nowhere/${Date.now()}`)).status, 404);
  assert.is((await post(app, '/api/v1/vitals', { cpu_usage_percent: 42, memory_usage_percent: 61, response_time_seconds: 0.2, error_rate_percent: 1, health_score: 97 })).status, 200);
  assert.is((await post(app, '/simulate/anomaly', { anomaly_type: anomaly.first, severity: severity.last })).status, 200);
  assert.is((await post(app, '/simulate/anomaly', { anomaly_type: `${anomaly.first}-undeclared`, severity: severity.last })).status, 400);
  assert.is((await post(app, '/simulate/healing', { action_type: action.first, succeeded: true, duration_seconds: 0.05 })).status, 200);
  assert.is((await post(app, '/simulate/healing', { action_type: action.last, succeeded: false, duration_seconds: 0 })).status, 200);

  const families = await scrape(app);
  assertConforms(conformance(model, families));
  assert.is(valueOf(families, 'anomalies_detected_total', { anomaly_type: anomaly.first, severity: severity.last }), 1);
  assert.is(valueOf(families, 'anomalies_detected_total', { anomaly_type: anomaly.first, severity: severity.first }), 0);
  assert.is(valueOf(families, 'healing_actions_total', { action_type: action.first, status: 'succeeded' }), 1);
  assert.is(valueOf(families, 'healing_actions_total', { action_type: action.last, status: 'failed' }), 1);
  assert.is(valueOf(families, 'healing_actions_succeeded_total', { action_type: action.first }), 1);
  assert.is(valueOf(families, 'healing_actions_failed_total', { action_type: action.last }), 1);
  assert.ok(valueOf(families, 'healing_action_duration_seconds_sum', { action_type: action.first }) >= 0.04, 'the action ran for its duration, in seconds');
  assert.is(valueOf(families, 'healing_action_running_seconds', { action_type: action.first }), 0, 'no action runs any more');
  assert.is(valueOf(families, 'cpu_usage_percent'), 42);
  assert.is(valueOf(families, 'system_health_score'), 97);
  // by route template: two health checks (besides those that waited for the start), one unknown path under
  // "unmatched", never the raw URL
  const health = { method: 'GET', route: '/health', status: '200' };
  assert.is(valueOf(families, 'requests_total', health) - valueOf(before, 'requests_total', health), 2);
  assert.is(valueOf(families, 'requests_total', { method: 'GET', route: 'unmatched', status: '404' }), 1);
  assert.is(valueOf(families, 'requests_total', { method: 'POST', route: '/simulate/anomaly', status: '400' }), 1);
  assert.not.ok(samples(families).some((s) => s.labels.route?.startsWith('/nowhere')), 'a raw path became a label value');
  return families;
}

/** `stackc conform platform <url>` as a user runs it, asynchronously: the app must go on answering meanwhile. */
export function conformCli(url: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, stackc('conform', 'platform', url), { cwd: root, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
