// `stackc up -- [stack]`: any stack on this machine. Compiles it, then starts its exporter with the simulated
// workload, Alertmanager and Prometheus on loopback with the compiled local profile, prints where to look (URLs
// probed on the engines it started), prints each notification Alertmanager sends, and stops everything on Ctrl-C.
// The only process.exit of scripts/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { prometheusLocalFile, ruleFileNames } from '../compiler/emit/prometheus-config.ts';
import { ports as defaultPorts } from '../compiler/emit/kubernetes/names.ts';
import { executableExpr, panelQueries } from '../compiler/dashboard-queries.ts';
import { parsePromQL, seriesNamesIn } from '../compiler/promql/ast.ts';
import type { Stack } from '../compiler/model.ts';
import { stackcArgs } from '../compiler/self.ts';
import { projectRoot as root } from '../dsl/source.ts';
import { defaultSchedule, parseSchedule } from '../exporter/schedule.ts';
import { findEngines } from './local/binaries.ts';
import { startEngines, type Engines } from './local/engines.ts';
import { portOrFree } from './local/ports.ts';
import { ProcessGroup, waitForHttp, type Running } from './local/processes.ts';
import { defaultStacksDir, selectStack, StackError, UsageError } from './local/stacks.ts';
import { prometheusPages, type PrometheusPage } from './local/pages.ts';
import { startWebhook, type Notification } from './local/webhook.ts';

/** Where the local profile's webhook listens when the port is free (Alertmanager's own default is 9093). */
const defaultWebhookPort = 9095;

const usage = `Usage: stackc up [stack] [options]

Compiles the stack (one exported by a file in the stacks folder, by name; it may be left out when that folder
holds a single stack), then runs on 127.0.0.1: the stack's exporter with a simulated workload,
Alertmanager and Prometheus with the compiled local profile (same rules, routes and inhibitions as the cluster),
and a webhook that prints every notification. Usual ports when free (9464, 9090, 9093, 9095), free ones otherwise.
Ctrl-C stops everything and removes the temporary folder (configs, data, logs).

Options:
  --schedule S   the simulation's phases, repeated (default: ${defaultSchedule})
  --stacks DIR   where stack files are (default: ${defaultStacksDir})
  --out DIR      where the compiled stack goes (default: out)
  -h, --help     show this help

Needs prometheus and prometheus-alertmanager: sudo apt-get install -y prometheus prometheus-alertmanager`;

/** One line per alert: receiver, state, name, severity, and the labels that tell its series apart. */
function describeNotification(stack: Stack, n: Notification): string {
  const common = new Set(['alertname', 'severity', 'namespace', 'job', 'instance', ...Object.keys(stack.scrape.externalLabels)]);
  return n.alerts.map((a) => {
    const where = Object.entries(a.labels).filter(([k]) => !common.has(k)).map(([k, v]) => `${k}=${v}`).join(' ');
    return `alertmanager → ${n.receiver}: ${a.status.toUpperCase()} ${a.labels.alertname} (${a.labels.severity}${where ? `, ${where}` : ''}) ${a.annotations.summary ?? ''}`;
  }).join('\n');
}

/** The first query of the dashboard's first few panels that can have data here, to paste into the graph page. */
function sampleQueries(stack: Stack): string[] {
  const clusterOnly = new Set(stack.externalMetrics.filter((e) => e.catalog !== 'prometheus').map((e) => e.name));
  const runsHere = (expr: string) => {
    const parsed = parsePromQL(expr);
    return parsed.ok && ![...seriesNamesIn(parsed.ast)].some((n) => clusterOnly.has(n));
  };
  return panelQueries(stack)
    .filter((q) => q.refId === 'A')
    .map((q) => ({ panel: q.panel, expr: executableExpr(q.expr) }))
    .filter((q) => runsHere(q.expr))
    .slice(0, 5)
    .map((q) => `      ${q.panel.padEnd(22)} ${q.expr}`);
}

function banner(stack: Stack, exporterUrl: string, engines: Engines, pages: Record<PrometheusPage, string>, webhookUrl: string, schedule: string, outDir: string, dir: string): string {
  return [
    '',
    `stackc: the ${stack.name} stack is up on this machine. Ctrl-C stops everything.`,
    '',
    `  Exporter       ${exporterUrl}${stack.scrape.metricsPath}`,
    `                 simulated workload, repeating: ${schedule}`,
    `  Prometheus     ${engines.prometheusUrl}`,
    `    targets      ${pages.targets}      the exporter is UP after the first scrape (${stack.scrape.interval})`,
    `    alerts       ${pages.alerts}      pending, then firing as the phases cross each threshold`,
    `    rules        ${pages.rules}      the compiled alert and recording rules`,
    `    graph        ${pages.graph}      try the dashboard's own queries:`,
    ...sampleQueries(stack),
    `  Alertmanager   ${engines.alertmanagerUrl}    grouped, routed by severity, inhibited; notifications print below`,
    `  Webhook        ${webhookUrl}`,
    `  Dashboards     ${join(outDir, stack.name, 'grafana', 'dashboards')}/ (import into a Grafana whose Prometheus data source is ${engines.prometheusUrl})`,
    `  Files          ${dir} (configs, data, logs; removed on exit)`,
    '',
  ].join('\n');
}

