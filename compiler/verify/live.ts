// The live judge: the stack's simulated exporter (in process), Prometheus 3 with the compiled local profile and rule
// files, the current Alertmanager with the compiled local config (both built by scripts/build-judges.sh; Debian's
// when there is no build), and a webhook per receiver, on free
// loopback ports. The simulation holds every gauge past its most severe threshold; the judge checks that every
// alert it drives fires and reaches the receiver the stack routes it to, that recording rules produce series and
// that panel queries return data. What the simulation cannot drive is listed with the reason. Bounded in time
// (the plan's deadlines), and every process it started is stopped, whatever happens.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDuration } from '../duration.ts';
import type { Stack } from '../model.ts';
import { findEngines } from '../../scripts/local/binaries.ts';
import { launchEngines, type Engines } from '../../scripts/local/engines.ts';
import { freePort } from '../../scripts/local/ports.ts';
import { ProcessGroup, waitFor } from '../../scripts/local/processes.ts';
import { startWebhook, type Webhook } from '../../scripts/local/webhook.ts';
import { localExporterPlan, startLocalExporters, type LocalExporterPlan } from '../../scripts/local/stack-exporters.ts';
import { exporterFailures, notStartedSummary } from './live-exporters.ts';
import { parseSchedule } from '../../exporter/schedule.ts';
import { startStackExporter, type StackExporter } from '../../exporter/stack-exporter.ts';
import * as api from './live-api.ts';
import { conformance } from '../conform/check.ts';
import { readExposition } from '../conform/exposition.ts';
import { firingFailures, routingVerdict } from './live-checks.ts';
import { writeRunConfigs } from './live-configs.ts';
import { toolVersion } from './tools.ts';
import { isAlertOf, livePhase, livePlan, slackMs, type DrivenAlert, type LivePlan } from './live-plan.ts';
import type { JudgeFailure, JudgeResult } from './judge.ts';

export interface LiveInput {
  readonly stack: Stack;
  /** A scratch folder holding every file the stack compiled to, laid out as out/<stack>/. */
  readonly dir: string;
  /** Progress lines, e.g. for a verbose CLI. @default none */
  readonly log?: (line: string) => void;
}

export const liveJudges = ['live: scrape', 'live: alerts fire', 'live: routing', 'live: recording rules', 'live: panel queries'] as const;
type LiveJudge = (typeof liveJudges)[number];

const result = (stack: Stack, judge: LiveJudge, failures: readonly JudgeFailure[], summary: string): JudgeResult =>
  ({ judge, stack: stack.name, status: failures.length ? 'failed' : 'passed', summary, failures });
const skipped = (stack: Stack, summary: string): JudgeResult[] =>
  liveJudges.map((judge) => ({ judge, stack: stack.name, status: 'skipped', summary, failures: [] }));

const names = (xs: readonly DrivenAlert[]) => xs.map((d) => d.rule.name).join(', ') || 'none';
const list = (xs: readonly { readonly reason: string }[], nameOf: (x: never) => string) =>
  xs.map((x) => `${nameOf(x as never)} (${x.reason})`).join('; ');

/** One line naming what the run does not judge, and why. */
function notDrivenSummary(plan: LivePlan): string {
  return plan.notDriven.length ? `; not driven: ${list(plan.notDriven, (x: { item: { name: string } }) => x.item.name)}` : '';
}

interface Run {
  readonly processes: ProcessGroup;
  readonly exporter: StackExporter;
  readonly webhook: Webhook;
  readonly engines: Engines;
  /** The stack's exporters the run started (host:port by job name), and why not the others. */
  readonly exporters: { readonly plan: LocalExporterPlan; readonly started: ReadonlyMap<string, string> };
}

