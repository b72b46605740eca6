// The compiled stack on the real engines: the platform's exporter (simulated workload), Debian's Prometheus with
// the local profile and the same rule files, Debian's Alertmanager with the local alertmanager.yml, and a webhook
// that records what Alertmanager delivers. All on free loopback ports; every process stopped at the end, also
// when an assertion fails or on Ctrl-C; logs kept (and their folder printed) only when something failed.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import platform, { uptime } from '../../stacks/platform.ts';
import type { AlertRule } from '../../compiler/model.ts';
import { startEngines, type Engines } from '../../scripts/local/engines.ts';
import { freePort } from '../../scripts/local/ports.ts';
import { ProcessGroup, waitFor } from '../../scripts/local/processes.ts';
import { startWebhook, type Webhook } from '../../scripts/local/webhook.ts';
import { compileValid, requireTool } from '../helpers/stack.ts';
import * as api from './api.ts';
import { firingPlan, inhibitedAlerts, panelPlan, renderedPattern, resolvingAlerts } from './expectations.ts';
import { startSimulatedExporter, type SimulatedExporter } from './simulated-exporter.ts';

const { model: stack, files: compiled } = compileValid(platform);
const plan = firingPlan(stack);
const inhibited = inhibitedAlerts(stack, plan.expected);
const resolving = resolvingAlerts(plan.expected, uptime.name);
const panels = panelPlan(stack);

let started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const log = (message: string) => console.log(`  [e2e ${elapsed()}] ${message}`);

interface Live {
  readonly dir: string;
  readonly processes: ProcessGroup;
  readonly exporter: SimulatedExporter;
  readonly webhook: Webhook;
  readonly engines: Engines;
}
let live: Live | undefined;
let failed = false;
const parts: { processes?: ProcessGroup; exporter?: SimulatedExporter; webhook?: Webhook; dir?: string } = {};

/** The running stack; fails the step when the start did. */
function running(): Live {
  if (!live) throw new Error('the stack did not start (see the first failure)');
  return live;
}

/** A step of the run: any failure keeps the logs, and the steps after it fail at once instead of waiting. */
function step(name: string, body: (l: Live) => Promise<void>): void {
  test(name, async () => {
    if (failed) throw new Error('not run: an earlier step failed');
    try {
      await body(running());
    } catch (e) {
      failed = true;
      throw e;
    }
  });
}

async function stopEverything(): Promise<void> {
  await Promise.allSettled([parts.processes?.stopAll(), parts.exporter?.close(), parts.webhook?.close()]);
}

const onInterrupt = () => {
  void stopEverything().finally(() => {
    if (parts.dir) console.error(`\n  interrupted; e2e logs kept in ${join(parts.dir, 'logs')}`);
    process.exit(130);
  });
};
process.once('SIGINT', onInterrupt);

