// The self-healing platform's monitoring, described once. `npm run compile` derives out/platform/ from it.
// Every difference from the hand-written seed is listed, with its reason, in docs/seed-divergences.md.
import {
  $namespace, alert, alerting, alertsFrom, alertStates, avg, avgOverTime, counter, dashboard, deploy, deriv, gauge,
  histogram, histogramQuantile, increase, input, maxOverTime, open, pagerDuty, panel, promql, quantileOverTime, rate, rateInterval,
  receiver, record, row, ruleGroup, ruleTest, scope, secretKey, slack, slo, stack, sum, webhook,
} from 'stackc';
import { kubeStateMetrics as ksm } from 'stackc/catalogs/kube-state-metrics';
import { kubelet } from 'stackc/catalogs/kubelet';

const runbooks = 'https://docs.platform.com/runbooks';

// --- label values the seed's exporter produces ----------------------------------------------------------------
// Declared, they are literal types (a typo in a matcher or an exporter call does not compile) and the registries
// start every combination at 0, so the first anomaly or failed action of each kind raises increase() above 0.
const anomalyTypes = ['cpu_spike', 'memory_leak', 'error_rate', 'latency_spike'] as const;
const anomalySeverities = ['low', 'medium', 'high', 'critical'] as const;
const actionTypes = ['restart_pod', 'scale_up', 'scale_down', 'rollback'] as const;
// the methods the request middleware records (others are counted as OTHER)
const methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', 'OTHER'] as const;

// --- metrics the platform's exporter exposes ------------------------------------------------------------------

export const requests = counter({
  name: 'requests_total',
  help: 'Total number of HTTP requests',
  labels: { method: methods, route: open, status: open },
});
export const requestDuration = histogram({
  name: 'request_duration_seconds',
  help: 'HTTP request duration, by route template',
  labels: ['route'],
  unit: 'seconds',
  buckets: [0.05, 0.1, 0.2, 0.5, 1, 2, 5],
});
export const anomalies = counter({
  name: 'anomalies_detected_total',
  help: 'Total number of anomalies detected',
  labels: { anomaly_type: anomalyTypes, severity: anomalySeverities },
});
export const healingActions = counter({
  name: 'healing_actions_total',
  help: 'Total number of healing actions',
  labels: { action_type: actionTypes, status: ['succeeded', 'failed'] },
});
export const healingSucceeded = counter({
  name: 'healing_actions_succeeded_total',
  help: 'Total number of successful healing actions',
  labels: { action_type: actionTypes },
});
export const healingFailed = counter({
  name: 'healing_actions_failed_total',
  help: 'Total number of failed healing actions',
  labels: { action_type: actionTypes },
});
export const healingDuration = histogram({
  name: 'healing_action_duration_seconds',
  help: 'Duration of finished healing actions',
  labels: { action_type: actionTypes },
  unit: 'seconds',
  buckets: [1, 5, 10, 30, 60, 120, 300],
});
export const healingRunning = gauge({
  name: 'healing_action_running_seconds',
  help: 'Age of the oldest healing action still running, 0 when none is',
  labels: { action_type: actionTypes },
  unit: 'seconds',
  thresholds: { critical: { above: 300 } },
});

