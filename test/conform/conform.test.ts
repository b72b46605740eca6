// `stackc conform`: a running app's /metrics against its stack. The app is the runtime registry of a stack served on
// loopback; apps that depart from the stack are served from variants of it: a removed series is missing, an extra
// family unexpected, a kind changed a wrong type, an extra label or an undeclared value reported; an exposition in
// prometheus_client's style (counter family without _total, _created series, # EOF) conforms.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { conformance } from '../../compiler/conform/check.ts';
import { readExposition } from '../../compiler/conform/exposition.ts';
import { startStackExporter } from '../../exporter/stack-exporter.ts';
import { counter, gauge, open, stack, summary } from '../../dsl/index.ts';
import type { AnyMetric } from '../../dsl/metrics.ts';
import type { LabelledCounter } from '../../exporter/typed.ts';
import declared, { jobs, pauses, queues, retries, seconds, waiting } from '../fixtures/conform-stacks/jobs.ts';
import { compileValid } from '../helpers/stack.ts';
import { pythonScratch, requirePython, runPython } from '../registries/python.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const model = compileValid(declared).model;
const served = (metrics: readonly AnyMetric[]) => compileValid(stack('jobs', { namespace: 'jobs', metrics, groups: [] })).model;

async function conformOf(metrics: readonly AnyMetric[], use: (m: Record<string, unknown>) => void = () => {}) {
  const app = await startStackExporter(served(metrics), { port: 0 });
  try {
    use(app.metrics.metrics);
    const text = await (await fetch(`${app.url}/metrics`)).text();
    return conformance(model, readExposition(text));
  } finally {
    await app.close();
  }
}
const kinds = (c: Awaited<ReturnType<typeof conformOf>>) => c.findings.map((f) => `${f.kind} ${f.metric}`);

test('the stack\'s own registry conforms; open-labelled series are not served until first used', async () => {
  const c = await conformOf([jobs, retries, seconds, waiting, pauses]);
  assert.equal(c.findings, []);
  assert.equal(c.notYetSeen, ['job_retries_total', 'job_pause_seconds']);
  assert.ok(c.ignored.includes('stackc_exporter_cardinality_dropped_total'));
});

test('a removed series is missing: a metric without labels, and the combinations the registry starts at 0', async () => {
  const c = await conformOf([retries, seconds, pauses]);
  assert.equal(kinds(c), ['missing jobs_total', 'missing jobs_waiting']);
  assert.match(c.findings[0]!.message, /4 of the declared combinations of jobs_total are not served/);
  const fewer = counter({ name: 'jobs_total', help: 'Jobs run', labels: { queue: ['mail'], outcome: ['done', 'failed'] } });
  const partly = await conformOf([fewer, retries, seconds, waiting, pauses]);
  assert.match(partly.findings[0]!.message, /2 of the declared combinations of jobs_total are not served[^]*queue="billing"/);
});

test('an undeclared family, a changed kind, an extra label and an undeclared value are reported', async () => {
  const extra = gauge({ name: 'jobs_paused', help: 'Paused' });
  const asSummary = summary({ name: 'job_seconds', help: 'Job time', unit: 'seconds', labels: ['queue'] });
  const regional = counter({ name: 'job_retries_total', help: 'Retries', labels: { queue: open, worker: open, region: open } });
  const c = await conformOf([jobs, regional, asSummary, waiting, pauses, extra], (m) => {
    (m['job_retries_total'] as LabelledCounter<string>).inc({ queue: 'payroll', worker: 'w1', region: 'eu' });
  });
  for (const k of ['labels job_retries_total', 'type job_seconds', 'unexpected jobs_paused', 'values job_retries_total']) assert.ok(kinds(c).includes(k), `${k} in ${kinds(c).join('; ')}`);
  assert.ok(c.findings.some((f) => f.kind === 'type' && /served as summary, but the stack declares a histogram/.test(f.message)));
  assert.ok(c.findings.some((f) => f.kind === 'labels' && /label "region"/.test(f.message)));
  assert.ok(c.findings.some((f) => f.kind === 'values' && /queue="payroll"/.test(f.message)));
});

