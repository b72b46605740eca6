// The scrape versus the model: every declared metric with exactly its type, help and labels, nothing else but
// the documented self-metrics; and promtool accepts the exposition.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import platform from '../../stacks/platform.ts';
import { toModel } from '../../dsl/to-model.ts';
import { selfMetricSpecs } from '../../exporter/self-metrics.ts';
import { parseExposition, promtoolCheckMetrics, scrape, startPlatformExporter } from './helpers.ts';

const model = toModel(platform);

/** Touches every metric through its typed wrapper so labelled ones have a series. */
async function exerciseAll() {
  const started = await startPlatformExporter();
  const m = started.stack.metrics;
  m.requestsTotal.inc({ method: 'GET', route: '/api/search', status: '200' });
  m.requestDurationSeconds.observe({ route: '/api/search' }, 0.3);
  m.anomaliesDetectedTotal.inc({ anomaly_type: 'cpu_spike', severity: 'warning' });
  m.healingActionsTotal.inc({ action_type: 'restart_pod', status: 'failed' });
  m.healingActionsSucceededTotal.inc({ action_type: 'restart_pod' });
  m.healingActionsFailedTotal.inc({ action_type: 'restart_pod' });
  m.healingActionDurationSeconds.observe({ action_type: 'restart_pod' }, 4);
  m.healingActionRunningSeconds.set({ action_type: 'restart_pod' }, 0);
  for (const g of [m.cpuUsagePercent, m.memoryUsagePercent, m.responseTimeSeconds, m.errorRatePercent, m.activeAlerts, m.mlModelAccuracyRatio, m.mlFalsePositiveRatio]) g.set(1);
  started.stack.self.cardinalityDropped.inc({ metric: 'requests_total' }, 0);
  started.stack.self.collectorErrors.inc({ collector: 'uptime' }, 0);
  return started;
}

test('every declared metric is exposed with exactly its type, help and label names; nothing undeclared', async () => {
  const { exporter, url } = await exerciseAll();
  try {
    const families = parseExposition((await scrape(url)).body);
    const selfNames = new Map<string, (typeof selfMetricSpecs)[number]>(selfMetricSpecs.map((s) => [s.name, s]));
    for (const name of families.keys()) {
      assert.ok(model.metrics.some((m) => m.name === name) || selfNames.has(name), `undeclared metric ${name} in the scrape`);
      if (!model.metrics.some((m) => m.name === name)) assert.ok(name.startsWith('stackc_exporter_'), `self-metric ${name} lacks the prefix`);
    }
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
    const verdict = promtoolCheckMetrics((await scrape(url)).body);
    assert.is(verdict.output, '');
    assert.is(verdict.status, 0);
  } finally {
    await exporter.close();
  }
});

test('OpenMetrics on request, and the text format keeps counter names afterwards (prom-client renames them)', async () => {
  const { exporter, url, stack } = await startPlatformExporter();
  try {
    stack.metrics.requestsTotal.inc({ method: 'GET', route: '/api/search', status: '200' });
    const om = await scrape(url, 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5');
    assert.match(om.contentType, /^application\/openmetrics-text/);
    assert.ok(om.body.endsWith('# EOF\n'));
    assert.match(om.body, /^requests_total\{method="GET",route="\/api\/search",status="200"\} 1$/m);
    const text = await scrape(url);
    assert.match(text.contentType, /^text\/plain; version=0\.0\.4/);
    assert.match(text.body, /^# TYPE requests_total counter$/m);
    assert.is(promtoolCheckMetrics(text.body).status, 0);
  } finally {
    await exporter.close();
  }
});

test('/healthz answers, /readyz turns 503 on close, unknown paths 404', async () => {
  const { exporter, url } = await startPlatformExporter();
  assert.is((await fetch(`${url}/healthz`)).status, 200);
  assert.is((await fetch(`${url}/readyz`)).status, 200);
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

test('a failing collector is logged and counted, and /metrics still answers', async () => {
  const logged: string[] = [];
  const { exporter, url } = await startPlatformExporter({
    collectors: { broken: () => { throw new Error('sensor unplugged'); } },
    log: (m) => logged.push(m),
  });
  try {
    await scrape(url);
    const { body } = await scrape(url);
    assert.match(body, /^stackc_exporter_collector_errors_total\{collector="broken"\} 2$/m);
    assert.match(body, /^system_uptime_seconds \d/m);
    assert.is(logged.length, 2);
    assert.match(logged[0]!, /collector broken failed: Error: sensor unplugged/);
  } finally {
    await exporter.close();
  }
});

test.run();
