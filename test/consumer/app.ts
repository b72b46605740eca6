// The two programs a team writes against the generated registry, as text for the consumer test's scratch project:
// a plain-JavaScript Node app (no TypeScript loader) and a TypeScript file that only has to type-check.

/** Route templates the app serves; requests to them go through the middleware. */
export const appRoutes = ['/', '/orders/:id'] as const;

/**
 * app.mjs: serves the app's routes through the middleware and /metrics through the exporter, on a free port.
 * It is generic over `specs`: the middleware's two metrics are found by their shape, every other metric gets one
 * value, so it runs unchanged whatever the scaffold declares. Its first line, JSON, says it is ready: its URL, its
 * execArgv and the metrics of `specs` (AppReady in test/consumer/run-app.ts).
 */
export function appSource(stack: string): string {
  return `// A team's app: plain JavaScript, run with \`node app.mjs\`. The registry comes from out/, the runtime from stackc.
import { createServer } from 'node:http';
import { createExporter } from 'stackc/exporter';
import { createMetrics, scrape, specs } from './out/${stack}/exporter/registry.gen.js';

const stack = createMetrics();
const entries = Object.entries(specs);
const sameLabels = (spec, labels) => [...spec.labels].sort().join() === [...labels].sort().join();
const keyOf = (kind, labels) => entries.find(([, spec]) => spec.kind === kind && sameLabels(spec, labels))?.[0];
const counterKey = keyOf('counter', ['method', 'route', 'status']);
const durationKey = keyOf('histogram', ['route']);
if (counterKey === undefined || durationKey === undefined) throw new Error('the stack declares no request counter {method, route, status} and latency histogram {route}');

const exporter = createExporter({
  stack,
  requests: { counter: stack.metrics[counterKey], duration: stack.metrics[durationKey], routes: ${JSON.stringify(appRoutes)} },
});

// every other metric the stack declares gets a value, so the scrape holds each one
for (const [key, spec] of entries) {
  if (key === counterKey || key === durationKey) continue;
  const handle = stack.metrics[key];
  const labels = Object.fromEntries(spec.labels.map((l) => [l, 'example']));
  const args = spec.labels.length ? [labels] : [];
  if (spec.kind === 'counter') handle.inc(...args, 1);
  else if (spec.kind === 'gauge') handle.set(...args, 1);
  else handle.observe(...args, 0.1);
}

const app = exporter.requests.track((req, res) => {
  res.writeHead(req.url === '/' || req.url.startsWith('/orders/') ? 200 : 404, { 'Content-Type': 'text/plain' });
  res.end('ok\\n');
});
const server = createServer((req, res) => ((req.url ?? '/').split('?')[0] === scrape.metricsPath ? exporter.handler(req, res) : app(req, res)));
server.listen(0, '127.0.0.1', () => {
  const metrics = entries.map(([key, spec]) => ({ key, kind: spec.kind, name: spec.name }));
  console.log(JSON.stringify({ url: \`http://127.0.0.1:\${server.address().port}\`, metricsPath: scrape.metricsPath, execArgv: process.execArgv, metrics }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;
}

/** The TypeScript consumer's names for the middleware's two metrics: their keys in `specs`. */
export interface TypedKeys {
  readonly counter: string;
  readonly duration: string;
}

/**
 * app-types.ts: type-checked (never run) next to copies of registry.gen.js and registry.gen.d.ts, against the
 * package's declarations. Each @ts-expect-error must be an error, so handles typed `any` would fail it too.
 */
export function typedAppSource({ counter, duration }: TypedKeys): string {
  return `import { createExporter } from 'stackc/exporter';
import { createMetrics, scrape, specs } from './registry.gen.js';

const stack = createMetrics();
stack.metrics.${counter}.inc({ method: 'GET', route: '/orders/:id', status: 200 });
stack.metrics.${duration}.observe({ route: '/orders/:id' }, 0.2);
// @ts-expect-error: "path" is not a label of the request counter
stack.metrics.${counter}.inc({ method: 'GET', path: '/orders/1', status: 200 });
// @ts-expect-error: every declared label is required
stack.metrics.${counter}.inc({ method: 'GET', route: '/' });
// @ts-expect-error: the metric keys are the stack's, nothing else
stack.metrics.notDeclared;

const exporter = createExporter({ stack, requests: { counter: stack.metrics.${counter}, duration: stack.metrics.${duration}, routes: ['/orders/:id'] } });
// @ts-expect-error: the latency histogram is not a request counter
createExporter({ stack, requests: { counter: stack.metrics.${duration}, duration: stack.metrics.${duration}, routes: [] } });

export const port: number = scrape.port;
export const kind: 'counter' = specs.${counter}.kind;
export const listening: Promise<{ readonly url: string; readonly port: number }> = exporter.listen(0);
`;
}

/** How the TypeScript consumer is checked: strict, NodeNext, Node's types, and no skipLibCheck, so the package's
 *  declarations (and prom-client's) are checked too. */
export const typedAppTsconfig = `${JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: ['node'] },
  files: ['app-types.ts'],
}, null, 2)}\n`;
