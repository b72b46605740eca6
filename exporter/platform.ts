// The platform stack's exporter, wired once: the demo (`npm run exporter`), `npm run up` and the tests all use this.
import { createMetrics, scrape } from '../out/platform/exporter/registry.gen.ts';
import { createExporter, type ExporterOptions } from './server.ts';
import { simulatedRoutes } from './simulate.ts';

export type PlatformStack = ReturnType<typeof createMetrics>;

/**
 * A fresh registry of the platform's metrics and its exporter: health score, uptime, and request tracking of the
 * simulated app's route templates into `requests_total` and `request_duration_seconds`.
 * @example const { stack, exporter } = createPlatformExporter(); await exporter.listen(9464, '127.0.0.1');
 */
export function createPlatformExporter(
  options: Partial<Omit<ExporterOptions<PlatformStack['metrics']>, 'stack' | 'requests'>> & {
    /** Route templates the middleware knows; other paths count as `unmatched`. @default the simulated app's */
    readonly routes?: readonly string[];
  } = {},
) {
  const stack = createMetrics();
  const m = stack.metrics;
  const { routes = simulatedRoutes, ...rest } = options;
  const exporter = createExporter({
    stack,
    metricsPath: scrape.metricsPath,
    healthScore: m.systemHealthScore,
    uptime: m.systemUptimeSeconds,
    requests: { counter: m.requestsTotal, duration: m.requestDurationSeconds, routes },
    ...rest,
  });
  return { stack, exporter };
}