export const cpu = gauge({
  name: 'cpu_usage_percent',
  help: 'Current CPU usage percentage',
  unit: 'percent',
  thresholds: { warning: { above: 80, for: '2m' }, critical: { above: 90, for: '1m' } },
});
export const memory = gauge({
  name: 'memory_usage_percent',
  help: 'Current memory usage percentage',
  unit: 'percent',
  thresholds: { warning: { above: 85, for: '2m' }, critical: { above: 95, for: '1m' } },
});
export const responseTime = gauge({
  name: 'response_time_seconds',
  help: 'Current response time',
  unit: 'seconds',
  thresholds: { warning: { above: 0.8, for: '2m' }, critical: { above: 2, for: '1m' } },
});
export const errorRate = gauge({
  name: 'error_rate_percent',
  help: 'Current error rate percentage',
  unit: 'percent',
  thresholds: { warning: { above: 5, for: '1m' }, critical: { above: 10, for: '30s' } },
});
export const healthScore = gauge({
  name: 'system_health_score',
  help: 'Overall system health score (0-100)',
  range: [0, 100],
  thresholds: { warning: { below: 80, for: '5m' }, critical: { below: 60, for: '2m' } },
});
export const activeAlerts = gauge({ name: 'active_alerts', help: 'Number of active alerts' });
export const modelAccuracy = gauge({
  name: 'ml_model_accuracy_ratio',
  help: 'ML model accuracy (0-1)',
  unit: 'ratio',
  thresholds: { warning: { below: 0.85, for: '5m' } },
});
export const falsePositives = gauge({
  name: 'ml_false_positive_ratio',
  help: 'ML model false positive rate (0-1)',
  unit: 'ratio',
  thresholds: { warning: { above: 0.15, for: '5m' } },
});
export const uptime = gauge({
  name: 'system_uptime_seconds',
  help: 'System uptime in seconds',
  unit: 'seconds',
  thresholds: { info: { below: 300 } },
});

// --- recording rules (the seed's names; expressions corrected) ---------------------------------------------

const latencyBuckets = sum(rate(requestDuration.bucket, '5m'), { by: ['le'] });
export const healingSuccessRate = record(
  'healing_actions:success_rate',
  promql`${sum(rate(healingSucceeded, '5m'), { by: ['action_type'] })} / ${sum(rate(healingActions, '5m'), { by: ['action_type'] })}`,
  { unit: 'ratio' },
);

export const recordings = [
  record('cpu_usage:avg_5m', avgOverTime(cpu, '5m'), { unit: 'percent' }),
  record('cpu_usage:max_5m', maxOverTime(cpu, '5m'), { unit: 'percent' }),
  record('cpu_usage:p95_5m', quantileOverTime(0.95, cpu, '5m'), { unit: 'percent' }),
  record('memory_usage:avg_5m', avgOverTime(memory, '5m'), { unit: 'percent' }),
  record('memory_usage:max_5m', maxOverTime(memory, '5m'), { unit: 'percent' }),
  record('response_time:avg_5m', avgOverTime(responseTime, '5m'), { unit: 'seconds' }),
  record('response_time:p50_5m', histogramQuantile(0.5, latencyBuckets), { unit: 'seconds' }),
  record('response_time:p95_5m', histogramQuantile(0.95, latencyBuckets), { unit: 'seconds' }),
  record('response_time:p99_5m', histogramQuantile(0.99, latencyBuckets), { unit: 'seconds' }),
  record('error_rate:avg_5m', avgOverTime(errorRate, '5m'), { unit: 'percent' }),
  record('error_rate:rate_5m', deriv(errorRate, '5m')),
  record('requests:rate_5m', rate(requests, '5m')),
  record('requests:sum_5m', sum(rate(requests, '5m'))),
  record('anomalies:rate_5m', rate(anomalies, '5m')),
  record('anomalies:count_1h', increase(anomalies, '1h')),
  record('healing_actions:rate_5m', rate(healingActions, '5m')),
  healingSuccessRate,
  record('system_health:avg_5m', avgOverTime(healthScore, '5m'), { range: [0, 100] }),
] as const;

// --- alerts ------------------------------------------------------------------------------------------------

const platform = { labels: { component: 'platform' } };

