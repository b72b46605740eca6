// The scrape versus the model: every declared metric with exactly its type, help and labels, nothing else but
// the documented self-metrics; promtool accepts the exposition; the collectors (health score, uptime, the app's
// own) run before each scrape. On the shop fixture's generated registry, served at the stack's metrics path.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import shop from '../fixtures/shop.ts';
import { toModel } from '../../dsl/to-model.ts';
import { createStackMetrics } from '../../exporter/create.ts';
import { healthPoints } from '../../exporter/health.ts';
import { selfMetricSpecs } from '../../exporter/self-metrics.ts';
import { createExporter } from '../../exporter/server.ts';
import type { MetricSpec } from '../../exporter/spec.ts';
import { levelOf, phaseBand, pointIn } from '../../exporter/thresholds.ts';
import {
  LabelledCounter, LabelledGauge, LabelledHistogram, LabelledSummary,
  PlainCounter, PlainGauge, PlainHistogram, PlainSummary, type MetricHandle,
} from '../../exporter/typed.ts';
import { scrape as shopScrape, specs } from '../types/shop/registry.gen.ts';
import { healthScoreSpec, parseExposition, promtoolCheckMetrics, scrapeShop, startShopExporter, type ShopStack } from './helpers.ts';

const model = toModel(shop);

/** Gives every metric of the stack a series through its typed wrapper, each label valued `x`. */
function touchAll(metrics: ShopStack['metrics']): void {
  for (const handle of Object.values(metrics) as MetricHandle[]) {
    const labels = Object.fromEntries(handle.spec.labels.map((l) => [l, 'x']));
    if (handle instanceof LabelledCounter) handle.inc(labels);
    else if (handle instanceof LabelledGauge) handle.set(labels, 1);
    else if (handle instanceof LabelledHistogram || handle instanceof LabelledSummary) handle.observe(labels, 0.3);
    else if (handle instanceof PlainCounter) handle.inc();
    else if (handle instanceof PlainGauge) handle.set(1);
    else if (handle instanceof PlainHistogram || handle instanceof PlainSummary) handle.observe(0.3);
    else throw new Error(`${handle.spec.name} is no wrapper of exporter/typed.ts`);
  }
}

async function exerciseAll() {
  const started = await startShopExporter();
  touchAll(started.stack.metrics);
  started.stack.self.cardinalityDropped.inc({ metric: specs.httpRequestsTotal.name }, 0);
  started.stack.self.collectorErrors.inc({ collector: 'stock' }, 0);
  return started;
}

test('every declared metric is exposed with exactly its type, help and label names; nothing undeclared', async () => {
  const { exporter, url } = await exerciseAll();
  try {
    const families = parseExposition((await scrapeShop(url)).body);
    const selfNames = new Map<string, (typeof selfMetricSpecs)[number]>(selfMetricSpecs.map((s) => [s.name, s]));
    for (const name of families.keys()) {
      assert.ok(model.metrics.some((m) => m.name === name) || selfNames.has(name), `undeclared metric ${name} in the scrape`);
      if (!model.metrics.some((m) => m.name === name)) assert.ok(name.startsWith('stackc_exporter_'), `self-metric ${name} lacks the prefix`);
    }
    assert.ok(model.metrics.length > 0);
    for (const metric of model.metrics) {
      const family = families.get(metric.name);
      assert.ok(family, `${metric.name} is missing from the scrape`);
      assert.is(family.type, metric.kind, `${metric.name} type`);
      assert.is(family.help, metric.help, `${metric.name} help`);
      assert.ok(family.samples.length > 0, `${metric.name} has no sample`);
      const reserved = metric.kind === 'histogram' ? ['le'] : metric.kind === 'summary' ? ['quantile'] : [];
      for (const sample of family.samples) {
        const names = Object.keys(sample.labels).filter((l) => !reserved.includes(l));
        assert.equal(names.sort(), [...metric.labels].sort(), `${sample.name} label names`);
        assert.not.ok('pod' in sample.labels, 'the exporter must not set pod: the scrape adds it');
      }
      if (metric.kind === 'histogram') {
        const les = [...new Set(family.samples.filter((s) => s.name.endsWith('_bucket')).map((s) => s.labels.le))];
        assert.equal(les, [...metric.buckets.map(String), '+Inf'], `${metric.name} buckets`);
      }
    }
    for (const [name, spec] of selfNames) {
      const family = families.get(name);
      assert.ok(family, `self-metric ${name} missing`);
      assert.is(family.type, spec.type);
      for (const sample of family.samples) assert.equal(Object.keys(sample.labels), [...spec.labels]);
    }
  } finally {
    await exporter.close();
  }
});

test('promtool check metrics reports no problem with the scrape', async () => {
  const { exporter, url } = await exerciseAll();
  try {
    const verdict = promtoolCheckMetrics((await scrapeShop(url)).body);
    assert.is(verdict.output, '');
    assert.is(verdict.status, 0);
  } finally {
    await exporter.close();
  }
});

