// The request middleware labels by route template, never the raw URL, and records the stack's two request
// metrics (the shop's http_requests_total and http_request_duration_seconds).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { otherMethod, routeMatcher, unmatchedRoute } from '../../exporter/middleware.ts';
import { specs } from '../types/shop/registry.gen.ts';
import { parseExposition, scrapeShop, startShopExporter } from './helpers.ts';

test('route templates match parameters; query strings and unknown paths do not make new values', () => {
  const match = routeMatcher(['/api/orders/:id', '/api/search', '/']);
  assert.is(match('/api/orders/42'), '/api/orders/:id');
  assert.is(match('/api/orders/42/'), '/api/orders/:id');
  assert.is(match('/api/search?q=x'), '/api/search');
  assert.is(match('/'), '/');
  assert.is(match('/api/orders'), unmatchedRoute);
  assert.is(match('/api/orders/42/items'), unmatchedRoute);
  assert.is(match('/api/orders//'), unmatchedRoute);
  assert.is(match('/etc/passwd'), unmatchedRoute);
});

test('real requests through track(): method, route template, status and latency are recorded', async () => {
  const { exporter, url, stack } = await startShopExporter();
  const app = createServer(exporter.requests!.track((req, res) => {
    res.statusCode = req.url?.startsWith('/api/orders/') ? 500 : 200;
    setTimeout(() => res.end('x'), 20);
  }));
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  try {
    for (const path of ['/api/orders/1', '/api/orders/2', '/api/search?q=1', '/random/1', '/random/2']) await (await fetch(appUrl + path)).text();
    await (await fetch(`${appUrl}/api/search`, { method: 'PROPFIND' })).text();
    await new Promise((r) => setTimeout(r, 20));
    const families = parseExposition((await scrapeShop(url)).body);
    const counts = families.get(specs.httpRequestsTotal.name)!.samples.map((s) => `${s.labels.method} ${s.labels.route} ${s.labels.status} ${s.value}`).sort();
    assert.ok(counts.includes('GET /api/orders/:id 500 2'), counts.join('\n'));
    assert.ok(counts.includes('GET /api/search 200 1'), counts.join('\n'));
    assert.ok(counts.includes(`GET ${unmatchedRoute} 200 2`), counts.join('\n'));
    assert.ok(counts.includes(`${otherMethod} /api/search 200 1`), counts.join('\n'));
    assert.not.ok(counts.some((c) => c.includes('/random/')), 'raw URLs must never become label values');
    const sum = families.get(specs.httpRequestDurationSeconds.name)!.samples.find((s) => s.name.endsWith('_sum') && s.labels.route === '/api/orders/:id');
    // two handlers of 20 ms each; Node's timers may fire a fraction of a millisecond early by the clock the
    // middleware reads, so the bound says "seconds, and the handler's time" without a razor-thin margin
    assert.ok(Number(sum!.value) >= 0.035, `latency is in seconds and covers the handler: ${sum!.value}`);
    assert.is(stack.metrics.httpRequestsTotal.seriesCount, counts.length);
  } finally {
    await new Promise((r) => app.close(r));
    await exporter.close();
  }
});

test('connect-style middleware: next() is called and a client that goes away is recorded as 499', async () => {
  const { exporter, url } = await startShopExporter();
  const app = createServer((req, res) => exporter.requests!.middleware(req, res, () => setTimeout(() => res.end('late'), 300)));
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  try {
    await fetch(`${appUrl}/api/search`, { signal: AbortSignal.timeout(50) }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    const { body } = await scrapeShop(url);
    assert.ok(body.split('\n').includes(`${specs.httpRequestsTotal.name}{method="GET",route="/api/search",status="499"} 1`), body);
  } finally {
    app.closeAllConnections();
    await new Promise((r) => app.close(r));
    await exporter.close();
  }
});

test.run();