/** The compiled rule files, read from <out>/<stack>/ as `npm run compile` wrote them. */
function compiledRules(stack: Stack, outDir: string): Map<string, string> {
  const folder = prometheusLocalFile.slice(0, prometheusLocalFile.lastIndexOf('/'));
  return new Map(ruleFileNames(stack).map((name) => [`${folder}/${name}`, readFileSync(resolve(root, outDir, stack.name, folder, name), 'utf8')]));
}

export async function main(argv: readonly string[]): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { schedule: { type: 'string' }, stacks: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (positionals.length > 1) {
    console.error(`one stack at a time, got ${positionals.join(', ')}\n\n${usage}`);
    return 2;
  }
  const schedule = values.schedule ?? defaultSchedule;
  try {
    parseSchedule(schedule);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  let binaries;
  try {
    binaries = findEngines('debian');
  } catch (e) {
    console.error(`stackc up needs Prometheus and Alertmanager from Debian's packages.\n${(e as Error).message}`);
    return 1;
  }

  const stacksDir = values.stacks ?? defaultStacksDir;
  const outDir = values.out ?? 'out';
  // the compile CLI reads --out relative to the project root, also when it is absolute
  const outForCompiler = relative(root, resolve(root, outDir)) || '.';
  let stack: Stack;
  try {
    stack = (await selectStack(positionals[0], stacksDir)).stack;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${usage}`);
      return 2;
    }
    if (e instanceof StackError) {
      console.error(`${e.message}\nstackc up: fix the issues above and run it again.`);
      return 1;
    }
    throw e;
  }
  // written to <out>/<stack>/ as `npm run compile` writes it, so the dashboards printed below are there
  const compile = spawnSync(process.execPath, stackcArgs('compile', '--stacks', stacksDir, '--out', outForCompiler, stack.name), { cwd: root, stdio: 'inherit' });
  if (compile.status !== 0) {
    console.error('stackc up: the stack did not compile; fix the issues above and run it again.');
    return 1;
  }

  const dir = mkdtempSync(join(tmpdir(), 'stackc-up-'));
  mkdirSync(join(dir, 'logs'));
  const processes = new ProcessGroup(join(dir, 'logs'));
  let stopping = false;
  let done: (code: number) => void = () => undefined;
  const finished = new Promise<number>((r) => (done = r));
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the exporter, Prometheus and Alertmanager…`);
    done(0);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  /** A child that ends on its own: Ctrl-C reaches the children too, so wait a moment for our own signal first. */
  const watchExit = (r: Running) => r.exited.then((how) => setTimeout(() => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${r.name} exited (${how}); its log: ${r.logFile}`);
    done(1);
  }, 500));

  let webhook;
  let code = 1;
  try {
    const ports = {
      exporter: await portOrFree(stack.scrape.port),
      prometheus: await portOrFree(defaultPorts.prometheus),
      alertmanager: await portOrFree(defaultPorts.alertmanager),
      webhook: await portOrFree(defaultWebhookPort),
    };
    webhook = await startWebhook(ports.webhook, (n) => console.log(describeNotification(stack, n)));
    const exporter = processes.start('exporter', process.execPath,
      stackcArgs('exporter', stack.name, '--stacks', stacksDir, '--simulate', '--repeat', '--schedule', schedule, '--port', String(ports.exporter)),
      { cwd: root, onLine: (line) => line.startsWith('simulation:') && console.log(`exporter: ${line}`) });
    const exporterUrl = `http://127.0.0.1:${ports.exporter}`;
    await waitForHttp(`${exporterUrl}/healthz`, 30_000, [exporter]);
    const engines = await startEngines({
      stack, compiled: compiledRules(stack, outDir), exporterTargets: [`127.0.0.1:${ports.exporter}`],
      ports, webhookUrl: webhook.url, binaries, dir, processes,
    });
    for (const r of [exporter, engines.prometheus, engines.alertmanager]) void watchExit(r);
    const pages = await prometheusPages(engines.prometheusUrl);
    console.log(banner(stack, exporterUrl, engines, pages, webhook.url, schedule, outDir, dir));
    code = await finished;
  } catch (e) {
    console.error(`stackc up: ${(e as Error).message}\nlogs: ${join(dir, 'logs')}`);
    code = 1;
  } finally {
    await processes.stopAll();
    await webhook?.close();
  }
  if (code === 0) {
    rmSync(dir, { recursive: true, force: true });
    console.log('stopped; temporary files removed');
  } else {
    console.error(`stopped; logs kept in ${join(dir, 'logs')}`);
  }
  return code;
}

