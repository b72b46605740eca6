// Any stack's exporter, built at run time from its model: its registry (createStackMetrics) served by the
// runtime (createExporter), and optionally the simulated workload. `npm run exporter`, `npm run up` (through the
// exporter CLI) and the live judge (in process) all start it here.
import type { Stack } from '../compiler/model.ts';
import { createStackMetrics, type DynamicMetrics } from './create.ts';
import { labelValueHints, specsOf } from './from-model.ts';
import type { PhaseStep } from './schedule.ts';
import { createExporter, type Exporter } from './server.ts';
import { startSimulation, type Simulation } from './simulate.ts';
import type { StackMetrics } from './stack-metrics.ts';

export interface StackExporterOptions {
  readonly port: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Runs the simulated workload with this schedule. */
  readonly simulate?: {
    readonly schedule: readonly PhaseStep[];
    readonly repeat?: boolean;
    readonly onPhase?: (step: PhaseStep, index: number) => void;
    readonly random?: () => number;
  };
}

export interface StackExporter {
  readonly url: string;
  /** host:port, as a scrape target. */
  readonly target: string;
  readonly metrics: StackMetrics<DynamicMetrics>;
  readonly exporter: Exporter;
  readonly simulation: Simulation | undefined;
  close(): Promise<void>;
}

/** Serves the stack's metrics at its metrics path; the simulation, when asked, has set every series before the server listens. */
export async function startStackExporter(stack: Stack, options: StackExporterOptions): Promise<StackExporter> {
  const metrics = createStackMetrics(stack.name, specsOf(stack));
  const exporter = createExporter({ stack: metrics, metricsPath: stack.scrape.metricsPath });
  const simulation = options.simulate
    ? await startSimulation({ stack: metrics, labelValues: labelValueHints(stack), ...options.simulate })
    : undefined;
  try {
    const { url } = await exporter.listen(options.port, options.host ?? '127.0.0.1');
    return {
      url, target: new URL(url).host, metrics, exporter, simulation,
      async close() {
        await simulation?.stop();
        await exporter.close();
      },
    };
  } catch (e) {
    await simulation?.stop();
    throw e;
  }
}
