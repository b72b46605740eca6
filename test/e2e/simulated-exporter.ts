// The platform's exporter with its simulation, wired as exporter/main.ts wires it, but in the test's process so
// the test decides when the critical phase ends: alerts with `for: 1m` fire at a time that depends on where
// Prometheus's scrape and evaluation ticks fall, and a fixed schedule would have to wait for the worst case.
import { createPlatformExporter } from '../../exporter/platform.ts';
import { parseSchedule, type Phase } from '../../exporter/schedule.ts';
import { startSimulation, type Simulation } from '../../exporter/simulate.ts';

export interface SimulatedExporter {
  /** host:port, for the local profile's exporterTargets. */
  readonly target: string;
  /** Ends the current phase and holds `phase` until the next call. */
  enter(phase: Phase): Promise<void>;
  close(): Promise<void>;
}

export async function startSimulatedExporter(first: Phase): Promise<SimulatedExporter> {
  const { stack, exporter } = createPlatformExporter();
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
