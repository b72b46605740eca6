// Type tests, as exporter-labels.ts, of the registry a Node app without TypeScript sources imports: the plain
// JavaScript file and its declarations (test/types/shop-js/, kept current by test/emit/exporter-registry.test.ts),
// with the runtime taken from the package specifier 'stackc/exporter', as the app takes it.
import { createMetrics } from './shop-js/registry.gen.js';
import { createExporter } from 'stackc/exporter';

const { metrics } = createMetrics();

metrics.httpRequestsTotal.inc({ method: 'GET', route: '/basket/:id', status: '200' });
metrics.httpRequestsTotal.inc({ method: 'GET', route: '/', status: 500 }, 2);
// @ts-expect-error a missing label (status) does not compile
metrics.httpRequestsTotal.inc({ method: 'GET', route: '/' });
// @ts-expect-error a misspelt label (stauts) does not compile
metrics.httpRequestsTotal.inc({ method: 'GET', route: '/', stauts: '200' });
// @ts-expect-error an extra label does not compile
metrics.httpRequestsTotal.inc({ method: 'GET', route: '/', status: '200', pod: 'web-1' });

const fromVariable = { method: 'GET', route: '/', status: '200', endpoint: '/raw/url' };
// @ts-expect-error an extra label does not compile even when the object is not a literal
metrics.httpRequestsTotal.inc(fromVariable);

metrics.httpRequestDurationSeconds.observe({ route: '/' }, 0.2);
// @ts-expect-error observe() on a histogram labelled by route needs the route
metrics.httpRequestDurationSeconds.observe({}, 0.2);
// @ts-expect-error a label the histogram does not declare (endpoint) instead of the one it does (route)
metrics.httpRequestDurationSeconds.observe({ endpoint: '/' }, 0.2);

metrics.fulfilmentQueueDepth.set({ warehouse: 'north' }, 12);
// @ts-expect-error set() with a misspelt label does not compile
metrics.fulfilmentQueueDepth.set({ wharehouse: 'north' }, 12);
// @ts-expect-error set() without the value does not compile
metrics.fulfilmentQueueDepth.set({ warehouse: 'north' });

metrics.diskUsagePercent.set(42);
// @ts-expect-error a metric without labels takes no label set
metrics.diskUsagePercent.set({ pod: 'web-1' }, 42);

// @ts-expect-error counters have no set()
metrics.ordersTotal.set({ payment_method: 'card', outcome: 'paid' }, 1);

// The middleware needs a counter labelled exactly {method, route, status} and a histogram labelled {route}.
createExporter({ stack: createMetrics(), requests: { counter: metrics.httpRequestsTotal, duration: metrics.httpRequestDurationSeconds, routes: ['/'] } });
createExporter({
  stack: createMetrics(),
  // @ts-expect-error the order counter is not a request counter
  requests: { counter: metrics.ordersTotal, duration: metrics.httpRequestDurationSeconds, routes: ['/'] },
});
createExporter({
  stack: createMetrics(),
  // @ts-expect-error the checkout histogram is labelled by step, not route
  requests: { counter: metrics.httpRequestsTotal, duration: metrics.checkoutDurationSeconds, routes: ['/'] },
});
