// The cardinality limit under 100,000 distinct label values, hostile label values, and concurrent scrapes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseExposition, promtoolCheckMetrics, scrape, startPlatformExporter } from './helpers.ts';

test('the cardinality limit holds under 100,000 distinct label values, and drops are counted', async () => {
  const { exporter, url, stack } = await startPlatformExporter();
  const counter = stack.metrics.requestsTotal;
  const limit = counter.spec.cardinalityLimit;
  try {
    for (let i = 0; i < 100_000; i += 1) counter.inc({ method: 'GET', route: `/raw/url/${i}`, status: '200' });
    counter.inc({ method: 'GET', route: '/raw/url/0', status: '200' }); // a kept label set still counts
    const families = parseExposition((await scrape(url)).body);
    const samples = families.get('requests_total')!.samples;
    assert.is(samples.length, limit);
    assert.is(samples.find((s) => s.labels.route === '/raw/url/0')?.value, '2');
    const dropped = families.get('stackc_exporter_cardinality_dropped_total')!.samples;
    assert.equal(dropped.map((s) => [s.labels.metric, s.value]), [['requests_total', String(100_000 - limit)]]);
  } finally {
    await exporter.close();
  }
});

const hostile = ['say "hi"', 'line\nbreak', 'back\\slash', 'trailing\\', 'ünïcödé ✓ 日本語 🚀', '', '{,}=', '\\n literally', '\r\t'];

test('hostile label values are escaped, round-trip exactly, and promtool accepts them', async () => {
  const { exporter, url, stack } = await startPlatformExporter();
  try {
    for (const value of hostile) stack.metrics.anomaliesDetectedTotal.inc({ anomaly_type: value, severity: 'warning' });
    const { body } = await scrape(url);
    const samples = parseExposition(body).get('anomalies_detected_total')!.samples;
    assert.equal(samples.map((s) => s.labels.anomaly_type).sort(), [...hostile].sort());
    const verdict = promtoolCheckMetrics(body);
    assert.is(verdict.status, 0, verdict.output);
  } finally {
    await exporter.close();
  }
});

test('concurrent scrapes during updates never produce a malformed exposition', async () => {
  const { exporter, url, stack } = await startPlatformExporter();
  const m = stack.metrics;
  let updating = true;
  let n = 0;
  const updates = (async () => {
    while (updating) {
      for (let i = 0; i < 200; i += 1, n += 1) {
        m.requestsTotal.inc({ method: 'POST', route: `/r/${n % 500}`, status: String(200 + (n % 3) * 100) });
        m.requestDurationSeconds.observe({ route: `/r/${n % 500}` }, (n % 70) / 10);
        m.healingActionRunningSeconds.set({ action_type: `a${n % 20}` }, n);
        m.cpuUsagePercent.set(n % 100);
      }
      await new Promise((r) => setImmediate(r));
    }
  })();
  try {
    const accepts = [undefined, 'application/openmetrics-text;version=1.0.0'];
    const bodies = await Promise.all(Array.from({ length: 40 }, (_, i) => scrape(url, accepts[i % 2])));
    for (const [i, { body }] of bodies.entries()) {
      if (i % 2 === 1) {
        assert.ok(body.endsWith('# EOF\n'), `OpenMetrics scrape ${i} is not terminated`);
        continue;
      }
      parseExposition(body);
      assert.match(body, /^# TYPE requests_total counter$/m);
    }
    for (const { body } of bodies.filter((_, i) => i % 2 === 0).slice(0, 5)) {
      const verdict = promtoolCheckMetrics(body);
      assert.is(verdict.status, 0, verdict.output);
    }
  } finally {
    updating = false;
    await updates;
    await exporter.close();
  }
});

test.run();
