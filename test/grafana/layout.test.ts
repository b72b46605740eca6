// Layout: every panel inside the 24-column grid, no two overlapping, ids unique and stable across compiles.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toModel } from '../../dsl/to-model.ts';
import { layout, gridColumns, type GridPos } from '../../compiler/emit/grafana-layout.ts';
import { dashboard, panel, row } from '../../dsl/index.ts';
import shop from '../fixtures/shop.ts';
import { compileValid, issuesOf } from '../helpers/stack.ts';
import { fixtureStack } from './fixture.ts';

function overlap(a: GridPos, b: GridPos): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function assertSound(items: readonly { id: number; gridPos: GridPos }[]): void {
  const ids = items.map((i) => i.id);
  assert.is(new Set(ids).size, ids.length, 'ids are unique');
  for (const [i, a] of items.entries()) {
    assert.ok(a.gridPos.x >= 0 && a.gridPos.w >= 1 && a.gridPos.x + a.gridPos.w <= gridColumns, `item ${a.id} fits 24 columns`);
    for (const b of items.slice(i + 1)) assert.not.ok(overlap(a.gridPos, b.gridPos), `items ${a.id} and ${b.id} overlap`);
  }
}

test('the dashboards of a stack with rows and every panel type fit the grid without overlaps', () => {
  const { dashboards } = toModel(shop);
  assert.ok(dashboards.length > 0);
  for (const d of dashboards) assertSound(layout(d));
});

test('the emitted JSON has the same sound layout', () => {
  const { files } = compileValid(fixtureStack());
  const d = JSON.parse(files.get('grafana/dashboards/fixture.json')!) as { panels: { id: number; gridPos: GridPos }[] };
  assertSound(d.panels);
});

test('many panels of mixed sizes wrap, rows start below everything above them', () => {
  const sizes = [[5, 3], [24, 2], [13, 9], [12, 4], [7, 7], [1, 1], [23, 5], [6, 8], [18, 2], [11, 6], [19, 3], [4, 4]] as const;
  const { model } = compileValid(fixtureStack({
    dashboards: (m) => [dashboard({
      uid: 'grid', title: 'Grid',
      panels: sizes.slice(0, 6).map(([w, h], i) => panel.timeseries(m.disk, { title: `a${i}`, width: w, height: h })),
      rows: [row('More', sizes.slice(6).map(([w, h], i) => panel.stat(m.disk, { title: `b${i}`, width: w, height: h })))],
    })],
  }));
  const items = layout(model.dashboards[0]!);
  assertSound(items);
  const rowItem = items.find((i) => i.kind === 'row')!;
  const above = items.slice(0, items.indexOf(rowItem));
  assert.ok(above.every((i) => i.gridPos.y + i.gridPos.h <= rowItem.gridPos.y), 'a row header starts below the panels before it');
});

test('ids and places are deterministic: the same stack lays out the same', () => {
  const a = layout(toModel(shop).dashboards[0]!).map((i) => [i.id, i.gridPos]);
  const b = layout(toModel(shop).dashboards[0]!).map((i) => [i.id, i.gridPos]);
  assert.equal(a, b);
});

test('ids are unique and follow the titles: adding a panel does not renumber the others', () => {
  const dashboardOf = (titles: string[]) => layout(toModel(fixtureStack({
    dashboards: (m) => [dashboard({ uid: 'ids', title: 'Ids', panels: titles.map((title) => panel.stat(m.disk, { title })) })],
  })).dashboards[0]!);
  const before = new Map(dashboardOf(['Disk', 'Memory', 'Network']).map((i) => [i.kind === 'panel' ? i.panel.title : '', i.id]));
  const after = dashboardOf(['New first', 'Disk', 'Memory', 'Network']);
  for (const i of after) if (i.kind === 'panel' && before.has(i.panel.title)) assert.is(i.id, before.get(i.panel.title), i.panel.title);
  const all = layout(toModel(shop).dashboards[0]!).map((i) => i.id);
  assert.is(new Set(all).size, all.length);
  assert.ok(all.every((id) => Number.isInteger(id) && id > 0 && id < 1_000_000));
});

test('a panel wider than the grid is a compile error', () => {
  const issues = issuesOf(fixtureStack({ dashboards: (m) => [dashboard({ uid: 'w', title: 'W', panels: [panel.gauge(m.disk, { title: 'Wide', width: 30 })] })] }));
  assert.equal(issues.map((i) => i.code), ['dashboards/panel-width']);
});

test.run();