export async function judgeLive(input: LiveInput): Promise<JudgeResult[]> {
  const { stack, dir } = input;
  const log = input.log ?? (() => undefined);
  let binaries;
  try {
    binaries = findEngines('built');
  } catch (e) {
    return skipped(stack, `not run: ${(e as Error).message.replace(/\n/g, ' ')}`);
  }
  const engineVersions = (await Promise.all([toolVersion(binaries.prometheus), toolVersion(binaries.alertmanager)])).join(' and ');
  const localExporters = localExporterPlan(stack);
  const plan = livePlan(stack, new Set(localExporters.binaries.keys()));
  const runDir = mkdtempSync(join(tmpdir(), `stackc-live-${stack.name}-`));
  mkdirSync(join(runDir, 'logs'));
  const processes = new ProcessGroup(join(runDir, 'logs'));
  let exporter: StackExporter | undefined;
  let webhook: Webhook | undefined;
  let keepLogs = false;
  try {
    webhook = await startWebhook(await freePort());
    // held for longer than the run can last: the judge stops it
    exporter = await startStackExporter(stack, { port: 0, simulate: { schedule: parseSchedule(`${livePhase}:1h`) } });
    const ports = { prometheus: await freePort(), alertmanager: await freePort() };
    let engines: Engines;
    let started: Map<string, string>;
    try {
      // the real exporters the stack lists and this machine has (node_exporter), each on a free loopback port
      started = await startLocalExporters(stack, localExporters, processes);
      const configs = writeRunConfigs(stack, dir, runDir, {
        exporterTarget: exporter.target, alertmanagerTarget: `127.0.0.1:${ports.alertmanager}`, webhookFor: webhook.urlFor, exporterJobTargets: started,
      });
      engines = await launchEngines({ configs, ports, binaries, dir: runDir, processes });
    } catch (e) {
      keepLogs = true;
      const failed = result(stack, 'live: scrape', [{ message: `Prometheus, Alertmanager or an exporter did not start on the compiled local profile: ${(e as Error).message}`, where: stack.source, path: [stack.name] }], `logs in ${join(runDir, 'logs')}`);
      return [failed, ...skipped(stack, 'not judged: the engines did not start (see live: scrape)').slice(1)];
    }
    log(`${stack.name}: Prometheus ${engines.prometheusUrl}, Alertmanager ${engines.alertmanagerUrl}, exporter ${exporter.url}`);
    const results = (await judgeRun(stack, plan, { processes, exporter, webhook, engines, exporters: { plan: localExporters, started } }, log))
      .map((r) => (r.judge === 'live: scrape' ? { ...r, summary: `${engineVersions}: ${r.summary}` } : r));
    keepLogs = results.some((r) => r.status === 'failed');
    if (keepLogs) return results.map((r) => (r.status === 'failed' ? { ...r, summary: `${r.summary}; logs in ${join(runDir, 'logs')}` } : r));
    return results;
  } finally {
    await Promise.allSettled([processes.stopAll(), exporter?.close(), webhook?.close()]);
    if (!keepLogs) rmSync(runDir, { recursive: true, force: true });
  }
}

