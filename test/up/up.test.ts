// `npm run up` as a person runs it: it names the Debian packages when the engines are missing; otherwise it
// compiles, serves the exporter, Prometheus (scraping it, with the compiled rules) and Alertmanager on loopback,
// and on Ctrl-C (SIGINT) stops them all, frees the ports and removes its temporary folder.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import platform from '../../stacks/platform.ts';
import { toModel } from '../../dsl/to-model.ts';
import { waitFor } from '../../scripts/local/processes.ts';
import { root, requireTool } from '../helpers/stack.ts';
import * as api from '../e2e/api.ts';

const up = ['--import', 'tsx', join(root, 'scripts/up.ts')];

function runWithPath(path: string) {
  return spawnSync(process.execPath, up, { cwd: root, encoding: 'utf8', env: { ...process.env, PATH: path }, timeout: 30_000 });
}

test('without the engines on PATH it names both Debian packages and the install command, and starts nothing', () => {
  const empty = mkdtempSync(join(tmpdir(), 'stackc-nopath-'));
  try {
    const r = runWithPath(empty);
    assert.is(r.status, 1, r.stderr);
    assert.match(r.stderr, 'prometheus (Debian package prometheus)');
    assert.match(r.stderr, 'prometheus-alertmanager (Debian package prometheus-alertmanager)');
    assert.match(r.stderr, 'sudo apt-get install -y prometheus prometheus-alertmanager');
    assert.not.match(r.stdout, 'out/platform', 'it stops before compiling');
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

test('it starts the stack, serves every part on loopback, and stops everything on SIGINT', async () => {
  requireTool('prometheus', 'prometheus');
  requireTool('prometheus-alertmanager', 'prometheus-alertmanager');
  const child = spawn(process.execPath, [...up, '--schedule', 'critical:5m'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
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
    assert.match(exporter, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    assert.ok(existsSync(dir), dir);

    assert.match(await (await fetch(exporter)).text(), /^cpu_usage_percent /m);
    assert.ok((await fetch(`${alertmanager}/-/ready`)).ok);
    const groups = await api.ruleGroups(prometheus);
    assert.equal(groups.map((g) => g.name).sort(), toModel(platform).ruleGroups.map((g) => g.name).sort());
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
  }
});

test.run();
