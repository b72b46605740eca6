// The live judge on the real engines, with the small fixture stack (1 s clocks: a run takes seconds): it passes on
// the compiled files, fails at the rule when the compiled routes send an alert elsewhere, and is skipped, naming
// the Debian package, without the engines.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { alertmanagerLocalFile } from '../../compiler/emit/alertmanager.ts';
import { builtJudge } from '../../compiler/verify/built-judges.ts';
import { judgeLive, liveJudges } from '../../compiler/verify/live.ts';
import { livePlan } from '../../compiler/verify/live-plan.ts';
import fixture from '../fixtures/live-small.ts';
import { severityReceiver } from '../helpers/routing.ts';
import { compileValid, requireTool } from '../helpers/stack.ts';

const { model, files } = compileValid(fixture);
const plan = livePlan(model);
const dirs: string[] = [];

/** The compiled files in a scratch folder laid out as out/<stack>/, with `edit` applied to some. */
function compiledDir(edit: (path: string, content: string) => string = (_, c) => c): string {
  const dir = mkdtempSync(join(tmpdir(), 'stackc-live-judge-'));
  dirs.push(dir);
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), edit(path, content));
  }
  return dir;
}

test('on the compiled stack every aspect passes, and the summary names what is not driven and why', async () => {
  requireTool('prometheus', 'prometheus');
  requireTool('prometheus-alertmanager', 'prometheus-alertmanager');
  const started = Date.now();
  const results = await judgeLive({ stack: model, dir: compiledDir() });
  assert.equal(results.map((r) => r.judge), [...liveJudges]);
  for (const r of results) assert.is(r.status, 'passed', `${r.judge}: ${r.summary}\n${r.failures.map((f) => f.message).join('\n')}`);
  // the engines that ran: the built Prometheus 3 and Alertmanager when scripts/build-judges.sh made them
  const scrape = results.find((r) => r.judge === 'live: scrape')!;
  const built = builtJudge('prometheus') && builtJudge('alertmanager');
  if (built) assert.match(scrape.summary, /^prometheus 3\.\S+ and alertmanager 0\.\S+: /);
  const fire = results.find((r) => r.judge === 'live: alerts fire')!;
  assert.ok(fire.summary.startsWith(`${plan.driven.length} of ${plan.driven.length} driven alerts fired`), fire.summary);
  for (const { item, reason } of plan.notDriven) assert.ok(fire.summary.includes(`${item.name} (${reason})`), `${item.name} reported: ${fire.summary}`);
  const routing = results.find((r) => r.judge === 'live: routing')!;
  assert.match(routing.summary, /inhibited as the stack says: QueueDeep by QueueFull/);
  assert.ok(Date.now() - started < 60_000, 'a fixture run stays short');
});

test('when the compiled routes send critical alerts to the warning receiver, routing fails at the rule', async () => {
  const [critical, warning] = [severityReceiver(model, 'critical'), severityReceiver(model, 'warning')];
  const dir = compiledDir((path, content) => (path === alertmanagerLocalFile
    ? content.replace(`- receiver: ${critical}\n      matchers:\n        - severity="critical"`, `- receiver: ${warning}\n      matchers:\n        - severity="critical"`)
    : content));
  assert.not.equal(readFileSync(join(dir, alertmanagerLocalFile), 'utf8'), files.get(alertmanagerLocalFile), 'the edit applied');
  const results = await judgeLive({ stack: model, dir });
  const routing = results.find((r) => r.judge === 'live: routing')!;
  assert.is(routing.status, 'failed');
  const queueFull = plan.driven.find((d) => d.rule.name === 'QueueFull')!;
  const failure = routing.failures.find((f) => f.message.startsWith(`Alertmanager routed QueueFull (critical) to ${warning}`));
  assert.ok(failure, routing.failures.map((f) => f.message).join('\n'));
  assert.equal(failure!.where, queueFull.rule.source);
  assert.is(results.find((r) => r.judge === 'live: alerts fire')!.status, 'passed');
});

test('without the engines, built or on PATH, every aspect is skipped, naming the Debian packages', async () => {
  const path = process.env.PATH;
  process.env.PATH = mkdtempSync(join(tmpdir(), 'stackc-nopath-'));
  process.env.STACKC_JUDGES_BIN = '';
  dirs.push(process.env.PATH);
  try {
    const results = await judgeLive({ stack: model, dir: compiledDir() });
    assert.equal(results.map((r) => r.status), liveJudges.map(() => 'skipped'));
    assert.match(results[0]!.summary, 'apt-get install -y prometheus prometheus-alertmanager');
  } finally {
    process.env.PATH = path;
    delete process.env.STACKC_JUDGES_BIN;
  }
});

test.after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

test.run();
