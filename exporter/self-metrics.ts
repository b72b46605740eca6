// The exporter's own metrics. They are the only series besides the stack's, all prefixed `stackc_exporter_`,
// and listed in docs/exporter.md. prom-client's default process metrics are deliberately not registered: the
// stack does not declare them, and an uptime gauge of the stack's own covers restarts.
import { Counter, type Registry } from 'prom-client';

export const selfMetricPrefix = 'stackc_exporter_';

/** Every self-metric: name, type and label names, for the docs and the scrape-versus-model test. */
export const selfMetricSpecs = [
  {
    name: 'stackc_exporter_cardinality_dropped_total',
    type: 'counter',
    help: 'Updates dropped because the metric already holds its cardinality limit of label sets',
    labels: ['metric'],
  },
  {
    name: 'stackc_exporter_undeclared_values_dropped_total',
    type: 'counter',
    help: 'Updates dropped because a label value is not one the stack declares for that label',
    labels: ['metric'],
  },
  {
    name: 'stackc_exporter_collector_errors_total',
    type: 'counter',
    help: 'Errors thrown by a collector run before a scrape; the scrape still answers',
    labels: ['collector'],
  },
] as const;

export interface SelfMetrics {
  readonly cardinalityDropped: Counter<'metric'>;
  readonly undeclaredDropped: Counter<'metric'>;
  readonly collectorErrors: Counter<'collector'>;
}

export function createSelfMetrics(registry: Registry): SelfMetrics {
  const [dropped, undeclared, errors] = selfMetricSpecs;
  return {
    cardinalityDropped: new Counter({ name: dropped.name, help: dropped.help, labelNames: dropped.labels, registers: [registry] }),
    undeclaredDropped: new Counter({ name: undeclared.name, help: undeclared.help, labelNames: undeclared.labels, registers: [registry] }),
    collectorErrors: new Counter({ name: errors.name, help: errors.help, labelNames: errors.labels, registers: [registry] }),
  };
}
