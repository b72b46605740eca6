// createExporter: serves a stack's registry on /metrics (Prometheus text, or OpenMetrics when the scraper asks
// for it), /healthz and /readyz; runs collectors before each scrape; tracks requests when told which metrics to use.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry, type Metric, type OpenMetricsContentType } from 'prom-client';
import { healthInputs, healthPoints, healthScore } from './health.ts';
import { requestTracker, type RequestTracker, type RequestTracking } from './middleware.ts';
import type { StackMetrics } from './stack-metrics.ts';
import type { MetricHandle, PlainGauge } from './typed.ts';

/** Runs before each scrape; a throw is logged and counted, and the scrape still answers. */
export type Collector = () => void | Promise<void>;

export interface ExporterOptions<M extends { readonly [name: string]: MetricHandle }> {
  /** The generated registry: `createMetrics()` from out/<stack>/exporter/registry.gen.ts. */
  readonly stack: StackMetrics<M>;
  /** Which metrics count requests and their latency; without it `requests` is undefined. */
  readonly requests?: RequestTracking;
  /** The gauge to set to the health score (see exporter/health.ts) before each scrape. */
  readonly healthScore?: PlainGauge;
  /** The gauge to set to the seconds since createExporter() before each scrape. */
  readonly uptime?: PlainGauge;
  /** More collectors by name; the name is the `collector` label of the error self-metric. */
  readonly collectors?: Readonly<Record<string, Collector>>;
  /** Answer `Accept: application/openmetrics-text` with OpenMetrics. @default true */
  readonly openMetrics?: boolean;
  /** @default '/metrics' */
  readonly metricsPath?: string;
  /** Where collector errors go. @default console.error */
  readonly log?: (message: string) => void;
}

export interface Exposition {
  readonly contentType: string;
  readonly body: string;
}

export interface Exporter {
  /** Request tracking, when `requests` was given. */
  readonly requests: RequestTracker | undefined;
  /** Answers /metrics, /healthz and /readyz; 404 otherwise. Mount it in your own server, or call listen(). */
  readonly handler: RequestListener;
  /** Runs the collectors and renders the registry. Renders are serialised (see renderNow). */
  render(accept?: string): Promise<Exposition>;
  /** Starts an HTTP server; port 0 picks a free one. Resolves with the bound address. */
  listen(port: number, host?: string): Promise<{ readonly url: string; readonly port: number }>;
  /** Stops accepting scrapes (/readyz turns 503 at once) and resolves when the server has closed. */
  close(): Promise<void>;
}

/** True when the Accept header lists OpenMetrics with a non-zero weight (Prometheus puts it first). */
export function wantsOpenMetrics(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((range) => {
    const [type, ...params] = range.split(';').map((s) => s.trim());
    if (type !== 'application/openmetrics-text') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

export function createExporter<M extends { readonly [name: string]: MetricHandle }>(options: ExporterOptions<M>): Exporter {
  const { stack, log = (m: string) => console.error(m) } = options;
  const startedAt = performance.now();
  const collectors: [string, Collector][] = [];
  if (options.uptime) {
    const uptime = options.uptime;
    collectors.push(['uptime', () => uptime.set((performance.now() - startedAt) / 1000)]);
  }
  if (options.healthScore) {
    const score = options.healthScore;
    const points = healthPoints(score.spec);
    const inputs = healthInputs(score, Object.values(stack.metrics));
    collectors.push(['health_score', async () => score.set(await healthScore(inputs, points))]);
  }
  collectors.push(...Object.entries(options.collectors ?? {}));

  async function collect(): Promise<void> {
    for (const [name, run] of collectors) {
      try {
        await run();
      } catch (error) {
        stack.self.collectorErrors.inc({ collector: name });
        log(`stackc exporter: collector ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  }

  let openMetricsRegistry: Registry<OpenMetricsContentType> | undefined;
  // prom-client's OpenMetrics render renames each counter in place (http_requests_total → http_requests) and never renames
  // it back, which would break every later text-format scrape (prometheus/client_js#829). So OpenMetrics renders
  // go through a second registry holding the same metrics and restore the names, and no two renders overlap.
  async function renderNow(openMetrics: boolean): Promise<Exposition> {
    await collect();
    if (!openMetrics) return { contentType: stack.registry.contentType, body: await stack.registry.metrics() };
    // prom-client's typings call these MetricObject; at run time they are the Metric instances themselves.
    const metrics = stack.registry.getMetricsAsArray() as unknown as Metric<string>[];
    if (!openMetricsRegistry) {
      openMetricsRegistry = new Registry<OpenMetricsContentType>();
      openMetricsRegistry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
      for (const metric of metrics) openMetricsRegistry.registerMetric(metric);
    }
    const names = metrics.map((m) => [m, (m as unknown as { name: string }).name] as const);
    try {
      return { contentType: openMetricsRegistry.contentType, body: await openMetricsRegistry.metrics() };
    } finally {
      for (const [metric, name] of names) (metric as unknown as { name: string }).name = name;
    }
  }

  let queue: Promise<unknown> = Promise.resolve();
  const render = (accept?: string): Promise<Exposition> => {
    const job = queue.then(() => renderNow(options.openMetrics !== false && wantsOpenMetrics(accept)));
    queue = job.catch(() => undefined);
    return job;
  };

  let server: Server | undefined;
  let ready = false;
  const metricsPath = options.metricsPath ?? '/metrics';

  const send = (res: ServerResponse, status: number, contentType: string, body: string, head: boolean) => {
    res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
    res.end(head ? undefined : body);
  };
  const text = 'text/plain; charset=utf-8';

  const handler: RequestListener = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) return send(res, 405, text, 'method not allowed\n', false);
    if (path === '/healthz') return send(res, 200, text, 'ok\n', head);
    if (path === '/readyz') return ready ? send(res, 200, text, 'ready\n', head) : send(res, 503, text, 'not ready\n', head);
    if (path !== metricsPath) return send(res, 404, text, `not found; metrics are at ${metricsPath}\n`, head);
    render(req.headers.accept).then(
      (exposition) => send(res, 200, exposition.contentType, exposition.body, head),
      (error: unknown) => {
        log(`stackc exporter: rendering ${metricsPath} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        send(res, 500, text, 'rendering metrics failed; see the exporter log\n', head);
      },
    );
  };

  return {
    requests: options.requests ? requestTracker(options.requests) : undefined,
    handler,
    render,
    listen(port, host = '127.0.0.1') {
      if (server) return Promise.reject(new Error('this exporter is already listening'));
      const s = createServer(handler);
      server = s;
      return new Promise((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, host, () => {
          s.off('error', reject);
          ready = true;
          const address = s.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ url: `http://${shownHost}:${address.port}`, port: address.port });
        });
      });
    },
    close() {
      ready = false;
      const s = server;
      if (!s) return Promise.resolve();
      return new Promise((resolve, reject) => {
        s.close((error) => (error ? reject(error) : resolve()));
        s.closeIdleConnections();
      });
    },
  };
}