const platformHealth = ruleGroup('platform_health', {
  interval: '30s',
  rules: [
    ...alertsFrom(cpu, {
      ...platform,
      warning: { name: 'HighCPUUsage', summary: 'High CPU usage detected', description: 'CPU usage is {{ $value }}% on {{ $labels.pod }} for 2 minutes', runbook: `${runbooks}/high-cpu` },
      critical: { name: 'CriticalCPUUsage', summary: 'Critical CPU usage detected', description: 'CPU usage is {{ $value }}% on {{ $labels.pod }}', runbook: `${runbooks}/high-cpu` },
    }),
    ...alertsFrom(memory, {
      ...platform,
      warning: { name: 'HighMemoryUsage', summary: 'High memory usage detected', description: 'Memory usage is {{ $value }}% on {{ $labels.pod }} for 2 minutes' },
      critical: { name: 'CriticalMemoryUsage', summary: 'Critical memory usage detected', description: 'Memory usage is {{ $value }}% on {{ $labels.pod }}' },
    }),
    ...alertsFrom(responseTime, {
      ...platform,
      warning: { name: 'HighResponseTime', summary: 'High response time detected', description: 'Response time is {{ $value | humanizeDuration }} on {{ $labels.pod }}' },
      critical: { name: 'CriticalResponseTime', summary: 'Critical response time detected', description: 'Response time is {{ $value | humanizeDuration }} on {{ $labels.pod }}' },
    }),
    ...alertsFrom(errorRate, {
      ...platform,
      warning: { name: 'HighErrorRate', summary: 'High error rate detected', description: 'Error rate is {{ $value }}% on {{ $labels.pod }}' },
      critical: { name: 'CriticalErrorRate', summary: 'Critical error rate detected', description: 'Error rate is {{ $value }}% on {{ $labels.pod }}' },
    }),
  ],
});

const mlModel = ruleGroup('ml_model', {
  interval: '30s',
  rules: [
    alert({
      name: 'AnomalyDetected',
      expr: promql`${sum(increase(anomalies, '5m'), { by: ['anomaly_type'] })} > 0`,
      severity: 'warning',
      labels: { component: 'ml' },
      summary: 'Anomaly detected by ML model',
      description: '{{ $value }} {{ $labels.anomaly_type }} anomalies detected in last 5 minutes',
      tests: [
        ruleTest({ name: 'a new anomaly fires', input: [input(anomalies, { anomaly_type: 'cpu_spike', severity: 'high' }, '0x30 1x10')], at: '10m', expect: [{ labels: { anomaly_type: 'cpu_spike' }, value: 1 }] }),
        ruleTest({ name: 'no new anomaly in 5 minutes stays silent', input: [input(anomalies, { anomaly_type: 'cpu_spike', severity: 'high' }, '3x40')], at: '10m', expect: [] }),
      ],
    }),
    alert({
      name: 'HighAnomalyRate',
      expr: promql`${sum(rate(anomalies, '5m'))} > 0.1`,
      for: '2m',
      severity: 'critical',
      labels: { component: 'ml' },
      summary: 'High anomaly detection rate',
      description: 'Anomaly rate is {{ $value | humanize }}/s',
      tests: [
        ruleTest({ name: '0.2 anomalies per second fires', input: [input(anomalies, { anomaly_type: 'cpu_spike', severity: 'high' }, '0+3x60')], at: '10m', expect: [{ value: 0.2 }] }),
        ruleTest({ name: 'one anomaly per 15 s stays silent', input: [input(anomalies, { anomaly_type: 'cpu_spike', severity: 'high' }, '0+1x60')], at: '10m', expect: [] }),
      ],
    }),
    ...alertsFrom(modelAccuracy, {
      labels: { component: 'ml' },
      warning: { name: 'LowModelAccuracy', summary: 'ML model accuracy degraded', description: 'Model accuracy is {{ $value | humanizePercentage }} (below 85%)' },
    }),
    ...alertsFrom(falsePositives, {
      labels: { component: 'ml' },
      warning: { name: 'HighFalsePositiveRate', summary: 'High false positive rate', description: 'False positive rate is {{ $value | humanizePercentage }} (above 15%)' },
    }),
  ],
});

