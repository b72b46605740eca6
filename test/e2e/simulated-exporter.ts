// The platform's exporter with its simulation, wired as exporter/main.ts wires it, but in the test's process so
// the test decides when the critical phase ends: alerts with `for: 1m` fire at a time that depends on where
// Prometheus's scrape and evaluation ticks fall, and a fixed schedule would have to wait for the worst case.
import { createMetrics, scrape } from '../../out/platform/exporter/registry.gen.ts';
import { createExporter } from '../../exporter/server.ts';
import { parseSchedule, type Phase } from '../../exporter/schedule.ts';
import { simulatedRoutes, startSimulation, type Simulation } from '../../exporter/simulate.ts';

export interface SimulatedExporter {
  /** host:port, for the local profile's exporterTargets. */
  readonly target: string;
  /** Ends the current phase and holds `phase` until the next call. */
  enter(phase: Phase): Promise<void>;
  close(): Promise<void>;
}

export async function startSimulatedExporter(first: Phase): Promise<SimulatedExporter> {
  const stack = createMetrics();
  const m = stack.metrics;
  const exporter = createExporter({
    stack,
    metricsPath: scrape.metricsPath,
    healthScore: m.systemHealthScore,
    uptime: m.systemUptimeSeconds,
    requests: { counter: m.requestsTotal, duration: m.requestDurationSeconds, routes: simulatedRoutes },
  });
  const { url } = await exporter.listen(0, '127.0.0.1');
  const hold = (phase: Phase) => startSimulation({ stack, tracker: exporter.requests!, schedule: parseSchedule(`${phase}:1h`) });
  let simulation: Simulation = await hold(first);
  return {
    target: new URL(url).host,
    async enter(phase) {
      await simulation.stop();
      simulation = await hold(phase);
    },
    async close() {
      await simulation.stop();
      await exporter.close();
    },
  };
}