test('OpenMetrics on request, and the text format keeps counter names afterwards (prom-client renames them)', async () => {
  const { exporter, url, stack } = await startShopExporter();
  const counter = specs.ordersTotal.name;
  try {
    stack.metrics.ordersTotal.inc({ payment_method: 'card', outcome: 'paid' });
    const om = await scrapeShop(url, 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5');
    assert.match(om.contentType, /^application\/openmetrics-text/);
    assert.ok(om.body.endsWith('# EOF\n'));
    assert.ok(om.body.split('\n').includes(`${counter}{payment_method="card",outcome="paid"} 1`), om.body);
    const text = await scrapeShop(url);
    assert.match(text.contentType, /^text\/plain; version=0\.0\.4/);
    assert.ok(text.body.split('\n').includes(`# TYPE ${counter} counter`), text.body);
    assert.is(promtoolCheckMetrics(text.body).status, 0);
  } finally {
    await exporter.close();
  }
});

test('/healthz answers, /readyz turns 503 on close, unknown paths and the default /metrics 404', async () => {
  assert.is.not(shopScrape.metricsPath, '/metrics', 'the fixture keeps a non-default metrics path');
  const { exporter, url } = await startShopExporter();
  assert.is((await fetch(`${url}/healthz`)).status, 200);
  assert.is((await fetch(`${url}/readyz`)).status, 200);
  assert.is((await fetch(`${url}${shopScrape.metricsPath}`)).status, 200);
  assert.is((await fetch(`${url}/metrics`)).status, 404);
  assert.is((await fetch(`${url}/nope`)).status, 404);
  const closing = exporter.close();
  let status = 0;
  await new Promise<void>((resolve) => exporter.handler({ url: '/readyz', method: 'GET', headers: {} } as never, {
    writeHead: (s: number) => { status = s; },
    end: () => resolve(),
  } as never));
  await closing;
  assert.is(status, 503);
});

test('a failing collector is logged and counted, the collectors after it still run, and the scrape answers', async () => {
  const logged: string[] = [];
  let stock = 0;
  const started = await startShopExporter({
    collectors: {
      broken: () => { throw new Error('sensor unplugged'); },
      stock: () => started.stack.metrics.stockItems.set({ warehouse: 'north' }, (stock += 5)),
    },
    log: (m) => logged.push(m),
  });
  const { exporter, url } = started;
  try {
    await scrapeShop(url);
    const lines = (await scrapeShop(url)).body.split('\n');
    assert.ok(lines.includes('stackc_exporter_collector_errors_total{collector="broken"} 2'), lines.join('\n'));
    assert.ok(lines.includes(`${specs.stockItems.name}{warehouse="north"} 10`), lines.join('\n'));
    assert.is(logged.length, 2);
    assert.match(logged[0]!, /collector broken failed: Error: sensor unplugged/);
  } finally {
    await exporter.close();
  }
});

const uptimeSpec: MetricSpec<never> = {
  kind: 'gauge', name: 'test_uptime_seconds', help: 'Seconds since the exporter started', labels: [], unit: 'seconds', thresholds: [], cardinalityLimit: 1,
};

// The shop declares no health score or uptime gauge: two added at run time take those roles.
test('the health score and uptime collectors set their gauges from the other gauges before each scrape', async () => {
  const stack = createStackMetrics('shop', { ...specs, score: healthScoreSpec, uptime: uptimeSpec });
  const { score, uptime, diskUsagePercent: disk, fulfilmentQueueDepth: queue } = stack.metrics;
  if (!(score instanceof PlainGauge && uptime instanceof PlainGauge && disk instanceof PlainGauge && queue instanceof LabelledGauge)) {
    throw new Error('createStackMetrics made the wrong wrappers');
  }
  const exporter = createExporter({ stack, healthScore: score, uptime });
  const points = healthPoints(healthScoreSpec);
  const valueOf = async (name: string) => {
    const sample = parseExposition((await exporter.render()).body).get(name)?.samples[0];
    assert.ok(sample, `${name} is missing`);
    return Number(sample.value);
  };

  assert.is(await valueOf(healthScoreSpec.name), points.ok, 'no series yet: the top of the range');
  disk.set(pointIn(phaseBand(specs.diskUsagePercent, 'warning'), 0.5));
  const atWarning = await valueOf(healthScoreSpec.name);
  assert.is(atWarning, points.warning);
  assert.is(levelOf(healthScoreSpec, atWarning), 'warning');
  disk.set(pointIn(phaseBand(specs.diskUsagePercent, 'critical'), 0.5));
  queue.set({ warehouse: 'north' }, pointIn(phaseBand(specs.fulfilmentQueueDepth, 'ok'), 0.5));
  assert.is(await valueOf(healthScoreSpec.name), (points.critical + points.ok) / 2);
  assert.ok((await valueOf(uptimeSpec.name)) > 0, 'uptime counts from createExporter()');
});

test.run();