const selfHealing = ruleGroup('self_healing', {
  interval: '30s',
  rules: [
    alert({
      name: 'HealingActionFailed',
      expr: promql`${sum(increase(healingFailed, '5m'), { by: ['action_type'] })} > 0`,
      severity: 'critical',
      labels: { component: 'orchestrator' },
      summary: 'Self-healing action failed',
      description: '{{ $value }} {{ $labels.action_type }} healing actions failed in last 5 minutes',
      tests: [
        ruleTest({ name: 'a failed action fires', input: [input(healingFailed, { action_type: 'restart_pod' }, '0x30 1x10')], at: '10m', expect: [{ labels: { action_type: 'restart_pod' }, value: 1 }] }),
        ruleTest({ name: 'no failure in 5 minutes stays silent', input: [input(healingFailed, { action_type: 'restart_pod' }, '2x40')], at: '10m', expect: [] }),
      ],
    }),
    alert({
      name: 'HighHealingActionRate',
      expr: promql`${sum(rate(healingActions, '10m'))} > 1`,
      for: '5m',
      severity: 'warning',
      labels: { component: 'orchestrator' },
      summary: 'High healing action rate',
      description: 'System is healing frequently ({{ $value | humanize }} actions/s)',
      tests: [
        ruleTest({ name: 'two actions per second fires', input: [input(healingActions, { action_type: 'restart_pod', status: 'succeeded' }, '0+30x80')], at: '20m', expect: [{ value: 2 }] }),
        ruleTest({ name: 'one action per second stays silent', input: [input(healingActions, { action_type: 'restart_pod', status: 'succeeded' }, '0+15x80')], at: '20m', expect: [] }),
      ],
    }),
    ...alertsFrom(healingRunning, {
      labels: { component: 'orchestrator' },
      critical: { name: 'HealingActionStuck', summary: 'Healing action taking too long', description: '{{ $labels.action_type }} healing action has been running for {{ $value }}s' },
    }),
  ],
});

