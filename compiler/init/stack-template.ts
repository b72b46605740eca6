// The first stack of a new repository: the HTTP request counter and latency histogram the exporter's middleware
// records (the first thing a service instruments, so an app gets them by wiring the middleware, nothing more), one
// gauge with a warning threshold, the alert derived from it (with its rule tests), one dashboard panel and one
// receiver whose credential stays in a Kubernetes Secret. Small enough to read in a minute, real enough to compile,
// verify and deploy; the comments say what to change first.

/** "my-shop" → "My Shop": the dashboard title. */
function titleOf(name: string): string {
  return name.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/** The text of stacks/<name>.ts. */
export function stackFile(name: string): string {
  return `// The monitoring stack "${name}". \`npx stackc compile\` turns this file into out/${name}/: Prometheus rules and the
// tests that prove them, Alertmanager routes, a Grafana dashboard, Kubernetes manifests and a typed prom-client
// registry for your app. \`npx stackc verify\` runs promtool, amtool and the schemas on what it wrote.
//
// Start here: replace jobsWaiting with a metric your app exposes (or will), keep the thresholds honest, and
// compile. Your editor checks labels and option names as you type.
import { alerting, alertsFrom, counter, dashboard, gauge, histogram, panel, receiver, ruleGroup, secretKey, slack, stack } from 'stackc';

// What the middleware of 'stackc/exporter' records for every request your app serves: pass these two to
// createExporter({ requests: { counter, duration, routes } }). It needs exactly these labels; route is the
// route template ('/orders/:id'), never the raw URL, so each route costs one series.
const httpRequests = counter({ name: 'http_requests_total', help: 'HTTP requests served', labels: ['method', 'route', 'status'] });
const httpRequestDuration = histogram({
  name: 'http_request_duration_seconds',
  help: 'Time to serve an HTTP request',
  unit: 'seconds',
  labels: ['route'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

// A metric is declared once: its name, help, unit, labels and the levels its alerts fire at. The thresholds
// also colour the dashboard and give the alert its rule tests. Next: an alert on the error rate of
// httpRequests, a panel of latency quantiles, labels such as ['queue'] (see the README of stackc for the DSL).
const jobsWaiting = gauge({
  name: 'jobs_waiting',
  help: 'Jobs waiting in the queue to be picked up',
  thresholds: {
    warning: { above: 100, for: '10m' },
    // critical: { above: 1000, for: '5m' },   // a second level: its own alert, inhibiting the warning while it fires
  },
});

// Who hears about alerts. No credential is ever written here: secretKey names a key of a Kubernetes Secret you
// create in the monitoring namespace, e.g.
//   kubectl create secret generic alertmanager-slack -n monitoring --from-file=api-url=./slack-webhook-url.txt
const team = receiver('team', [slack({ channel: '#${name}-alerts', apiUrl: secretKey('alertmanager-slack', 'api-url') })]);

export default stack('${name}', {
  namespace: '${name}', // the Kubernetes namespace your app's pods run in: Prometheus scrapes the pods there
  metrics: [httpRequests, httpRequestDuration, jobsWaiting], // every metric your app exposes
  groups: [
    ruleGroup('jobs', {
      // one alert per threshold level; its firing, pending and silent tests are derived
      rules: alertsFrom(jobsWaiting, {
        warning: { name: 'JobsPilingUp', summary: 'Jobs are piling up', description: '{{ $value }} jobs are waiting' },
      }),
    }),
  ],
  dashboards: [
    // a panel built from a metric takes its title, unit and the alert's thresholds as colours
    dashboard({ uid: '${name}-overview', title: '${titleOf(name)} Overview', panels: [panel.timeseries(jobsWaiting, { title: 'Jobs waiting' })] }),
  ],
  // one receiver for every severity; route critical alerts to a pager once you have one (pagerDuty, webhook)
  alerting: alerting({ routes: { critical: team, warning: team, info: team } }),
});
`;
}
