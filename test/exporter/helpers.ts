// Shared by the exporter tests: a strict reader of the Prometheus text format, promtool as the judge, and an
// exporter for the platform stack on a free loopback port.
import { spawnSync } from 'node:child_process';
import { createMetrics } from '../../out/platform/exporter/registry.gen.ts';
import { createExporter, type Exporter, type ExporterOptions } from '../../exporter/server.ts';
import { requireTool } from '../helpers/stack.ts';

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

export type PlatformStack = ReturnType<typeof createMetrics>;

/** The platform stack's generated registry served on a free loopback port, with health score, uptime and request tracking. */
export async function startPlatformExporter(
  extra: Partial<Omit<ExporterOptions<PlatformStack['metrics']>, 'stack' | 'requests'>> = {},
): Promise<{ stack: PlatformStack; exporter: Exporter; url: string }> {
  const stack = createMetrics();
  const m = stack.metrics;
  const exporter = createExporter({
    stack,
    healthScore: m.systemHealthScore,
    uptime: m.systemUptimeSeconds,
    requests: { counter: m.requestsTotal, duration: m.requestDurationSeconds, routes: ['/api/orders/:id', '/api/search'] },
    ...extra,
  });
  const { url } = await exporter.listen(0, '127.0.0.1');
  return { stack, exporter, url };
}

export async function scrape(url: string, accept?: string): Promise<{ contentType: string; body: string }> {
  const res = await fetch(`${url}/metrics`, accept ? { headers: { accept } } : {});
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  return { contentType: res.headers.get('content-type') ?? '', body: await res.text() };
}