test('starts the exporter, Alertmanager and Prometheus on free loopback ports; every scrape target is up', async () => {
  started = Date.now();
  try {
    const binaries = { prometheus: requireTool('prometheus', 'prometheus'), alertmanager: requireTool('prometheus-alertmanager', 'prometheus-alertmanager') };
    const dir = (parts.dir = mkdtempSync(join(tmpdir(), 'stackc-e2e-')));
    mkdirSync(join(dir, 'logs'));
    const processes = (parts.processes = new ProcessGroup(join(dir, 'logs')));
    const [prometheusPort, alertmanagerPort, webhookPort] = [await freePort(), await freePort(), await freePort()];
    const webhook = (parts.webhook = await startWebhook(webhookPort));
    // critical from the start: every threshold is crossed at the first scrape, and the clock of each `for` starts
    const exporter = (parts.exporter = await startSimulatedExporter('critical'));
    const engines = await startEngines({
      stack, compiled, processes, dir,
      exporterTargets: [exporter.target],
      ports: { prometheus: prometheusPort, alertmanager: alertmanagerPort },
      webhookUrl: webhook.url,
      binaries,
    });
    live = { dir, processes, exporter, webhook, engines };
    log(`Prometheus ${engines.prometheusUrl}, Alertmanager ${engines.alertmanagerUrl}, exporter ${exporter.target}, webhook ${webhook.url}`);

    const watch = [engines.prometheus, engines.alertmanager];
    const up = await waitFor('every scrape target up', async () => {
      const all = await api.targets(engines.prometheusUrl);
      return all.length > 0 && all.every((t) => t.health === 'up') ? all : undefined;
    }, { timeoutMs: 30_000, watch });
    assert.equal(up.map((t) => t.scrapeUrl), [`http://${exporter.target}${stack.scrape.metricsPath}`]);
    assert.equal({ namespace: up[0]!.labels.namespace, pod: up[0]!.labels.pod }, { namespace: stack.namespace, pod: `${stack.app}-0` });
    const managers = await waitFor('Prometheus to find Alertmanager', async () => {
      const m = await api.alertmanagersOf(engines.prometheusUrl);
      return m.length ? m : undefined;
    }, { timeoutMs: 15_000, watch });
    assert.equal(managers.map((m) => m.url), [`http://127.0.0.1:${alertmanagerPort}/api/v2/alerts`]);
    log(`target up; ${plan.expected.length} alerts expected to fire: ${plan.expected.map((a) => a.name).join(', ')}`);
  } catch (e) {
    failed = true;
    throw e;
  }
});

step('every alert that can fire within the run reaches firing, with its labels and rendered annotations', async ({ engines }) => {
  const firing = await waitFor('every expected alert firing', async () => {
    const active = (await api.alerts(engines.prometheusUrl)).filter((a) => a.state === 'firing');
    return plan.expected.every((rule) => active.some((a) => a.labels.alertname === rule.name)) ? active : undefined;
  }, { timeoutMs: 150_000, intervalMs: 1000, watch: [engines.prometheus] }).catch(async (e: Error) => {
    const active = await api.alerts(engines.prometheusUrl).catch(() => []);
    const missing = plan.expected.filter((rule) => !active.some((a) => a.state === 'firing' && a.labels.alertname === rule.name)).map((r) => r.name);
    throw new Error(`${e.message}; not firing: ${missing.join(', ')}; active now: ${active.map((a) => `${a.labels.alertname} (${a.state})`).join(', ') || 'none'}`);
  });
  log(`firing: ${[...new Set(firing.map((a) => a.labels.alertname))].sort().join(', ')}`);
  for (const rule of plan.expected) {
    for (const alert of firing.filter((a) => a.labels.alertname === rule.name)) {
      for (const [name, value] of Object.entries({ ...rule.labels, severity: rule.severity })) {
        assert.is(alert.labels[name], value, `${rule.name}: label ${name}`);
      }
      if (rule.threshold) assert.equal([alert.labels.namespace, alert.labels.pod], [stack.namespace, `${stack.app}-0`], `${rule.name}: target labels`);
      for (const [name, template] of Object.entries(rule.annotations)) {
        assert.match(alert.annotations[name] ?? '', renderedPattern(template, alert.labels), `${rule.name}: annotation ${name} rendered from ${template}`);
      }
    }
  }
});

step('every rule evaluates without error and every recording rule has series', async ({ engines }) => {
  const groups = await api.ruleGroups(engines.prometheusUrl);
  assert.equal(groups.map((g) => g.name).sort(), stack.ruleGroups.map((g) => g.name).sort());
  const broken = groups.flatMap((g) => g.rules.filter((r) => r.health !== 'ok').map((r) => `${g.name}/${r.name}: ${r.health} ${r.lastError ?? ''}`));
  assert.equal(broken, [], 'rules with evaluation errors or never evaluated');
  const records = stack.ruleGroups.flatMap((g) => g.rules.filter((r) => r.kind === 'recording').map((r) => r.name));
  assert.ok(records.length > 0);
  const empty: string[] = [];
  for (const name of records) if ((await api.values(engines.prometheusUrl, name)).length === 0) empty.push(name);
  assert.equal(empty, [], 'recording rules without series');
  log(`${records.length} recording rules have series`);
});