test('an exposition in prometheus_client\'s style conforms: counter family without _total, _created, # EOF', () => {
  const combos = queues.flatMap((q) => ['done', 'failed'].map((o) => `jobs_total{queue="${q}",outcome="${o}"} 0.0\njobs_created{queue="${q}",outcome="${o}"} 1.7e+09`));
  const buckets = queues.flatMap((q) => ['1.0', '5.0', '+Inf'].map((le) => `job_seconds_bucket{le="${le}",queue="${q}"} 0.0`).concat([`job_seconds_count{queue="${q}"} 0.0`, `job_seconds_sum{queue="${q}"} 0.0`]));
  const text = [
    '# HELP jobs Jobs run', '# TYPE jobs counter', ...combos,
    '# HELP job_seconds Job time', '# TYPE job_seconds histogram', ...buckets,
    '# HELP jobs_waiting Jobs waiting', '# TYPE jobs_waiting gauge', 'jobs_waiting 3.0 1700000000000',
    '# HELP python_gc_objects_collected_total Objects collected', '# TYPE python_gc_objects_collected_total counter', 'python_gc_objects_collected_total{generation="0"} 1.0',
    '# EOF', '',
  ].join('\n');
  const c = conformance(model, readExposition(text));
  assert.equal(c.findings, []);
  assert.equal(c.ignored, ['python_gc_objects_collected_total']);
});

test('the real prometheus_client\'s exposition of the stack\'s Python registry conforms (_created gauges beside it)', () => {
  requirePython();
  const python = compileValid(stack('jobs', { namespace: 'jobs', registries: ['python'], metrics: [jobs, retries, seconds, waiting, pauses], groups: [] }));
  const scratch = pythonScratch(python.files);
  try {
    writeFileSync(join(scratch.dir, 'expose.py'), [
      'from prometheus_client import generate_latest',
      'from registry_gen import create_metrics',
      'stack = create_metrics()',
      'stack.metrics.jobs_total.inc(queue="mail", outcome="done")',
      'stack.metrics.job_retries_total.inc(queue="mail", worker="w-1")',
      'stack.metrics.jobs_waiting.set(3)',
      'print(generate_latest(stack.registry).decode(), end="")',
    ].join('\n'));
    const run = runPython(scratch.dir, 'expose.py');
    assert.is(run.status, 0, run.stderr);
    assert.match(run.stdout, /# TYPE jobs_created gauge|# TYPE jobs_total_created gauge|jobs_created\{/);
    const c = conformance(model, readExposition(run.stdout));
    assert.equal(c.findings, []);
    assert.equal(c.notYetSeen, ['job_pause_seconds']);
  } finally {
    scratch.remove();
  }
});

test('the command exits 0 when the app conforms, 1 when it does not, 2 when the scrape fails', async () => {
  // asynchronous: the apps it scrapes are served by this very process
  const run = (url: string) => promisify(execFile)(process.execPath, ['--conditions=stackc-source', '--import', 'tsx', 'compiler/stackc.ts', 'conform', '--stacks', 'test/fixtures/conform-stacks', 'jobs', url], { encoding: 'utf8' })
    .then((r) => ({ status: 0, ...r }), (e: { code: number; stdout: string; stderr: string }) => ({ status: e.code, stdout: e.stdout, stderr: e.stderr }));
  const good = await startStackExporter(model, { port: 0 });
  const bad = await startStackExporter(served([retries, seconds, pauses]), { port: 0 });
  try {
    const ok = await run(`${good.url}/metrics`);
    assert.is(ok.status, 0, ok.stderr + ok.stdout);
    assert.match(ok.stdout, /conforms to the stack/);
    const no = await run(`${bad.url}/metrics`);
    assert.is(no.status, 1, no.stderr);
    assert.match(no.stdout, /✘ missing\s+jobs_waiting is not served/);
  } finally {
    await good.close();
    await bad.close();
  }
  const down = await run('http://127.0.0.1:9/metrics');
  assert.is(down.status, 2);
  assert.match(down.stderr, /could not scrape/);
});

test.run();
