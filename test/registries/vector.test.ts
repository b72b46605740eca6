// One behaviour in three languages: the shared vector (test/registries/vector/updates.ts) applied to the greenhouse
// stack's TypeScript registry (prom-client), Python registry (prometheus_client) and Go registry (client_golang),
// each under its real client library. promtool accepts each exposition, and after normalisation
// (test/registries/vector/normalise.ts says what is taken out and why) the three are equal sample for sample.
// Python, Go or promtool missing fails the run, saying what to install.
import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readExposition } from '../../compiler/conform/exposition.ts';
import type { Metric } from '../../compiler/model.ts';
import { compileValid, requireTool } from '../helpers/stack.ts';
import { requireGo } from './go-module.ts';
import { requirePython } from './python.ts';
import { differences } from './vector/compare.ts';
import greenhouse, { moisture, pumpRun } from './vector/fixture.ts';
import { goExposition } from './vector/go.ts';
import { normalise, seriesKey, type Normalised } from './vector/normalise.ts';
import { pythonExposition } from './vector/python.ts';
import { typescriptExposition } from './vector/typescript.ts';
import { hostileValues, updates, type Update } from './vector/updates.ts';

requirePython();
requireGo();
const promtool = requireTool('promtool', 'prometheus');

const { model, files } = compileValid(greenhouse);

let raw: ReadonlyMap<string, string> | undefined;
/** Each language's exposition after the vector, the TypeScript one first (the reference of the comparison). */
async function expositions(): Promise<ReadonlyMap<string, string>> {
  raw ??= new Map([
    ['typescript', await typescriptExposition(files, updates)],
    ['python', pythonExposition(model, files, updates)],
    ['go', goExposition(model, files, updates)],
  ]);
  return raw;
}
const normalised = (texts: ReadonlyMap<string, string>): Map<string, Normalised> => new Map([...texts].map(([l, t]) => [l, normalise(t)]));

/** The readable differences, or nothing. */
function assertSame(byLanguage: ReadonlyMap<string, Normalised>): void {
  const found = differences(byLanguage);
  assert.ok(found.length === 0, `the registries disagree after normalisation:\n${found.join('\n')}`);
}

test('promtool check metrics accepts each registry\'s exposition as it is served', async () => {
  for (const [language, text] of await expositions()) {
    const r = spawnSync(promtool, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    assert.is(r.status, 0, `${language}: promtool check metrics:\n${r.stdout}${r.stderr}`);
  }
});

const metricOf = (u: Update): Metric => model.metrics.find((m) => m.name === u.metric)!;
const undeclared = (u: Update) => Object.entries(u.labels).some(([l, v]) => metricOf(u).labelValues[l]?.includes(v) === false);

test('the vector does what it says: every hostile value is a series, and both guards drop and count', async () => {
  const ts = normalise((await expositions()).get('typescript')!);
  for (const bed of hostileValues) {
    assert.ok(ts.samples.has(seriesKey(moisture.name, { class: 'mature', bed })), `the hostile value ${JSON.stringify(bed)} is a series`);
  }
  // which metrics each guard must drop for, from the vector and the model (not counted here: the languages agree
  // on the counts, compared below)
  const sent = new Map<string, Set<string>>();
  for (const u of updates.filter((x) => !undeclared(x))) (sent.get(u.metric) ?? sent.set(u.metric, new Set()).get(u.metric)!).add(JSON.stringify(u.labels));
  const overflowed = model.metrics.filter((m) => (sent.get(m.name)?.size ?? 0) > m.cardinalityLimit).map((m) => m.name).sort();
  const withUndeclared = [...new Set(updates.filter(undeclared).map((u) => u.metric))].sort();
  assert.ok(overflowed.length >= 3 && withUndeclared.length >= 5, 'the vector overflows metrics and sends undeclared values');
  const self = readExposition((await expositions()).get('typescript')!);
  const dropped = (name: string) => (self.get(name)?.samples ?? []).filter((s) => Number(s.value) > 0).map((s) => s.labels.metric).sort();
  assert.equal(dropped('stackc_exporter_cardinality_dropped_total'), overflowed);
  assert.equal(dropped('stackc_exporter_undeclared_values_dropped_total'), withUndeclared);
});

test('the three registries expose the same samples, after normalisation', async () => {
  const byLanguage = normalised(await expositions());
  assert.ok(byLanguage.get('typescript')!.samples.size > 50, 'the comparison has something to compare');
  assertSame(byLanguage);
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The exposition without the sample line of one series, found by parsing each line as the comparison does. */
function withoutSeries(text: string, key: string): string {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => {
    if (line === '' || line.startsWith('#')) return false;
    const [family] = readExposition(line).values();
    const sample = family!.samples[0]!;
    return seriesKey(sample.name, sample.labels) === key;
  });
  assert.ok(index >= 0, `no line of ${key}`);
  return lines.filter((_, i) => i !== index).join('\n');
}

test('the comparison bites: a sample left out, a sum one ulp off, a HELP changed, each in one language', async () => {
  const texts = await expositions();
  const lostSeries = seriesKey(moisture.name, { class: 'mature', bed: hostileValues[6] });
  const sum = seriesKey(`${pumpRun.name}_sum`, { pump: 'spare' });
  const exact = normalise(texts.get('typescript')!).samples.get(sum)!;
  const mutants: [string, string, string, RegExp][] = [
    ['go', 'the series of a hostile value dropped', withoutSeries(texts.get('go')!, lostSeries), new RegExp(`sample only in typescript: ${escape(lostSeries)} 6\\.5`)],
    ['python', 'a float one ulp off', texts.get('python')!.replace(`${pumpRun.name}_sum{pump="spare"} ${exact}`, `${pumpRun.name}_sum{pump="spare"} 0.3`),
      new RegExp(`sample ${escape(sum)}: typescript ${exact}, python 0\\.3`)],
    ['go', 'a HELP changed', texts.get('go')!.replace(`# HELP ${pumpRun.name} ${pumpRun.help}`, `# HELP ${pumpRun.name} Pump time`), new RegExp(`family ${pumpRun.name}: typescript histogram "${pumpRun.help}", go histogram "Pump time"`)],
  ];
  for (const [language, what, mutated, expected] of mutants) {
    assert.is.not(mutated, texts.get(language), `${what}: the mutation changed nothing`);
    const found = differences(normalised(new Map([...texts, [language, mutated]])));
    assert.is(found[0], `${language} differs from typescript:`, what);
    assert.is(found.length, 2, `${what}: one difference, got\n${found.join('\n')}`);
    assert.match(found[1]!, expected, what);
  }
});

test.run();
