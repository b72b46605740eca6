// A small stack for the dashboard tests: one metric of each kind, thresholds in both directions, one dashboard.
import {
  $namespace, alertsFrom, avg, counter, dashboard, gauge, histogram, panel, rate, rateInterval, row, ruleGroup, scope, stack, sum,
  type DashboardDefinition, type TargetOptions, type ThresholdsInput,
} from '../../dsl/index.ts';
import { kubeStateMetrics as ksm } from '../../dsl/catalogs/kube-state-metrics.ts';

export interface FixtureOptions {
  readonly diskThresholds?: ThresholdsInput;
  readonly dashboards?: (m: FixtureMetrics) => readonly DashboardDefinition[];
  readonly target?: TargetOptions;
}

export function fixtureMetrics(o: FixtureOptions = {}) {
  const disk = gauge({
    name: 'disk_usage_percent', help: 'Disk usage', unit: 'percent',
    thresholds: o.diskThresholds ?? { warning: { above: 80, for: '2m' }, critical: { above: 90, for: '1m' } },
  });
  const score = gauge({
    name: 'health_score', help: 'Health score (0-100)', range: [0, 100],
    thresholds: { warning: { below: 80 }, critical: { below: 60 } },
  });
  const requests = counter({ name: 'http_requests_total', help: 'HTTP requests', labels: ['route', 'status'] });
  const latency = histogram({ name: 'http_request_duration_seconds', help: 'Request duration', unit: 'seconds', labels: ['route'], buckets: [0.1, 0.5, 1] });
  return { disk, score, requests, latency };
}
export type FixtureMetrics = ReturnType<typeof fixtureMetrics>;

export function defaultDashboards(m: FixtureMetrics): readonly DashboardDefinition[] {
  return [dashboard({
    uid: 'fixture',
    title: 'Fixture',
    panels: [
      panel.gauge(m.score, { title: 'Health' }),
      panel.timeseries(m.disk, { title: 'Disk', queries: [scope(m.disk), { expr: avg(scope(m.disk)), legend: 'Average' }] }),
      panel.stat(m.requests, { title: 'Requests', unit: 'requests/s' }),
    ],
    rows: [
      row('Latency', [
        panel.heatmap(m.latency, { title: 'Latency' }),
        panel.table({ title: 'Pods', queries: [{ expr: sum(ksm.kube_pod_status_phase.where({ namespace: $namespace }), { by: ['pod', 'phase'] }), instant: true }] }),
        panel.timeseries(m.requests, { title: 'By route', unit: 'requests/s', queries: [sum(rate(scope(m.requests), rateInterval), { by: ['route'] })] }),
        panel.text({ title: 'About', content: 'Fixture **dashboard**.' }),
      ]),
    ],
  })];
}

export function fixtureStack(o: FixtureOptions = {}) {
  const m = fixtureMetrics(o);
  return stack('fixture', {
    namespace: 'apps',
    ...(o.target ? { target: o.target } : {}),
    metrics: [m.disk, m.score, m.requests, m.latency],
    catalogs: [ksm],
    groups: [ruleGroup('health', { rules: [...alertsFrom(m.disk), ...alertsFrom(m.score)] })],
    dashboards: (o.dashboards ?? defaultDashboards)(m),
  });
}
