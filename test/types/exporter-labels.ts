// Type tests: the generated registry requires exactly the declared labels. `tsc --noEmit -p .` checks this file;
// every @ts-expect-error must be needed, or the build fails.
import { createMetrics } from '../../out/platform/exporter/registry.gen.ts';
import { createExporter } from '../../exporter/server.ts';

const { metrics } = createMetrics();

metrics.requestsTotal.inc({ method: 'GET', route: '/api/orders/:id', status: '200' });
metrics.requestsTotal.inc({ method: 'GET', route: '/', status: 500 }, 2);
// @ts-expect-error a missing label (status) does not compile
metrics.requestsTotal.inc({ method: 'GET', route: '/' });
// @ts-expect-error a misspelt label (stauts) does not compile
metrics.requestsTotal.inc({ method: 'GET', route: '/', stauts: '200' });
// @ts-expect-error an extra label does not compile
metrics.requestsTotal.inc({ method: 'GET', route: '/', status: '200', pod: 'web-1' });

const fromVariable = { method: 'GET', route: '/', status: '200', endpoint: '/raw/url' };
// @ts-expect-error an extra label does not compile even when the object is not a literal
metrics.requestsTotal.inc(fromVariable);

metrics.requestDurationSeconds.observe({ route: '/' }, 0.2);
// @ts-expect-error observe() on a histogram labelled by route needs the route
metrics.requestDurationSeconds.observe({}, 0.2);
// @ts-expect-error the seed's label name (endpoint) is not the stack's (route)
metrics.requestDurationSeconds.observe({ endpoint: '/' }, 0.2);

metrics.healingActionRunningSeconds.set({ action_type: 'restart_pod' }, 12);
// @ts-expect-error set() with a misspelt label does not compile
metrics.healingActionRunningSeconds.set({ action: 'restart_pod' }, 12);
// @ts-expect-error set() without the value does not compile
metrics.healingActionRunningSeconds.set({ action_type: 'restart_pod' });

metrics.cpuUsagePercent.set(42);
// @ts-expect-error a metric without labels takes no label set
metrics.cpuUsagePercent.set({ pod: 'web-1' }, 42);

// @ts-expect-error counters have no set()
metrics.anomaliesDetectedTotal.set({ anomaly_type: 'cpu_spike', severity: 'warning' }, 1);

// The middleware needs a counter labelled exactly {method, route, status} and a histogram labelled {route}.
createExporter({ stack: createMetrics(), requests: { counter: metrics.requestsTotal, duration: metrics.requestDurationSeconds, routes: ['/'] } });
createExporter({
  stack: createMetrics(),
  // @ts-expect-error the anomaly counter is not a request counter
  requests: { counter: metrics.anomaliesDetectedTotal, duration: metrics.requestDurationSeconds, routes: ['/'] },
});
createExporter({
  stack: createMetrics(),
  // @ts-expect-error the healing duration histogram is labelled by action_type, not route
  requests: { counter: metrics.requestsTotal, duration: metrics.healingActionDurationSeconds, routes: ['/'] },
});
