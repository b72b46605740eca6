// Declared label values in the runtime registry: every combination of a counter's or histogram's declared values is
// exposed at 0 from the first scrape (so increase() sees the first event), an open label keeps a series unborn until
// its first update, and an undeclared value from an untyped caller is dropped and counted.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStackMetrics } from '../../exporter/create.ts';
import { specsOf } from '../../exporter/from-model.ts';
import type { LabelledCounter } from '../../exporter/typed.ts';
import { counter, gauge, histogram, open, stack, summary } from '../../dsl/index.ts';
import { compileValid } from '../helpers/stack.ts';
import { parseExposition, promtoolCheckMetrics } from './helpers.ts';

const queues = ['mail', 'billing', 'export'] as const;
const jobs = counter({ name: 'jobs_total', help: 'Jobs', labels: { queue: queues, outcome: ['done', 'failed'] } });
const retries = counter({ name: 'job_retries_total', help: 'Retries', labels: { queue: queues, worker: open } });
const seconds = histogram({ name: 'job_seconds', help: 'Job time', unit: 'seconds', buckets: [1, 5], labels: { queue: queues } });
const waiting = gauge({ name: 'jobs_waiting', help: 'Jobs waiting', labels: { queue: queues } });
const pauses = summary({ name: 'job_pause_seconds', help: 'Pauses', unit: 'seconds', labels: { queue: queues } });
const model = (initialSeries?: boolean) => compileValid(stack('jobs', {
  namespace: 'jobs', metrics: [jobs, retries, seconds, waiting, pauses], groups: [], ...(initialSeries === undefined ? {} : { initialSeries }),
})).model;

async function scrape(initialSeries?: boolean) {
  const built = createStackMetrics('jobs', specsOf(model(initialSeries)));
  return { built, text: await built.registry.metrics() };
}

test('the first scrape holds every declared combination of counters and histograms, at 0', async () => {
  const { text } = await scrape();
  const families = parseExposition(text);
  const jobsSamples = families.get('jobs_total')!.samples;
  assert.equal(jobsSamples.map((s) => `${s.labels.queue}/${s.labels.outcome}=${s.value}`), [
    'mail/done=0', 'mail/failed=0', 'billing/done=0', 'billing/failed=0', 'export/done=0', 'export/failed=0',
  ]);
  const buckets = families.get('job_seconds')!.samples.filter((s) => s.name === 'job_seconds_bucket');
  assert.is(buckets.length, queues.length * 3, 'le 1, 5 and +Inf for each queue');
  assert.ok(buckets.every((s) => s.value === '0'));
  assert.is(promtoolCheckMetrics(text).status, 0, promtoolCheckMetrics(text).output);
});

test('an open label, a gauge and a summary are not started: their series appear on first use', async () => {
  const families = parseExposition((await scrape()).text);
  for (const name of ['job_retries_total', 'jobs_waiting', 'job_pause_seconds']) assert.is(families.get(name)?.samples.length ?? 0, 0, name);
});

test('initialSeries: false leaves every series to its first update', async () => {
  assert.is(parseExposition((await scrape(false)).text).get('jobs_total')?.samples.length ?? 0, 0);
});

test('an undeclared value from an untyped caller is dropped and counted, a declared one kept', async () => {
  const { built } = await scrape();
  const handle = built.metrics['jobs_total'] as LabelledCounter<string>;
  handle.inc({ queue: 'payroll', outcome: 'done' });
  handle.inc({ queue: 'mail', outcome: 'done' }, 2);
  const families = parseExposition(await built.registry.metrics());
  assert.is(families.get('jobs_total')!.samples.find((s) => s.labels.queue === 'mail' && s.labels.outcome === 'done')!.value, '2');
  assert.not.ok(families.get('jobs_total')!.samples.some((s) => s.labels.queue === 'payroll'));
  assert.equal(families.get('stackc_exporter_undeclared_values_dropped_total')!.samples.map((s) => [s.labels.metric, s.value]), [['jobs_total', '1']]);
});

test.run();