const kubernetes = ruleGroup('kubernetes', {
  interval: '30s',
  rules: [
    alert({
      name: 'PodCrashLooping',
      expr: promql`${rate(ksm.kube_pod_container_status_restarts_total, '15m')} > 0`,
      for: '5m',
      severity: 'critical',
      labels: { component: 'kubernetes' },
      summary: 'Pod is crash looping',
      description: 'Pod {{ $labels.namespace }}/{{ $labels.pod }} ({{ $labels.container }}) is restarting frequently',
      tests: [
        ruleTest({ name: 'a restarting container fires', input: [input(ksm.kube_pod_container_status_restarts_total, { namespace: 'self-healing-platform', pod: 'api-0', uid: 'u-1', container: 'api' }, '0+1x120')], at: '25m', expect: [{ labels: { namespace: 'self-healing-platform', pod: 'api-0', uid: 'u-1', container: 'api' }, value: 0.06666666666666667 }] }),
        ruleTest({ name: 'no restart in 15 minutes stays silent', input: [input(ksm.kube_pod_container_status_restarts_total, { namespace: 'self-healing-platform', pod: 'api-0', uid: 'u-1', container: 'api' }, '4x120')], at: '25m', expect: [] }),
      ],
    }),
    alert({
      name: 'PodNotReady',
      expr: promql`${sum(ksm.kube_pod_status_phase.where({ phase: /Pending|Unknown|Failed/ }), { by: ['namespace', 'pod'] })} > 0`,
      for: '5m',
      severity: 'warning',
      labels: { component: 'kubernetes' },
      summary: 'Pod not ready',
      description: 'Pod {{ $labels.namespace }}/{{ $labels.pod }} has been not ready for 5 minutes',
      tests: [
        ruleTest({ name: 'a pending pod fires', input: [input(ksm.kube_pod_status_phase, { namespace: 'self-healing-platform', pod: 'api-0', uid: 'u-1', phase: 'Pending' }, '1x60')], at: '10m', expect: [{ labels: { namespace: 'self-healing-platform', pod: 'api-0' }, value: 1 }] }),
        ruleTest({ name: 'a completed job pod stays silent (the seed alerted on it)', input: [input(ksm.kube_pod_status_phase, { namespace: 'self-healing-platform', pod: 'migrate-0', uid: 'u-2', phase: 'Succeeded' }, '1x60')], at: '10m', expect: [] }),
      ],
    }),
    alert({
      name: 'NodeNotReady',
      expr: promql`${ksm.kube_node_status_condition.where({ condition: 'Ready', status: 'true' })} == 0`,
      for: '5m',
      severity: 'critical',
      labels: { component: 'kubernetes' },
      summary: 'Node not ready',
      description: 'Node {{ $labels.node }} is not ready',
      tests: [
        ruleTest({ name: 'a node not ready fires', input: [input(ksm.kube_node_status_condition, { node: 'node-1', condition: 'Ready', status: 'true' }, '0x60')], at: '10m', expect: [{ labels: { node: 'node-1', condition: 'Ready', status: 'true' }, value: 0 }] }),
        ruleTest({ name: 'a ready node stays silent', input: [input(ksm.kube_node_status_condition, { node: 'node-1', condition: 'Ready', status: 'true' }, '1x60')], at: '10m', expect: [] }),
      ],
    }),
    alert({
      name: 'HPAMaxedOut',
      expr: promql`${ksm.kube_horizontalpodautoscaler_status_current_replicas} >= ${ksm.kube_horizontalpodautoscaler_spec_max_replicas}`,
      for: '10m',
      severity: 'warning',
      labels: { component: 'kubernetes' },
      summary: 'HPA at maximum replicas',
      description: 'HPA {{ $labels.namespace }}/{{ $labels.horizontalpodautoscaler }} has reached max replicas',
      tests: [
        ruleTest({
          name: 'an autoscaler at its maximum fires',
          input: [
            input(ksm.kube_horizontalpodautoscaler_status_current_replicas, { namespace: 'self-healing-platform', horizontalpodautoscaler: 'api' }, '5x80'),
            input(ksm.kube_horizontalpodautoscaler_spec_max_replicas, { namespace: 'self-healing-platform', horizontalpodautoscaler: 'api' }, '5x80'),
          ],
          at: '15m',
          expect: [{ labels: { namespace: 'self-healing-platform', horizontalpodautoscaler: 'api' }, value: 5 }],
        }),
        ruleTest({
          name: 'an autoscaler below its maximum stays silent',
          input: [
            input(ksm.kube_horizontalpodautoscaler_status_current_replicas, { namespace: 'self-healing-platform', horizontalpodautoscaler: 'api' }, '3x80'),
            input(ksm.kube_horizontalpodautoscaler_spec_max_replicas, { namespace: 'self-healing-platform', horizontalpodautoscaler: 'api' }, '5x80'),
          ],
          at: '15m',
          expect: [],
        }),
      ],
    }),
  ],
});

const systemHealth = ruleGroup('system_health', {
  interval: '30s',
  rules: [
    ...alertsFrom(healthScore, {
      ...platform,
      warning: { name: 'SystemHealthDegraded', summary: 'System health degraded', description: 'System health score is {{ $value }}% (below 80%)' },
      critical: { name: 'SystemHealthCritical', summary: 'System health critical', description: 'System health score is {{ $value }}% (below 60%)' },
    }),
    ...alertsFrom(uptime, {
      ...platform,
      info: { name: 'LowSystemUptime', summary: 'System recently restarted', description: 'System uptime is only {{ $value }} seconds' },
    }),
  ],
});

// --- service-level objectives (docs/slo.md): what pages, by how fast the error budget burns -------------------
// Scoped to the platform's own job: another service's requests_total scraped into the same Prometheus must not count.

