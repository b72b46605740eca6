// `npm run exporter -- [stack] [--simulate] [--port N] [--host H] [--schedule …] [--repeat] [--stacks DIR]`:
// serves any stack's exporter, its registry built from the stack's model at start. The only process.exit of the
// runtime. stdout carries one line, `listening on <url>`; logs go to stderr.
import { commandArgs } from '../compiler/command-args.ts';
import { defaultStacksDir, selectStack, StackError, UsageError } from '../scripts/local/stacks.ts';
import { defaultSchedule, parseSchedule } from './schedule.ts';
import { startStackExporter } from './stack-exporter.ts';

const usage = `Usage: stackc exporter [stack] [options]

Serves the stack's metrics on its metrics path (default /metrics), with /healthz and /readyz. The stack is one
exported by a file in the stacks folder, by name; it may be left out when that folder holds a single stack.

Options:
  --port N         port to listen on; 0 picks a free one (default: the stack's scrape port)
  --host H         address to bind (default: 127.0.0.1; 0.0.0.0 to be scraped from elsewhere)
  --simulate       run a synthetic workload through normal, warning and critical phases
  --schedule S     the phases, e.g. normal:10s,critical:100s,normal:60s (default: ${defaultSchedule})
  --repeat         start the schedule over after its last phase (default: the last phase goes on)
  --stacks DIR     where stack files are (default: ${defaultStacksDir})
  -h, --help       show this help

Prints "listening on http://HOST:PORT" on stdout once serving. SIGTERM or SIGINT shut it down cleanly.`;

export async function main(argv: readonly string[]): Promise<number> {
  const args = commandArgs(argv, {
    port: { type: 'string' }, host: { type: 'string' }, simulate: { type: 'boolean' }, stacks: { type: 'string' },
    schedule: { type: 'string' }, repeat: { type: 'boolean' },
  }, usage);
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length > 1) {
    console.error(`one stack at a time, got ${positionals.join(', ')}\n\n${usage}`);
    return 2;
  }
  let schedule;
  try {
    schedule = parseSchedule(values.schedule ?? defaultSchedule);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  let compiled;
  try {
    compiled = await selectStack(positionals[0], values.stacks);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${usage}`);
      return 2;
    }
    if (e instanceof StackError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
  const { stack } = compiled;
  const port = Number(values.port ?? stack.scrape.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be an integer from 0 to 65535, got ${values.port}`);
    return 2;
  }

  const running = await startStackExporter(stack, {
    port,
    host: values.host ?? '127.0.0.1',
    ...(values.simulate ? {
      simulate: {
        schedule,
        repeat: values.repeat ?? false,
        onPhase: (step, index) => console.error(`simulation: phase ${index + 1}/${schedule.length} ${step.phase} for ${step.seconds}s`),
      },
    } : {}),
  });
  console.log(`listening on ${running.url}`);
  console.error(`stack ${stack.name}: ${stack.metrics.length} metrics on ${running.url}${stack.scrape.metricsPath}`);

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  console.error(`${signal}: shutting down`);
  await running.close();
  return 0;
}

