// `npm run exporter -- [--simulate] [--port N] [--host H] [--schedule …] [--repeat]`: serves the platform stack's
// exporter. The only process.exit of the runtime. stdout carries one line, `listening on <url>`; logs go to stderr.
import { parseArgs } from 'node:util';
import { scrape } from '../out/platform/exporter/registry.gen.ts';
import { createPlatformExporter } from './platform.ts';
import { defaultSchedule, parseSchedule } from './schedule.ts';
import { startSimulation, type Simulation } from './simulate.ts';

const usage = `Usage: npm run exporter -- [options]

Serves the platform stack's metrics on /metrics, with /healthz and /readyz.

Options:
  --port N         port to listen on; 0 picks a free one (default: ${scrape.port}, the stack's scrape port)
  --host H         address to bind (default: 127.0.0.1; 0.0.0.0 to be scraped from elsewhere)
  --simulate       run a synthetic workload through normal, warning and critical phases
  --schedule S     the phases, e.g. normal:10s,critical:100s,normal:60s (default: ${defaultSchedule})
  --repeat         start the schedule over after its last phase (default: the last phase goes on)
  -h, --help       show this help

Prints "listening on http://HOST:PORT" on stdout once serving. SIGTERM or SIGINT shut it down cleanly.`;

async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' }, host: { type: 'string' }, simulate: { type: 'boolean' },
        schedule: { type: 'string' }, repeat: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values } = args;
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const port = Number(values.port ?? scrape.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be an integer from 0 to 65535, got ${values.port}`);
    return 2;
  }
  let schedule;
  try {
    schedule = parseSchedule(values.schedule ?? defaultSchedule);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }

  const { stack, exporter } = createPlatformExporter();
  const { url } = await exporter.listen(port, values.host ?? '127.0.0.1');
  console.log(`listening on ${url}`);

  let simulation: Simulation | undefined;
  if (values.simulate) {
    simulation = await startSimulation({
      stack,
      tracker: exporter.requests!,
      schedule,
      repeat: values.repeat ?? false,
      onPhase: (step, index) => console.error(`simulation: phase ${index + 1}/${schedule.length} ${step.phase} for ${step.seconds}s`),
    });
  }

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  console.error(`${signal}: shutting down`);
  await simulation?.stop();
  await exporter.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