async function judgeRun(stack: Stack, plan: LivePlan, run: Run, log: (line: string) => void): Promise<JudgeResult[]> {
  const started = Date.now();
  const prom = run.engines.prometheusUrl;
  const watch = [run.engines.prometheus, run.engines.alertmanager];
  const scrapeMs = parseDuration(stack.scrape.interval) ?? 15_000;

  // 1. the exporter is scraped, with the labels the cluster's relabeling adds
  const scrapeFailures: JudgeFailure[] = [];
  const targets = await waitFor('the exporter target up', async () => {
    const all = await api.targets(prom);
    return all.length > 0 && all.every((t) => t.health === 'up') ? all : undefined;
  }, { timeoutMs: 2 * scrapeMs + 20_000, watch }).catch(async (e: Error) => {
    const all = await api.targets(prom).catch(() => []);
    scrapeFailures.push({ message: `${e.message}; targets: ${all.map((t) => `${t.scrapeUrl} ${t.health} ${t.lastError}`).join(', ') || 'none'}`, where: stack.source, path: [stack.name, 'scrape'] });
    return [];
  });
  for (const t of targets.filter((x) => x.labels.job === stack.app)) {
    if (t.labels.namespace !== stack.namespace || !t.labels.pod?.startsWith(`${stack.app}-`)) {
      scrapeFailures.push({ message: `the target carries namespace="${t.labels.namespace}", pod="${t.labels.pod}"; the cluster's relabeling gives namespace="${stack.namespace}", pod="${stack.app}-<n>"`, where: stack.source, path: [stack.name, 'scrape'] });
    }
  }
  // what the exporter serves conforms to the stack (`stackc conform`): series, types, labels, declared values
  const served = readExposition(await (await fetch(`${run.exporter.url}${stack.scrape.metricsPath}`)).text());
  for (const f of conformance(stack, served).findings) scrapeFailures.push({ message: `conform: ${f.message}`, where: stack.source, path: [stack.name, `metric ${f.metric}`] });
  const exporters = await exporterFailures(stack, prom, targets, run.exporters.started);
  scrapeFailures.push(...exporters.failures);
  const notStarted = notStartedSummary(run.exporters.plan);
  const scrape = result(stack, 'live: scrape', scrapeFailures, `${run.exporter.metrics.registry.getMetricsAsArray().length} metric families served by the simulated exporter, conforming to the stack, scraped every ${stack.scrape.interval}` +
    `${exporters.summary ? `; ${exporters.summary}` : ''}${notStarted ? `; ${notStarted}` : ''}`);
  if (scrapeFailures.length) return [scrape, ...skipped(stack, 'not judged: the exporter was not scraped (see live: scrape)').slice(1)];

  // 2. every driven alert fires, by its deadline
  // by driven alert, not by name: alerts of one name (warning and critical levels) are told apart by their labels
  const firedAt = new Map<DrivenAlert, number>();
  const alsoFiring = new Set<string>();
  const firingDeadline = started + plan.firingDeadlineMs;
  let active: api.ActiveAlert[] = [];
  await waitFor('the driven alerts to fire', async () => {
    active = await api.alerts(prom);
    for (const a of active.filter((x) => x.state === 'firing')) {
      const mine = plan.driven.filter((d) => isAlertOf(d, a.labels));
      for (const d of mine) if (!firedAt.has(d)) firedAt.set(d, Date.now());
      if (mine.length === 0) alsoFiring.add(a.labels.alertname!);
    }
    return plan.driven.every((d) => firedAt.has(d)) ? true : undefined;
  }, { timeoutMs: Math.max(0, firingDeadline - Date.now()), intervalMs: 1000, watch }).catch(() => undefined);
  log(`${stack.name}: firing after ${Math.round((Date.now() - started) / 1000)} s: ${[...firedAt.keys()].map((d) => d.rule.name).join(', ') || 'none'}`);
  const alsoFired = [...alsoFiring];
  const fire = result(stack, 'live: alerts fire', firingFailures(stack.name, plan.driven, active),
    `${plan.driven.filter((d) => firedAt.has(d)).length} of ${plan.driven.length} driven alerts fired (${names(plan.driven)})` +
    `${alsoFired.length ? `; also fired: ${alsoFired.join(', ')}` : ''}${notDrivenSummary(plan)}`);

  // 3. recording rules have series and every rule evaluates; panel queries return data
  const recordingFailures: JudgeFailure[] = [];
  const groups = await api.ruleGroups(prom);
  for (const g of groups) {
    for (const r of g.rules) {
      if (r.health === 'err') {
        const rule = stack.ruleGroups.find((x) => x.name === g.name)?.rules.find((x) => x.name === r.name);
        recordingFailures.push({ message: `${g.name}/${r.name} fails to evaluate: ${r.lastError ?? ''}`, where: rule?.source ?? stack.source, path: [stack.name, g.name, r.name] });
      }
    }
  }
  const emptyRecordings = await retryEmpty(plan.recordings, (r) => r.name, stack, prom, started, plan);
  for (const r of emptyRecordings) recordingFailures.push({ message: `${r.name} has no series (${r.expr.text})`, where: r.source, path: [stack.name, `record ${r.name}`] });
  const recordings = result(stack, 'live: recording rules', recordingFailures,
    `${plan.recordings.length - emptyRecordings.length} of ${plan.recordings.length} recording rules have series` +
    (plan.recordingsExcluded.length ? `; not run: ${list(plan.recordingsExcluded, (x: { item: { name: string } }) => x.item.name)}` : ''));

  const emptyPanels = await retryEmpty(plan.panels, (q) => q.executable, stack, prom, started, plan);
  const panels = result(stack, 'live: panel queries',
    emptyPanels.map((q) => ({ message: `panel "${q.panel}" query ${q.refId} returns no finite value: ${q.executable}`, where: q.source, path: [stack.name, q.dashboard, `panel ${q.panel}`, q.refId] })),
    `${plan.panels.length - emptyPanels.length} of ${plan.panels.length} panel queries return data` +
    (plan.panelsExcluded.length ? `; not run: ${list(plan.panelsExcluded, (x: { item: { panel: string; refId: string } }) => `${x.item.panel} ${x.item.refId}`)}` : ''));

  // 4. Alertmanager routes each fired alert to its receiver and delivers it (or holds it inhibited)
  const fired = plan.driven.filter((d) => firedAt.has(d)).map((alert) => ({ alert, firedAt: firedAt.get(alert)! }));
  const toDeliver = fired.filter((f) => !f.alert.inhibitedBy);
  const deliveredTo = (d: DrivenAlert, receiver: string) => run.webhook.deliveries.some((x) => x.pathReceiver === receiver
    && x.notification.alerts.some((a) => a.status === 'firing' && isAlertOf(d, a.labels)));
  const lastFired = Math.max(started, ...fired.map((f) => f.firedAt));
  await waitFor('the fired alerts delivered', async () => {
    const held = await api.alertmanagerAlerts(run.engines.alertmanagerUrl);
    const inhibitedHeld = fired.filter((f) => f.alert.inhibitedBy).every((f) => held.some((a) => isAlertOf(f.alert, a.labels) && a.status.state === 'suppressed'));
    return toDeliver.every((f) => f.alert.deliveryUnjudged || f.alert.receivers.every((r) => deliveredTo(f.alert, r))) && inhibitedHeld ? true : undefined;
  }, { timeoutMs: Math.max(1000, lastFired + plan.deliveryMs - Date.now()), intervalMs: 1000, watch }).catch(() => undefined);
  const verdict = routingVerdict({
    stack: stack.name, fired, held: await api.alertmanagerAlerts(run.engines.alertmanagerUrl), deliveries: run.webhook.deliveries,
    groupBy: stack.alerting.groupBy, groupIntervalMs: parseDuration(stack.alerting.groupInterval) ?? 0,
  });
  const inhibited = fired.filter((f) => f.alert.inhibitedBy);
  const routing = result(stack, 'live: routing', verdict.failures,
    `${toDeliver.length} fired alerts delivered to their receivers (${toDeliver.map((f) => `${f.alert.rule.name} → ${f.alert.receivers.join(' + ')}`).join(', ') || 'none'})` +
    (inhibited.length ? `; inhibited as the stack says: ${inhibited.map((f) => `${f.alert.rule.name} by ${f.alert.inhibitedBy}`).join(', ')}` : '') +
    (verdict.notes.length ? `; ${verdict.notes.join('; ')}` : ''));
  log(`${stack.name}: judged in ${Math.round((Date.now() - started) / 1000)} s`);
  return [scrape, fire, routing, recordings, panels];
}

/** The items whose query has no finite value, asking again until every series can exist (plan.dataMs after the
 *  start) and for one more evaluation, before giving up on them. */
async function retryEmpty<T>(items: readonly T[], exprOf: (t: T) => string, stack: Stack, prom: string, since: number, plan: LivePlan): Promise<T[]> {
  const evaluationMs = parseDuration(stack.scrape.evaluationInterval) ?? 15_000;
  const deadline = Math.max(since + plan.dataMs, Date.now() + evaluationMs + slackMs);
  let empty = [...items];
  for (;;) {
    const still: T[] = [];
    for (const item of empty) {
      const values = await api.values(prom, exprOf(item)).catch(() => [] as number[]);
      if (!values.some(Number.isFinite)) still.push(item);
    }
    empty = still;
    if (empty.length === 0 || Date.now() >= deadline) return empty;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
