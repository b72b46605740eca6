// The generated Python registry run by the real prometheus_client (test/registries/python/scrape.py): the first
// scrape already holds every declared combination of the counters and histograms that start at 0; hostile label
// values round-trip; the cardinality limit and undeclared values drop updates and count them in the self-metrics
// of the TypeScript runtime; a failing collector is counted and the scrape still answers; promtool accepts it all.
// Expectations come from the fixture's model, not from numbers typed here.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Metric } from '../../compiler/model.ts';
import { declaredCombinations } from '../../exporter/spec.ts';
import { selfMetricSpecs } from '../../exporter/self-metrics.ts';
import { parseExposition, promtoolCheckMetrics, type Family, type Sample } from '../exporter/helpers.ts';
import { compileValid } from '../helpers/stack.ts';
import lab, { awkward, busy, calls, jobs } from './python-fixture.ts';
import { pythonScratch, requirePython, runPython } from './python.ts';

requirePython();

const { model, files } = compileValid(lab);
const metric = (name: string): Metric => model.metrics.find((m) => m.name === name)!;
const hostile = ['say "hi"', 'line\nbreak', 'back\\slash', 'trailing\\', 'ünïcödé ✓ 日本語 🚀', '', '{,}=', '\\n literally', '\r\t'];
const loneSurrogate = 'half \ud800 a pair';

function scrape(job: Record<string, unknown>): { body: string; families: Map<string, Family>; stderr: string } {
  const scratch = pythonScratch(files);
  try {
    const run = runPython(scratch.dir, 'scrape.py', JSON.stringify(job));
    assert.is(run.status, 0, run.stderr);
    return { body: run.stdout, families: parseExposition(run.stdout), stderr: run.stderr };
  } finally {
    scratch.remove();
  }
}

/** A label set as text, whatever the order of its names (prometheus_client writes them sorted). */
const labelSet = (labels: Readonly<Record<string, string>>) => JSON.stringify(Object.entries(labels).sort());

/** Every sample named `name`, whatever family holds it. */
function samples(families: Map<string, Family>, name: string): Sample[] {
  return [...families.values()].flatMap((f) => f.samples).filter((s) => s.name === name);
}

test('the first scrape holds every declared combination at 0, only the stack\'s metrics and the self-metrics, and promtool accepts it', () => {
  const { body, families } = scrape({ stage: 'first' });
  const starting = model.metrics.filter((m) => m.initialSeries);
  assert.ok(starting.some((m) => m.kind === 'counter') && starting.some((m) => m.kind === 'histogram'), 'the fixture starts a counter and a histogram');
  for (const m of starting) {
    const want = declaredCombinations({ labels: m.labels, values: m.labelValues } as never).map(labelSet);
    const sample = m.kind === 'counter' ? m.name : `${m.name}_count`;
    const found = samples(families, sample);
    assert.equal(found.map((s) => s.labels).map(labelSet), want, `${m.name} starts every combination, in declared order`);
    for (const s of found) assert.is(Number(s.value), 0);
  }
  const known = new Set([...model.metrics.map((m) => m.name), ...selfMetricSpecs.map((s) => s.name)]);
  // prometheus_client adds a <name>_created gauge beside each counter, histogram and summary (docs/exporter.md)
  for (const name of families.keys()) assert.ok(known.has(name) || name.endsWith('_created'), `undeclared family ${name}`);
  const verdict = promtoolCheckMetrics(body);
  assert.is(verdict.status, 0, verdict.output);
});

test('hostile label values round-trip, updates past the limit and undeclared values are dropped and counted, a failing collector is counted', () => {
  const flood = 3 * calls.cardinalityLimit;
  const pools = busy.cardinalityLimit + 2;
  const { body, families, stderr } = scrape({ stage: 'used', hostile: [...hostile, loneSurrogate], flood, pools });
  const payload = samples(families, `${metric('payload_bytes').name}_count`);
  // a lone surrogate cannot be UTF-8: it is written as "?" rather than breaking every scrape
  assert.equal(payload.map((s) => s.labels.peer).sort(), [...hostile, loneSurrogate.replace('\ud800', '?')].sort());

  const callSamples = samples(families, calls.name);
  assert.is(callSamples.length, calls.cardinalityLimit);
  assert.is(callSamples.find((s) => s.labels.route === '/raw/url/0')?.value, '2.0', 'a kept label set still counts');

  const dropped = (name: string, label: string) => Object.fromEntries(samples(families, name).map((s) => [s.labels[label], Number(s.value)]));
  assert.equal(dropped('stackc_exporter_cardinality_dropped_total', 'metric'), { [calls.name]: flood - calls.cardinalityLimit, [busy.name]: pools - busy.cardinalityLimit });
  assert.equal(dropped('stackc_exporter_undeclared_values_dropped_total', 'metric'), { [jobs.name]: 1 });
  assert.equal(dropped('stackc_exporter_collector_errors_total', 'collector'), { broken: 1 });
  assert.match(stderr, 'collector broken failed');
  // the collector that works ran before the scrape read the gauge (4, then +1)
  assert.equal(samples(families, metric('backlog_items').name).map((s) => s.value), ['5.0']);
  const urgentOk = samples(families, jobs.name).find((s) => s.labels.queue === 'urgent' && s.labels.outcome === 'ok');
  assert.is(urgentOk?.value, '1.0', 'the declared update counts, the undeclared one does not');
  assert.equal(Object.keys(samples(families, awkward.name)[0]?.labels ?? {}).sort(), [...awkward.labels].sort(), 'labels named like Python keywords keep their names');
  const verdict = promtoolCheckMetrics(body);
  assert.is(verdict.status, 0, verdict.output);
});

test.run();
