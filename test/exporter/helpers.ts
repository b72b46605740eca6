// Shared by the exporter tests: a strict reader of the Prometheus text format, promtool as the judge, and the
// shop fixture's generated registry (test/fixtures/shop.ts → test/types/shop/registry.gen.ts) served on a free
// loopback port at the stack's own metrics path.
import { spawnSync } from 'node:child_process';
import { createExporter, type Exporter, type ExporterOptions } from '../../exporter/server.ts';
import type { MetricSpec } from '../../exporter/spec.ts';
import { requireTool } from '../helpers/stack.ts';
import { createMetrics, scrape as shopScrape } from '../types/shop/registry.gen.ts';

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: string;
}
export interface Family {
  readonly name: string;
  help?: string;
  type?: string;
  readonly samples: Sample[];
}

const nameRe = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const valueRe = /^(?:[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|[-+]?Inf|NaN)$/;

function unescapeLabel(raw: string): string {
  return raw.replace(/\\(.)/g, (_, c: string) => {
    if (c === 'n') return '\n';
    if (c === '\\' || c === '"') return c;
    throw new Error(`invalid escape \\${c}`);
  });
}

/** Parses one text-format exposition; throws on any line that is not HELP, TYPE, a sample or empty. */
export function parseExposition(text: string): Map<string, Family> {
  if (!text.endsWith('\n')) throw new Error('exposition does not end with a newline');
  const families = new Map<string, Family>();
  const family = (name: string) => families.get(name) ?? families.set(name, { name, samples: [] }).get(name)!;
  let current: Family | undefined;
  for (const [i, line] of text.slice(0, -1).split('\n').entries()) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      current = family(meta[2]!);
      if (meta[1] === 'HELP') current.help = meta[3]!.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
      else current.type = meta[3];
      continue;
    }
    const name = nameRe.exec(line)?.[0];
    if (!name) throw new Error(`line ${i + 1} is malformed: ${line}`);
    let rest = line.slice(name.length);
    const labels: Record<string, string> = {};
    if (rest.startsWith('{')) {
      const m = /^\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*)\}/.exec(rest);
      if (!m) throw new Error(`line ${i + 1} has malformed labels: ${line}`);
      for (const [, k, v] of m[1]!.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\.)*)"/g)) labels[k!] = unescapeLabel(v!);
      rest = rest.slice(m[0].length);
    }
    const value = rest.startsWith(' ') ? rest.slice(1) : undefined;
    if (value === undefined || !valueRe.test(value)) throw new Error(`line ${i + 1} has a malformed value: ${line}`);
    const owner = current && (name === current.name || name.startsWith(`${current.name}_`)) ? current : family(name);
    owner.samples.push({ name, labels, value });
  }
  return families;
}

/** promtool's verdict on an exposition: exit code and what it printed. */
export function promtoolCheckMetrics(exposition: string): { status: number | null; output: string } {
  const promtool = requireTool('promtool', 'prometheus');
  const r = spawnSync(promtool, ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

export type ShopStack = ReturnType<typeof createMetrics>;

/** Route templates of the shop's storefront, as its app would declare them to the request middleware. */
export const shopRoutes = ['/api/orders/:id', '/api/search'] as const;

/** The shop's generated registry served on a free loopback port, tracking requests with its two request metrics. */
export async function startShopExporter(
  extra: Partial<Omit<ExporterOptions<ShopStack['metrics']>, 'stack' | 'requests' | 'metricsPath'>> = {},
): Promise<{ stack: ShopStack; exporter: Exporter; url: string }> {
  const stack = createMetrics();
  const m = stack.metrics;
  const exporter = createExporter({
    stack,
    metricsPath: shopScrape.metricsPath,
    requests: { counter: m.httpRequestsTotal, duration: m.httpRequestDurationSeconds, routes: shopRoutes },
    ...extra,
  });
  const { url } = await exporter.listen(0, '127.0.0.1');
  return { stack, exporter, url };
}

/** GETs an exporter's metrics; `path` is the exporter's metrics path. */
export async function scrape(url: string, accept?: string, path = '/metrics'): Promise<{ contentType: string; body: string }> {
  const res = await fetch(`${url}${path}`, accept ? { headers: { accept } } : {});
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  return { contentType: res.headers.get('content-type') ?? '', body: await res.text() };
}

/** GETs the shop exporter's metrics, at the stack's own metrics path. */
export function scrapeShop(url: string, accept?: string): Promise<{ contentType: string; body: string }> {
  return scrape(url, accept, shopScrape.metricsPath);
}

/** A health score gauge as a stack would declare one (a range, `below` warning and critical thresholds): the shop
 *  declares none, so the health score tests add this one. Its points are 100, 65 and 20. */
export const healthScoreSpec: MetricSpec<never> = {
  kind: 'gauge', name: 'test_health_score', help: 'Health of the test stack', labels: [], unit: 'none', range: [0, 100],
  thresholds: [
    { severity: 'warning', direction: 'below', value: 90, for: '5m' },
    { severity: 'critical', direction: 'below', value: 40, for: '5m' },
  ],
  cardinalityLimit: 1,
};
