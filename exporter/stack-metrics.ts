// The shape of a generated registry (out/<stack>/exporter/registry.gen.ts → createMetrics()).
import type { Registry } from 'prom-client';
import type { SelfMetrics } from './self-metrics.ts';
import type { MetricHandle } from './typed.ts';

/** One stack's metrics in their own registry, with the exporter's self-metrics beside them. */
export interface StackMetrics<M extends { readonly [name: string]: MetricHandle }> {
  /** The stack's name, e.g. `shop`. */
  readonly stack: string;
  readonly registry: Registry;
  readonly self: SelfMetrics;
  /** Typed wrappers by camelCase metric name, e.g. `metrics.httpRequestsTotal`. */
  readonly metrics: M;
}
