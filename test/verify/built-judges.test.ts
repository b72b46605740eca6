// The judges built by scripts/build-judges.sh are the ones verify runs, and they are the versions tools/judges/*/go.mod
// pin: promtool and prometheus report Prometheus' version, amtool and alertmanager Alertmanager's, grafana-dashboards
// the Grafana Foundation SDK's.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { builtJudge, builtJudgesDir } from '../../compiler/verify/built-judges.ts';
import { grafanaJudge } from '../../compiler/verify/grafana-sdk.ts';
import { promtoolsFor } from '../../compiler/verify/promtools.ts';
import { checkRules } from '../../compiler/verify/promtool-check-rules.ts';
import { findTool, toolVersion } from '../../compiler/verify/tools.ts';
import { root } from '../helpers/stack.ts';
import { describe, judgeFixture, queueStack } from './helpers.ts';

/** The pinned module version as the release it is: Prometheus v0.316.0 is 3.16.0, Alertmanager v0.35.0 is 0.35.0. */
function pinned(module: string, folder = module.split('/').pop()!): string {
  const goMod = readFileSync(join(root, 'tools/judges', folder, 'go.mod'), 'utf8');
  const v = new RegExp(`${module} v(\\d+)\\.(\\d+)\\.(\\d+)`).exec(goMod);
  if (!v) throw new Error(`${module} is not pinned in tools/judges/*/go.mod`);
  const [, major, minor, patch] = v.map(Number) as [number, number, number, number];
  return module.endsWith('/prometheus') ? `${Math.floor(minor / 100)}.${minor % 100}.${patch}` : `${major}.${minor}.${patch}`;
}
const prometheus = pinned('github.com/prometheus/prometheus');
const alertmanager = pinned('github.com/prometheus/alertmanager');
const grafanaSdk = pinned('github.com/grafana/grafana-foundation-sdk/go', 'grafana');

const bin = builtJudgesDir()!;
const goInstalled = (() => { try { execFileSync('go', ['version']); return true; } catch { return false; } })();

if (!existsSync(bin) && !goInstalled) {
  // Debian's judges are the fallback only where Go is missing; anywhere else a missing build is a failure below
  console.log('built-judges: go is not installed, so verify runs Debian\'s judges; skipping');
} else {
  test('the built judges exist for the current pins (bash scripts/build-judges.sh)', () => {
    for (const name of ['promtool', 'prometheus', 'amtool', 'alertmanager', grafanaJudge]) assert.ok(existsSync(join(bin, name)), `${join(bin, name)} missing: run bash scripts/build-judges.sh`);
  });

  test('verify finds the built promtool, amtool and grafana-dashboards first, and they report the pinned versions', async () => {
    assert.is(findTool('promtool'), join(bin, 'promtool'));
    assert.is(findTool('amtool'), join(bin, 'amtool'));
    assert.is(await toolVersion(join(bin, 'promtool')), `promtool ${prometheus}`);
    assert.is(await toolVersion(join(bin, 'prometheus')), `prometheus ${prometheus}`);
    assert.is(await toolVersion(join(bin, 'amtool')), `amtool ${alertmanager}`);
    assert.is(await toolVersion(join(bin, 'alertmanager')), `alertmanager ${alertmanager}`);
    assert.is(builtJudge(grafanaJudge), join(bin, grafanaJudge));
    assert.is(await toolVersion(join(bin, grafanaJudge)), `${grafanaJudge} ${grafanaSdk}`);
  });

  test('a stack targeting Prometheus 3 is judged by the built promtool alone, and its line says so', async () => {
    assert.equal((await promtoolsFor(queueStack.stack)).map((p) => p.path), [join(bin, 'promtool')]);
    const v = await judgeFixture(checkRules);
    assert.is(v.status, 'passed', describe(v));
    assert.ok(v.summary.startsWith(`promtool ${prometheus}: `), v.summary);
  });
}

test.run();
