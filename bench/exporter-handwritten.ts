// The baseline for bench/exporter.bench.ts: the platform's metrics written by hand with plain prom-client,
// the way the seed's exporter does it. Kept in step with stacks/platform.ts by the bench itself, which
// fails when the two registries do not expose the same metric names.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export function handwrittenRegistry() {
  const registry = new Registry();
  const registers = [registry];
  const requestsTotal = new Counter({ name: 'requests_total', help: 'Total number of HTTP requests', labelNames: ['method', 'route', 'status'], registers });
  new Histogram({ name: 'request_duration_seconds', help: 'HTTP request duration, by route template', labelNames: ['route'], buckets: [0.05, 0.1, 0.2, 0.5, 1, 2, 5], registers });
  new Counter({ name: 'anomalies_detected_total', help: 'Total number of anomalies detected', labelNames: ['anomaly_type', 'severity'], registers });
  new Counter({ name: 'healing_actions_total', help: 'Total number of healing actions', labelNames: ['action_type', 'status'], registers });
  new Counter({ name: 'healing_actions_succeeded_total', help: 'Total number of successful healing actions', labelNames: ['action_type'], registers });
  new Counter({ name: 'healing_actions_failed_total', help: 'Total number of failed healing actions', labelNames: ['action_type'], registers });
  new Histogram({ name: 'healing_action_duration_seconds', help: 'Duration of finished healing actions', labelNames: ['action_type'], buckets: [1, 5, 10, 30, 60, 120, 300], registers });
  new Gauge({ name: 'healing_action_running_seconds', help: 'Age of the oldest healing action still running, 0 when none is', labelNames: ['action_type'], registers });
  const gauges = [
    ['cpu_usage_percent', 'Current CPU usage percentage'], ['memory_usage_percent', 'Current memory usage percentage'],
    ['response_time_seconds', 'Current response time'], ['error_rate_percent', 'Current error rate percentage'],
    ['system_health_score', 'Overall system health score (0-100)'], ['active_alerts', 'Number of active alerts'],
    ['ml_model_accuracy_ratio', 'ML model accuracy (0-1)'], ['ml_false_positive_ratio', 'ML model false positive rate (0-1)'],
    ['system_uptime_seconds', 'System uptime in seconds'],
  ] as const;
  for (const [name, help] of gauges) new Gauge({ name, help, registers });
  // the generated registry also exposes the exporter's two self-metrics: the same families here keep the comparison
  // about the code path, not about two extra HELP/TYPE blocks
  new Counter({ name: 'stackc_exporter_cardinality_dropped_total', help: 'Updates dropped because the metric already holds its cardinality limit of label sets', labelNames: ['metric'], registers });
  new Counter({ name: 'stackc_exporter_collector_errors_total', help: 'Errors thrown by a collector run before a scrape; the scrape still answers', labelNames: ['collector'], registers });
  return { registry, requestsTotal };
}
