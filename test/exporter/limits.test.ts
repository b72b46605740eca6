// The cardinality limit under 100,000 distinct label values, hostile label values, and concurrent scrapes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { specs } from '../types/shop/registry.gen.ts';
import { parseExposition, promtoolCheckMetrics, scrapeShop, startShopExporter } from './helpers.ts';

test('the cardinality limit holds under 100,000 distinct label values, and drops are counted', async () => {
  const { exporter, url, stack } = await startShopExporter();
  const counter = stack.metrics.httpRequestsTotal;
  const limit = counter.spec.cardinalityLimit;
  assert.ok(limit < 100_000, 'the test needs a limit below the number of label values it sends');
  try {
    for (let i = 0; i < 100_000; i += 1) counter.inc({ method: 'GET', route: `/raw/url/${i}`, status: '200' });
    counter.inc({ method: 'GET', route: '/raw/url/0', status: '200' }); // a kept label set still counts
    const families = parseExposition((await scrapeShop(url)).body);
    const samples = families.get(counter.spec.name)!.samples;
    assert.is(samples.length, limit);
    assert.is(counter.seriesCount, limit);
    assert.is(samples.find((s) => s.labels.route === '/raw/url/0')?.value, '2');
    const dropped = families.get('stackc_exporter_cardinality_dropped_total')!.samples;
    assert.equal(dropped.map((s) => [s.labels.metric, s.value]), [[counter.spec.name, String(100_000 - limit)]]);
  } finally {
    await exporter.close();
  }
});

test('label values that contain the guard\'s old separator cannot share a key: 20,000 NUL-colliding values stay at the limit', async () => {
  const { exporter, url, stack } = await startShopExporter();
  const orders = stack.metrics.ordersTotal;
  const limit = orders.spec.cardinalityLimit;
  try {
    // ('x\0', 'y') and ('x', '\0y') were one key when the guard joined values with NUL; prom-client keeps both
    for (let i = 0; i < 10_000; i += 1) {
      orders.inc({ payment_method: `card${i}\u0000`, outcome: 'paid' });
      orders.inc({ payment_method: `card${i}`, outcome: '\u0000paid' });
    }
    const samples = parseExposition((await scrapeShop(url)).body).get(orders.spec.name)!.samples;
    assert.is(samples.length, limit);
    assert.is(orders.seriesCount, limit);
  } finally {
    await exporter.close();
  }
});

const hostile = ['say "hi"', 'line\nbreak', 'back\\slash', 'trailing\\', 'ünïcödé ✓ 日本語 🚀', '', '{,}=', '\\n literally', '\r\t'];

test('hostile label values are escaped, round-trip exactly, and promtool accepts them', async () => {
  const { exporter, url, stack } = await startShopExporter();
  try {
    for (const value of hostile) stack.metrics.ordersTotal.inc({ payment_method: value, outcome: 'paid' });
    const { body } = await scrapeShop(url);
    const samples = parseExposition(body).get(specs.ordersTotal.name)!.samples;
    assert.equal(samples.map((s) => s.labels.payment_method).sort(), [...hostile].sort());
    const verdict = promtoolCheckMetrics(body);
    assert.is(verdict.status, 0, verdict.output);
  } finally {
    await exporter.close();
  }
});

test('concurrent scrapes during updates never produce a malformed exposition', async () => {
  const { exporter, url, stack } = await startShopExporter();
  const m = stack.metrics;
  let updating = true;
  let n = 0;
  const updates = (async () => {
    while (updating) {
      for (let i = 0; i < 200; i += 1, n += 1) {
        m.httpRequestsTotal.inc({ method: 'POST', route: `/r/${n % 500}`, status: String(200 + (n % 3) * 100) });
        m.httpRequestDurationSeconds.observe({ route: `/r/${n % 500}` }, (n % 70) / 10);
        m.fulfilmentQueueDepth.set({ warehouse: `w${n % 20}` }, n);
        m.diskUsagePercent.set(n % 100);
      }
      await new Promise((r) => setImmediate(r));
    }
  })();
  try {
    const accepts = [undefined, 'application/openmetrics-text;version=1.0.0'];
    const bodies = await Promise.all(Array.from({ length: 40 }, (_, i) => scrapeShop(url, accepts[i % 2])));
    for (const [i, { body }] of bodies.entries()) {
      if (i % 2 === 1) {
        assert.ok(body.endsWith('# EOF\n'), `OpenMetrics scrape ${i} is not terminated`);
        continue;
      }
      parseExposition(body);
      assert.ok(body.split('\n').includes(`# TYPE ${specs.httpRequestsTotal.name} counter`), `text scrape ${i} lost the counter's name`);
    }
    assert.ok(n > 0, 'the updates ran while scraping');
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
