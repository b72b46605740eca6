// Panel queries: checked like rules (unknown series, labels, types), Grafana variables handled, and every emitted
// query, with its variables filled in, accepted by promtool as PromQL.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toModel } from '../../dsl/to-model.ts';
import { emitStack } from '../../compiler/emit/index.ts';
import { toYaml } from '../../compiler/emit/yaml.ts';
import { checkableExpr, executableExpr, panelQueries } from '../../compiler/dashboard-queries.ts';
import { dashboard, panel, promql, rate, rateInterval, sum } from '../../dsl/index.ts';
import shop from '../fixtures/shop.ts';
import { issuesOf, lineOf, requireTool } from '../helpers/stack.ts';
import { fixtureStack } from './fixture.ts';

const model = toModel(shop);

test('panelQueries lists exactly the targets of the emitted dashboards', () => {
  const files = emitStack(model);
  const emitted = [...files].filter(([p]) => p.startsWith('grafana/dashboards/')).flatMap(([, json]) => {
    const d = JSON.parse(json) as { uid: string; panels: { title: string; targets?: { refId: string; expr: string }[] }[] };
    return d.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ dashboard: d.uid, panel: p.title, refId: t.refId, expr: t.expr })));
  });
  assert.ok(emitted.length > 0);
  assert.is(emitted.length, model.dashboards.flatMap((d) => d.rows.flatMap((r) => r.panels)).flatMap((p) => p.queries).length);
  assert.equal(panelQueries(model), emitted);
});

test('variables become stand-ins for the checker and concrete values for execution', () => {
  const q = 'sum(rate(orders_total{namespace=~"$namespace",pod=~"${pod}"}[$__rate_interval]))';
  assert.is(checkableExpr(model, q), 'sum(rate(orders_total{namespace=~"$namespace",pod=~"${pod}"}[2m]))', 'four 30 s scrapes');
  assert.is(executableExpr(q), 'sum(rate(orders_total{namespace=~".*",pod=~".*"}[1m]))');
  assert.is(executableExpr(q, { namespace: 'shop', __rate_interval: '5m' }),
    'sum(rate(orders_total{namespace=~"shop",pod=~".*"}[5m]))');
});

test('every panel query, variables filled in, is valid PromQL to promtool', () => {
  const promtool = requireTool('promtool', 'prometheus');
  const dir = mkdtempSync(join(tmpdir(), 'stackc-panels-'));
  try {
    const rules = panelQueries(model).map((q, i) => ({ record: `panel_query_${i}`, expr: executableExpr(q.expr) }));
    writeFileSync(join(dir, 'panels.yml'), toYaml({ groups: [{ name: 'panels', rules }] }));
    const out = execFileSync(promtool, ['check', 'rules', join(dir, 'panels.yml')], { encoding: 'utf8' });
    assert.match(out, new RegExp(`SUCCESS: ${rules.length} rules found`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a panel query of a series the stack does not have is a compile error at the query', () => {
  const issues = issuesOf(fixtureStack({
    dashboards: () => [dashboard({ uid: 'x', title: 'X', panels: [
      panel.timeseries({ title: 'Ghost', queries: [promql`sum(wait_time_bucket)`] }), // MARK-ghost
    ] })],
  }));
  assert.equal(issues.map((i) => i.code), ['promql/unknown-series']);
  assert.is(issues[0]!.where.line, lineOf(import.meta.url, 'MARK-ghost'));
  assert.equal(issues[0]!.path, ['fixture', 'dashboard x', 'panel Ghost', 'query A']);
});

test('rate() over a gauge, an unknown label and an unknown variable are caught in panels like in rules', () => {
  const issues = issuesOf(fixtureStack({
    dashboards: (m) => [dashboard({ uid: 'x', title: 'X', panels: [
      panel.timeseries({ title: 'Rate of gauge', queries: [promql`rate(${m.disk}[$__rate_interval])`] }),
      panel.timeseries({ title: 'Bad label', queries: [promql`sum by (stauts) (${rate(m.requests, rateInterval)})`] }),
      panel.timeseries({ title: 'Bad variable', queries: [promql`${m.disk.where({ pod: /$service/ })}`] }),
    ] })],
  }));
  assert.equal(issues.map((i) => i.code).sort(), ['dashboards/unknown-variable', 'promql/rate-over-gauge', 'promql/unknown-label']);
});

test('a heatmap of something other than histogram buckets is a compile error', () => {
  const issues = issuesOf(fixtureStack({
    dashboards: (m) => [dashboard({ uid: 'x', title: 'X', panels: [panel.heatmap({ title: 'Not buckets', queries: [sum(rate(m.requests, rateInterval), { by: ['route'] })] })] })],
  }));
  assert.equal(issues.map((i) => i.code), ['dashboards/heatmap-buckets']);
});

test('duplicate uids and panel titles, bad uids and empty panels are reported', () => {
  const issues = issuesOf(fixtureStack({
    dashboards: (m) => [
      dashboard({ uid: 'a', title: 'A', panels: [panel.gauge(m.disk, { title: 'Same' }), panel.gauge(m.disk, { title: 'Same' })] }),
      dashboard({ uid: 'a', title: 'B', panels: [panel.timeseries({ title: 'Empty', queries: [] })] }),
      dashboard({ uid: 'not a uid!', title: 'C' }),
    ],
  }));
  assert.equal(issues.map((i) => i.code).sort(), ['dashboards/duplicate-panel', 'dashboards/duplicate-uid', 'dashboards/no-query', 'dashboards/uid']);
});

test.run();
