// The Go judge of dashboards (tools/judges/grafana, built by scripts/build-judges.sh): the fixtures' dashboards, with
// every panel type, decode strictly into the Grafana Foundation SDK's Go types; an unknown field or a wrong type fails
// with the file, the JSON path and the panel in the stack; without the built binary the line is skipped, saying why.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dashboard, panel, rate, scope, sum } from '../../dsl/index.ts';
import { dashboardPath } from '../../compiler/emit/grafana.ts';
import { builtJudgesDir } from '../../compiler/verify/built-judges.ts';
import { checkDashboardsStrictly, grafanaJudge, panelAt } from '../../compiler/verify/grafana-sdk.ts';
import { withScratch } from '../../compiler/verify/scratch.ts';
import { compileValid } from '../helpers/stack.ts';
import { defaultDashboards, fixtureStack, type FixtureMetrics } from '../grafana/fixture.ts';
import { describe, judgeFixture, marked, queueStack } from './helpers.ts';

const { stack } = queueStack;
const queueDashboard = stack.dashboards[0]!;
const queuePath = dashboardPath(queueDashboard);
type PanelJson = { id: number; type: string; options?: Record<string, unknown>; gridPos: Record<string, unknown> };
const edit = (change: (d: { graphTooltip?: unknown; panels: PanelJson[] }) => void) => (f: Map<string, string>) => {
  const d = JSON.parse(f.get(queuePath)!) as { panels: PanelJson[] };
  change(d);
  f.set(queuePath, JSON.stringify(d, null, 2));
};

/** The grafana fixture with a second dashboard holding the panel types the first lacks: every type is decoded. */
const everyType = compileValid(fixtureStack({
  dashboards: (m: FixtureMetrics) => [...defaultDashboards(m), dashboard({
    uid: 'every-type', title: 'Every type',
    panels: [panel.bargauge(m.score, { title: 'Score bars' }), panel.stat(m.disk, { title: 'Disk now' }), panel.timeseries(m.requests, { title: 'Requests', unit: 'requests/s', queries: [sum(rate(scope(m.requests), '5m'))] })],
  })],
}));

async function withoutBuiltJudges<T>(run: () => Promise<T>): Promise<T> {
  const saved = process.env['STACKC_JUDGES_BIN'];
  process.env['STACKC_JUDGES_BIN'] = '';
  try {
    return await run();
  } finally {
    if (saved === undefined) delete process.env['STACKC_JUDGES_BIN'];
    else process.env['STACKC_JUDGES_BIN'] = saved;
  }
}

test('the JSON path of a failure names the panel it is in, also inside a row', () => {
  const json = JSON.stringify({ panels: [{ id: 7 }, { id: 9, panels: [{ id: 11 }] }] });
  assert.is(panelAt(json, 'panels[0].options.legend'), 7);
  assert.is(panelAt(json, 'panels[1].panels[0].targets[0]'), 11);
  assert.is(panelAt(json, 'panels[1]'), 9);
  assert.is(panelAt(json, 'templating.list[1]'), undefined);
});

test('without the built judge (an installed stackc), the line is skipped and says how to build it', async () => {
  const v = await withoutBuiltJudges(() => judgeFixture(checkDashboardsStrictly));
  assert.is(v.status, 'skipped');
  assert.match(v.summary, `${grafanaJudge} is not built (bash scripts/build-judges.sh`);
});

const goInstalled = (() => { try { execFileSync('go', ['version']); return true; } catch { return false; } })();
if (!existsSync(join(builtJudgesDir()!, grafanaJudge)) && !goInstalled) {
  console.log(`grafana-sdk: go is not installed, so ${grafanaJudge} cannot be built; skipping its verdicts`);
} else {
  test('every panel type of the fixtures decodes strictly into the SDK\'s types', async () => {
    const v = await withScratch(everyType.model.name, everyType.files, (dir) => checkDashboardsStrictly({ stack: everyType.model, ...everyType, dir }));
    assert.is(v.status, 'passed', describe(v));
    assert.match(v.summary, /^grafana-dashboards \d+\.\d+\.\d+: 2 dashboards decoded strictly$/);
    const q = await judgeFixture(checkDashboardsStrictly);
    assert.is(q.status, 'passed', describe(q));
  });

  test('an unknown panel option fails with the file, its JSON path and the panel in the stack', async () => {
    const v = await judgeFixture(checkDashboardsStrictly, edit((d) => { d.panels.find((p) => p.type === 'gauge')!.options!['showTresholdMarkers'] = true; }));
    assert.is(v.status, 'failed');
    assert.is(v.failures.length, 1, describe(v));
    assert.match(v.failures[0]!.message, new RegExp(`^${queuePath} at panels\\[\\d+\\]\\.options: unexpected field 'showTresholdMarkers'$`));
    assert.is(v.failures[0]!.where?.line, marked('gauge'));
    assert.equal(v.failures[0]!.path, [stack.name, `dashboard ${queueDashboard.uid}`, 'panel Backlog']);
  });

  test('a wrong type fails at its path: in a panel at the panel, in the dashboard at the dashboard', async () => {
    const v = await judgeFixture(checkDashboardsStrictly, edit((d) => {
      d.graphTooltip = 'shared';
      d.panels.find((p) => p.type === 'gauge')!.gridPos['h'] = '8';
    }));
    assert.is(v.status, 'failed');
    const [tooltip, height] = [/ at graphTooltip: /, /\.gridPos\.h: /].map((re) => v.failures.find((f) => re.test(f.message)));
    assert.ok(tooltip && height, describe(v));
    assert.equal(tooltip!.where, queueDashboard.source);
    assert.match(height!.message, /cannot unmarshal string/);
    assert.is(height!.where?.line, marked('gauge'));
  });

  test('what the SDK decodes leniently is decoded strictly too: field config defaults and Prometheus targets', async () => {
    const v = await judgeFixture(checkDashboardsStrictly, (f) => {
      const d = JSON.parse(f.get(queuePath)!) as { panels: { fieldConfig?: { defaults: Record<string, unknown> }; targets?: Record<string, unknown>[] }[] };
      const p = d.panels.find((x) => x.fieldConfig && x.targets?.length)!;
      p.fieldConfig!.defaults['unti'] = 's';
      p.targets![0]!['exprr'] = 'up';
      f.set(queuePath, JSON.stringify(d));
    });
    const messages = v.failures.map((f) => f.message).join('\n');
    assert.match(messages, /\.fieldConfig\.defaults: unexpected field 'unti'/);
    assert.match(messages, /\.targets\[0\]: unexpected field 'exprr'/);
  });
}

test.run();