step('every dashboard panel query returns data, except those on cluster-only series', async ({ engines }) => {
  for (const { item, reason } of panels.excluded) log(`not run: ${item.dashboard} › ${item.panel} ${item.refId}: ${reason}`);
  const noData: string[] = [];
  for (const q of panels.runnable) {
    const samples = await api.values(engines.prometheusUrl, q.executable);
    if (!samples.some(Number.isFinite)) noData.push(`${q.panel} ${q.refId}: ${q.executable} → ${samples.length ? samples.join(', ') : 'no series'}`);
  }
  assert.equal(noData, [], 'panel queries without a finite value');
  log(`${panels.runnable.length} of ${panels.runnable.length + panels.excluded.length} panel queries run, all with data`);
});

/** The receiver the compiled routes send an alert of that severity to. */
const receiverOf = (rule: AlertRule) => stack.alerting.routes[rule.severity];

step('Alertmanager delivers each fired alert to its severity\'s receiver and inhibits warnings under their critical', async ({ engines, webhook }) => {
  const delivered = (rule: AlertRule) => webhook.received.some((n) => n.receiver === receiverOf(rule) && n.alerts.some((a) => a.status === 'firing' && a.labels.alertname === rule.name));
  const toDeliver = plan.expected.filter((r) => !inhibited.has(r.name));
  // group_wait (30s in the compiled routes) runs from the first alert of each group
  await waitFor('every fired alert delivered to the webhook', async () => (toDeliver.every(delivered) ? true : undefined), {
    timeoutMs: 60_000, intervalMs: 1000, watch: [engines.alertmanager],
  }).catch((e: Error) => {
    throw new Error(`${e.message}; not delivered: ${toDeliver.filter((r) => !delivered(r)).map((r) => `${r.name} → ${receiverOf(r)}`).join(', ')}`);
  });
  log(`delivered: ${toDeliver.map((r) => `${r.name} → ${receiverOf(r)}`).join(', ')}`);
  const held = await api.alertmanagerAlerts(engines.alertmanagerUrl);
  for (const [target, source] of inhibited) {
    const alerts = held.filter((a) => a.labels.alertname === target);
    assert.ok(alerts.length > 0, `${target} reached Alertmanager`);
    for (const a of alerts) {
      assert.is(a.status.state, 'suppressed', `${target} is inhibited by ${source}`);
      assert.ok(a.status.inhibitedBy.length > 0, `${target} is inhibited by ${source}`);
    }
    assert.not.ok(webhook.received.some((n) => n.alerts.some((a) => a.status === 'firing' && a.labels.alertname === target)), `${target} was delivered although ${source} fires`);
  }
  if (inhibited.size) log(`inhibited: ${[...inhibited].map(([t, s]) => `${t} by ${s}`).join(', ')}`);
});

step('back to normal, the threshold alerts resolve in Prometheus and in Alertmanager', async ({ engines, exporter }) => {
  await exporter.enter('normal');
  log('simulation back to normal');
  const names = new Set(resolving.map((r) => r.name));
  await waitFor(`${[...names].join(', ')} resolved`, async () => {
    const [prom, am] = await Promise.all([api.alerts(engines.prometheusUrl), api.alertmanagerAlerts(engines.alertmanagerUrl)]);
    const left = [...prom.map((a) => a.labels.alertname!), ...am.map((a) => a.labels.alertname!)].filter((n) => names.has(n));
    return left.length === 0 ? true : undefined;
  }, { timeoutMs: 75_000, intervalMs: 2000, watch: [engines.prometheus] });
  log(`resolved: ${[...names].join(', ')}`);
});

test.after(async () => {
  process.removeListener('SIGINT', onInterrupt);
  await stopEverything();
  if (!parts.dir) return;
  if (failed) console.error(`\n  e2e logs kept in ${join(parts.dir, 'logs')} (configs in ${parts.dir})`);
  else rmSync(parts.dir, { recursive: true, force: true });
  log('stopped');
});

test.run();
