// The comparison of a catalog with what its exporter serves, without an exporter: a host-dependent series (one a
// collector serves only where the host has what it reads) may be served without being in the catalog, or be in the
// generated part without being served; its type and labels are still compared. Any other series may not.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ExternalMetric } from '../../compiler/model.ts';
import { disagreements } from '../../scripts/catalogs/compare.ts';
import type { ServedSeries } from '../../scripts/catalogs/served.ts';

const served = (name: string, type: ServedSeries['type'] = 'gauge', labels: string[] = []): [string, ServedSeries] =>
  [name, { name, type, help: 'h', labels, untyped: false }];
const entry = (name: string, type: ExternalMetric['type'] = 'gauge', labels: string[] = []): ExternalMetric =>
  ({ kind: 'external', catalog: 'c', name, type, help: 'h', labels: [...labels, 'instance', 'job'] });
const sensors = (s: string) => s.startsWith('host_sensor_');

test('host-dependent series may be absent on either side; others may not', () => {
  const scrape = new Map([served('host_load'), served('host_sensor_celsius', 'gauge', ['chip'])]);
  const catalog = [entry('host_load'), entry('host_sensor_volts')];
  const generated = new Set(['host_load', 'host_sensor_volts']);
  assert.equal(disagreements(scrape, catalog, generated, 'x', sensors), []);
  const strict = disagreements(scrape, catalog, generated, 'x');
  assert.equal(strict.length, 2, strict.join('\n'));
  assert.equal(disagreements(new Map([served('host_sensor_volts', 'counter')]), catalog, new Set(['host_sensor_volts']), 'x', sensors).length, 1, 'a type still differs');
  assert.equal(disagreements(new Map<string, ServedSeries>(), [entry('host_load')], new Set(['host_load']), 'x', sensors).length, 1, 'a host-independent series must be served');
});

test.run();
