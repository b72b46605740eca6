// `npm run up` as a person runs it, on a fixture stack: it names the Debian packages when the engines are missing;
// otherwise it compiles, serves the exporter, Prometheus (scraping it, with the compiled rules) and Alertmanager on
// loopback, prints URLs that all answer, and on Ctrl-C (SIGINT) stops them all and removes its temporary folder.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as api from '../../compiler/verify/live-api.ts';
import { waitFor } from '../../scripts/local/processes.ts';
import fixture from '../fixtures/live-small.ts';
import { stacksFolder } from '../fixtures/live-stacks.ts';
import { compileValid, root, stackc, requireTool } from '../helpers/stack.ts';

const { model } = compileValid(fixture);

const up = stackc('up');

function runWithPath(path: string) {
  return spawnSync(process.execPath, up, { cwd: root, encoding: 'utf8', env: { ...process.env, PATH: path, STACKC_JUDGES_BIN: '' }, timeout: 30_000 });
}

test('without the engines on PATH it names both Debian packages and the install command, and starts nothing', () => {
  const empty = mkdtempSync(join(tmpdir(), 'stackc-nopath-'));
  try {
    const r = runWithPath(empty);
    assert.is(r.status, 1, r.stderr);
    assert.match(r.stderr, 'prometheus (Debian package prometheus)');
    assert.match(r.stderr, 'prometheus-alertmanager (Debian package prometheus-alertmanager)');
    assert.match(r.stderr, 'sudo apt-get install -y prometheus prometheus-alertmanager');
    assert.not.match(r.stdout, '✔', 'it stops before compiling');
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('with only prometheus on PATH it names only prometheus-alertmanager', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stackc-onlyprom-'));
  try {
    symlinkSync(requireTool('prometheus', 'prometheus'), join(dir, 'prometheus'));
    const r = runWithPath(dir);
    assert.is(r.status, 1, r.stderr);
    assert.match(r.stderr, 'prometheus-alertmanager (Debian package prometheus-alertmanager) not found');
    assert.match(r.stderr, 'sudo apt-get install -y prometheus-alertmanager\n');
    assert.not.match(r.stderr, '(Debian package prometheus)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The banner's `  Name   value` lines. */
function bannerValue(lines: readonly string[], name: string): string {
  const line = lines.find((l) => l.startsWith(`  ${name} `));
  if (!line) throw new Error(`no "${name}" line in:\n${lines.join('\n')}`);
  return line.slice(name.length + 2).trim().split(' ')[0]!;
}

const refused = async (url: string) => fetch(url, { signal: AbortSignal.timeout(2000) }).then(() => false, () => true);

test('with several stacks and none named it lists them and exits 2', () => {
  requireTool('prometheus', 'prometheus');
  requireTool('prometheus-alertmanager', 'prometheus-alertmanager');
  const dir = stacksFolder(true);
  try {
    const r = spawnSync(process.execPath, [...up, '--stacks', dir], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    assert.is(r.status, 2, r.stderr);
    assert.match(r.stderr, /holds 2 stacks; name the one to run/);
    assert.match(r.stderr, /live-small\s+test\/fixtures\/live-small\.ts/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('it starts the stack, every URL it prints answers 200, and SIGINT stops everything', async () => {
  requireTool('prometheus', 'prometheus');
  requireTool('prometheus-alertmanager', 'prometheus-alertmanager');
  const stacks = stacksFolder();
  const out = mkdtempSync(join(tmpdir(), 'stackc-up-out-'));
  // the only stack of the folder: no name needed
  const child = spawn(process.execPath, [...up, '--stacks', stacks, '--out', out, '--schedule', 'critical:5m'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  createInterface({ input: child.stdout }).on('line', (l) => lines.push(l));
  try {
    await waitFor('the banner', async () => (lines.some((l) => l.startsWith('  Files ')) ? true : undefined), { timeoutMs: 60_000 })
      .catch((e: Error) => { throw new Error(`${e.message}\nstdout:\n${lines.join('\n')}\nstderr:\n${stderr}`); });
    const exporter = bannerValue(lines, 'Exporter');
    const prometheus = bannerValue(lines, 'Prometheus');
    const alertmanager = bannerValue(lines, 'Alertmanager');
    const dir = bannerValue(lines, 'Files');
    assert.match(exporter, new RegExp(`^http://127\\.0\\.0\\.1:\\d+${model.scrape.metricsPath}$`));
    assert.ok(existsSync(dir), dir);
    assert.ok(existsSync(join(out, model.name, 'prometheus')), 'compiled into --out');

    const banner = lines.slice(lines.findIndex((l) => l.startsWith('stackc: the ')));
    const urls = banner.flatMap((l) => [...l.matchAll(/https?:\/\/[^\s)]+/g)].map((m) => m[0]));
    // Prometheus's pages: 404 at /targets on Debian's build, which serves /classic/targets
    const pages = ['targets', 'alerts', 'rules', 'graph'].map((p) => bannerValue(lines.map((l) => l.replace(/^ {4}/, '  ')), p));
    assert.ok(pages.every((p) => p.startsWith(prometheus) && urls.includes(p)), pages.join(' '));
    const webhook = bannerValue(lines, 'Webhook');
    for (const url of urls.filter((u) => u !== webhook)) {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      assert.is(res.status, 200, `${url} answers`);
    }
    assert.is((await fetch(webhook, { method: 'POST', body: '{"receiver":"x","status":"firing","alerts":[]}' })).status, 200, `${webhook} takes notifications`);

    for (const m of model.metrics) assert.match(await (await fetch(exporter)).text(), new RegExp(`^# TYPE ${m.name} `, 'm'));
    assert.ok((await fetch(`${alertmanager}/-/ready`)).ok);
    const groups = await api.ruleGroups(prometheus);
    assert.equal(groups.map((g) => g.name).sort(), model.ruleGroups.map((g) => g.name).sort());
    const targets = await waitFor('the exporter target up', async () => {
      const t = await api.targets(prometheus);
      return t.length && t.every((x) => x.health === 'up') ? t : undefined;
    }, { timeoutMs: 30_000 });
    assert.is(targets[0]!.scrapeUrl, exporter);

    child.kill('SIGINT');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<string>((r) => (timer = setTimeout(() => r('still running after 20s'), 20_000)))]);
    clearTimeout(timer);
    assert.is(code, 0, stderr);
    assert.ok(lines.includes('stopped; temporary files removed'), lines.join('\n'));
    assert.not.ok(existsSync(dir), `${dir} removed`);
    for (const url of [exporter, `${prometheus}/-/ready`, `${alertmanager}/-/ready`]) assert.ok(await refused(url), `${url} no longer answers`);
  } finally {
    if (child.exitCode === null) {
      // SIGTERM lets up.ts stop its own children; SIGKILL only if it does not end
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(stacks, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
});

test.run();