const own = { job: 'self-healing-platform' } as const;
export const apiAvailability = slo({
  name: 'api-availability',
  objective: 99.5,
  sli: { errors: requests.where({ ...own, status: /5../ }), total: requests.where(own) },
  runbook: `${runbooks}/api-availability`,
});
export const apiLatency = slo({
  name: 'api-latency',
  objective: 99,
  sli: { latency: requestDuration, threshold: 0.5, where: own },
  runbook: `${runbooks}/api-latency`,
});
// a healing action that fails leaves the incident to a person: the loop's own objective, with a ticket only
export const healingSuccess = slo({
  name: 'healing-success',
  objective: 95,
  sli: { errors: healingActions.where({ ...own, status: 'failed' }), total: healingActions.where(own) },
  page: false,
  runbook: `${runbooks}/healing-success`,
});

// --- dashboards ---------------------------------------------------------------------------------------------
// Panels take unit, range and colour steps from their metric; the queries follow the dashboard's namespace and
// pod variables. docs/dashboards.md lists what differs from the seed's dashboard and which panels are new.

/** p-th percentile of request latency over the selected pods. */
const latencyQuantile = (phi: number) =>
  histogramQuantile(phi, sum(rate(scope(requestDuration.bucket), rateInterval), { by: ['le'] }));
const rateOf = (c: typeof requests | typeof healingActions | typeof healingSucceeded) => sum(rate(scope(c), rateInterval));

export const overview = dashboard({
  uid: 'platform-overview',
  title: 'Self-Healing Platform Overview',
  tags: ['self-healing-platform', 'stackc'],
  refresh: '30s',
  panels: [
    panel.gauge(healthScore, { title: 'System Health Score' }),
    panel.timeseries(cpu, { title: 'CPU Usage', width: 9, queries: [scope(cpu), { expr: avg(scope(cpu)), legend: 'Average' }] }),
    panel.timeseries(memory, { title: 'Memory Usage', width: 9, queries: [scope(memory), { expr: avg(scope(memory)), legend: 'Average' }] }),
    panel.timeseries(responseTime, {
      title: 'Response Time',
      queries: [
        { expr: latencyQuantile(0.95), legend: 'p95' },
        { expr: latencyQuantile(0.99), legend: 'p99' },
        { expr: avg(scope(responseTime)), legend: 'Average' },
      ],
    }),
    panel.timeseries(errorRate, { title: 'Error Rate', queries: [scope(errorRate), { expr: avg(scope(errorRate)), legend: 'Average' }] }),
    panel.stat(anomalies, {
      title: 'Anomalies Detected (1h)', unit: 'none', thresholds: [5, 10],
      queries: [{ expr: sum(increase(scope(anomalies), '1h')), legend: 'Last hour' }],
    }),
    panel.stat(healingActions, {
      title: 'Healing Actions (1h)', unit: 'none', thresholds: [10, 20],
      queries: [{ expr: sum(increase(scope(healingActions), '1h')), legend: 'Last hour' }],
    }),
    panel.gauge(healingSuccessRate, {
      title: 'Healing Success Rate', height: 4,
      thresholds: { warning: { below: 0.95 }, critical: { below: 0.8 } },
      queries: [{ expr: promql`${rateOf(healingSucceeded)} / ${rateOf(healingActions)}`, legend: 'Success rate' }],
    }),
    panel.gauge(modelAccuracy, { title: 'ML Model Accuracy', height: 4 }),
    panel.timeseries({
      title: 'Active Pods',
      description: 'Running pods of the selected namespaces, and the replicas their deployments ask for',
      unit: 'none',
      queries: [
        { expr: sum(ksm.kube_pod_status_phase.where({ namespace: $namespace, phase: 'Running' })), legend: 'Running pods' },
        { expr: sum(ksm.kube_deployment_spec_replicas.where({ namespace: $namespace }), { by: ['deployment'] }), legend: 'Desired: {{deployment}}' },
      ],
    }),
    panel.timeseries(requests, {
      title: 'Request Rate', unit: 'requests/s',
      queries: [
        { expr: sum(rate(scope(requests), rateInterval), { by: ['pod'] }), legend: '{{pod}}' },
        { expr: rateOf(requests), legend: 'Total' },
      ],
    }),
  ],
  rows: [
    row('Requests', [
      panel.heatmap(requestDuration, { title: 'Request Latency' }),
      panel.timeseries(requests, {
        title: '5xx Ratio by Route', unit: 'ratio',
        queries: [promql`${sum(rate(scope(requests).where({ status: /5../ }), rateInterval), { by: ['route'] })} / ${sum(rate(scope(requests), rateInterval), { by: ['route'] })}`],
      }),
    ]),
    row('Alerts', [
      panel.stat({
        title: 'Firing Alerts', unit: 'none', thresholds: [1],
        description: 'Alerts of this Prometheus in state firing',
        queries: [{ expr: promql`${sum(alertStates.where({ alertstate: 'firing' }))} or vector(0)`, legend: 'firing' }],
      }),
      panel.table({
        title: 'Alert State', width: 18,
        description: 'Every pending or firing alert, with its severity',
        queries: [{ expr: sum(alertStates, { by: ['alertname', 'alertstate', 'severity'] }), instant: true }],
      }),
    ]),
    row('Objectives', [
      apiAvailability.panels.budget, apiLatency.panels.budget, healingSuccess.panels.budget,
      apiAvailability.panels.burnRate, apiLatency.panels.burnRate, healingSuccess.panels.burnRate,
    ]),
    row('Self-healing and ML', [
      panel.timeseries(healingRunning, { title: 'Running Healing Action Age' }),
      panel.heatmap(healingDuration, { title: 'Healing Action Duration' }),
      panel.gauge(falsePositives, { title: 'ML False Positive Ratio' }),
      panel.stat(uptime, { title: 'System Uptime' }),
      panel.bargauge(healingSuccessRate, { title: 'Healing Success Rate by Action' }),
    ]),
  ],
});
// --- who hears about alerts (credentials live in Secrets; docs/deploy.md has the commands) ----------------

