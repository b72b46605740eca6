// One number, two artifacts: for every series with alert thresholds, the alert rules and the panel colour steps
// in the emitted files carry the same values; change the stack and both follow; disagreeing panels do not compile.
import { parse } from 'yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toModel } from '../../dsl/to-model.ts';
import { emitStack } from '../../compiler/emit/index.ts';
import { thresholdedSeries } from '../../compiler/dashboard-thresholds.ts';
import type { Files } from '../../compiler/emit/files.ts';
import { dashboard, override, panel, scope } from '../../dsl/index.ts';
import shop from '../fixtures/shop.ts';
import { compileValid, issuesOf, lineOf, projectPath } from '../helpers/stack.ts';
import { fixtureStack } from './fixture.ts';

interface PanelJson { type: string; title: string; targets?: { expr: string }[]; fieldConfig?: { defaults: { thresholds?: { steps: { value: number | null }[] } } } }

/** Alert threshold values by series, read back from the emitted alerts.yml (`series > 80`, `series < 0.85`). */
function alertValues(files: Files): Map<string, number[]> {
  const doc = parse(files.get('prometheus/alerts.yml')!) as { groups: { rules: { expr: string }[] }[] };
  const out = new Map<string, number[]>();
  for (const r of doc.groups.flatMap((g) => g.rules)) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{[^}]*\})? [<>] (\S+)$/.exec(r.expr);
    if (m) out.set(m[1]!, [...(out.get(m[1]!) ?? []), Number(m[2])].sort((a, b) => a - b));
  }
  return out;
}

/** Colour step values of every emitted panel that shows `series`, by panel title. */
function panelStepsFor(files: Files, series: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [path, json] of files) {
    if (!path.startsWith('grafana/dashboards/')) continue;
    for (const p of (JSON.parse(json) as { panels: PanelJson[] }).panels) {
      if (!p.targets?.some((t) => new RegExp(`\\b${series}\\b`).test(t.expr))) continue;
      const steps = p.fieldConfig?.defaults.thresholds?.steps ?? [];
      out.set(p.title, steps.flatMap((s) => (s.value === null ? [] : [s.value])).sort((a, b) => a - b));
    }
  }
  return out;
}

test('every thresholded series of a stack has a panel, coloured at exactly its alert thresholds', () => {
  const model = toModel(shop);
  const files = emitStack(model);
  const alerts = alertValues(files);
  const thresholded = [...thresholdedSeries(model).keys()];
  const declared = model.metrics.filter((m) => m.thresholds.length).map((m) => m.name);
  assert.ok(declared.length >= 3, 'the fixture has thresholded metrics, above and below');
  assert.equal([...thresholded].sort(), [...declared].sort());
  for (const series of thresholded) {
    const panels = panelStepsFor(files, series);
    assert.ok(panels.size > 0, `a panel shows ${series}`);
    assert.ok(alerts.get(series)?.length, `alerts exist for ${series}`);
    for (const [title, steps] of panels) assert.equal(steps, alerts.get(series), `panel "${title}" of ${series}`);
  }
});

test('changing a threshold in the stack changes the alert and the panel together', () => {
  for (const [warning, critical] of [[70, 85], [77, 93], [50, 99]] as const) {
    const { files } = compileValid(fixtureStack({ diskThresholds: { warning: { above: warning }, critical: { above: critical } } }));
    assert.equal(alertValues(files).get('disk_usage_percent'), [warning, critical]);
    assert.equal(panelStepsFor(files, 'disk_usage_percent').get('Disk'), [warning, critical]);
  }
});

test('below-thresholds colour from red up to green at the same values', () => {
  const { files } = compileValid(fixtureStack());
  const d = JSON.parse(files.get('grafana/dashboards/fixture.json')!) as { panels: PanelJson[] };
  const health = d.panels.find((p) => p.title === 'Health')!;
  assert.equal(health.fieldConfig?.defaults.thresholds?.steps, [{ color: 'red', value: null }, { color: 'orange', value: 60 }, { color: 'green', value: 80 }]);
});

test('a panel whose colours disagree with the alerts is a compile error at the panel line', () => {
  const issues = issuesOf(fixtureStack({
    dashboards: (m) => [dashboard({ uid: 'x', title: 'X', panels: [
      panel.timeseries(m.disk, { title: 'Disk', thresholds: [70, 85] }), // MARK-mismatch
    ] })],
  }));
  assert.equal(issues.map((i) => i.code), ['dashboards/threshold-mismatch']);
  const [i] = issues;
  assert.is(i!.where.file, projectPath(import.meta.url));
  assert.is(i!.where.line, lineOf(import.meta.url, 'MARK-mismatch'));
  assert.match(i!.message, /colours at 70, 85, but the alerts on disk_usage_percent fire at 80 \(warning\), 90 \(critical\)/);
  assert.match(i!.hint, /override\(\[70, 85\]/);
  assert.equal(i!.path, ['fixture', 'dashboard x', 'panel Disk']);
});

test('disagreement is found through the queries too, not only the subject', () => {
  const issues = issuesOf(fixtureStack({
    dashboards: (m) => [dashboard({ uid: 'x', title: 'X', panels: [panel.stat({ title: 'Hot pods', queries: [scope(m.disk)], thresholds: [75] })] })],
  }));
  assert.equal(issues.map((i) => i.code), ['dashboards/threshold-mismatch']);
});

test('agreeing steps, an explicit override with a reason, and no thresholds compile', () => {
  compileValid(fixtureStack({
    dashboards: (m) => [dashboard({ uid: 'x', title: 'X', panels: [
      panel.timeseries(m.disk, { title: 'Same', thresholds: [80, 90] }),
      panel.timeseries(m.disk, { title: 'Planning', thresholds: override([50, 70], 'capacity planning: colour early') }),
      panel.timeseries(m.disk, { title: 'Plain', thresholds: 'none' }),
    ] })],
  }));
  const issues = issuesOf(fixtureStack({
    dashboards: (m) => [dashboard({ uid: 'x', title: 'X', panels: [panel.timeseries(m.disk, { title: 'P', thresholds: override([50], ' ') })] })],
  }));
  assert.equal(issues.map((i) => i.code), ['dashboards/override-reason']);
});

test('own colour levels in both directions are a compile error', () => {
  const issues = issuesOf(fixtureStack({
    dashboards: (m) => [dashboard({ uid: 'x', title: 'X', panels: [panel.stat(m.requests, { title: 'R', thresholds: { warning: { above: 5 }, critical: { below: 1 } } })] })],
  }));
  assert.equal(issues.map((i) => i.code), ['dashboards/threshold-direction']);
});

test.run();
