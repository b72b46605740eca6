// The exporter runtime's public surface. Generated registries (out/<stack>/exporter/registry.gen.ts) plug into it.
export { createExporter, wantsOpenMetrics, type Collector, type Exporter, type ExporterOptions, type Exposition } from './server.ts';
export {
  requestTracker, routeMatcher, unmatchedRoute, otherMethod, clientClosedStatus, standardMethods, requestMethods,
  type Middleware, type RequestCounter, type RequestMethod, type RequestTracker, type RequestTracking,
} from './middleware.ts';
export { healthPoints, healthScore, healthInputs, type HealthPoints } from './health.ts';
export { selfMetricSpecs, selfMetricPrefix, type SelfMetrics } from './self-metrics.ts';
export type { MetricSpec, ThresholdSpec } from './spec.ts';
export type { StackMetrics } from './stack-metrics.ts';
export { createStackMetrics, createTypedMetrics, type AnyMetric, type DynamicMetrics, type HandleOf, type TypedMetrics } from './create.ts';
export { startSimulation, simulatedLabelSets, type Simulation, type SimulationOptions } from './simulate.ts';
export * from './typed.ts';