const team = receiver('platform-team', [
  slack({ channel: '#platform-alerts', apiUrl: secretKey('alertmanager-slack', 'api-url') }),
  // the orchestrator reacts to alerts: the self-healing loop
  webhook({ url: 'http://self-healing-platform.self-healing-platform.svc:8000/api/v1/alerts', bearerToken: secretKey('alertmanager-webhook', 'token') }),
]);
const onCall = receiver('on-call', [
  pagerDuty({ routingKey: secretKey('alertmanager-pagerduty', 'routing-key') }),
  slack({ channel: '#platform-alerts', apiUrl: secretKey('alertmanager-slack', 'api-url') }),
]);

export default stack('platform', {
  namespace: 'self-healing-platform',
  app: 'self-healing-platform',
  // the seed's service is Python (prometheus_client); the Go and TypeScript registries serve examples/ and the tests
  registries: ['typescript', 'python', 'go'],
  scrape: {
    interval: '15s',
    evaluationInterval: '15s',
    externalLabels: { cluster: 'self-healing-platform', environment: 'production' },
  },
  metrics: [
    requests, requestDuration, anomalies, healingActions, healingSucceeded, healingFailed, healingDuration,
    healingRunning, cpu, memory, responseTime, errorRate, healthScore, activeAlerts, modelAccuracy,
    falsePositives, uptime,
  ],
  catalogs: [ksm, kubelet],
  groups: [
    platformHealth, mlModel, selfHealing, kubernetes, systemHealth,
    ruleGroup('platform_aggregations', { interval: '30s', rules: recordings }),
  ],
  slos: [apiAvailability, apiLatency, healingSuccess],
  dashboards: [overview],
  alerting: alerting({ routes: { critical: onCall, warning: team, info: team } }),
  deploy: deploy({ storageClass: 'standard' }),
});
