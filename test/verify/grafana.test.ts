// The Grafana types judge on the fixture stack: its dashboard type-checks against the Foundation SDK; an unknown
// option fails at the panel's line in the stack, a wrong dashboard field at the dashboard.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dashboardPath } from '../../compiler/emit/grafana.ts';
import { checkDashboardTypes, diagnostics } from '../../compiler/verify/grafana-types.ts';
import { describe, judgeFixture, marked, queueStack } from './helpers.ts';

const { stack } = queueStack;
const dashboard = stack.dashboards[0]!;
const path = dashboardPath(dashboard);
type Json = { graphTooltip?: unknown; panels: { type: string; options?: Record<string, unknown> }[] };
const edit = (change: (d: Json) => void) => (f: Map<string, string>) => {
  const d = JSON.parse(f.get(path)!) as Json;
  change(d);
  f.set(path, JSON.stringify(d, null, 2));
};

test('the fixture dashboard type-checks against Grafana\'s published types', async () => {
  const v = await judgeFixture(checkDashboardTypes);
  assert.is(v.status, 'passed', describe(v));
  assert.is(v.summary, `1 dashboard, ${dashboard.rows.flatMap((r) => r.panels).length} panels and rows`);
});

test('an unknown panel option fails at the panel in the stack file', async () => {
  const v = await judgeFixture(checkDashboardTypes, edit((d) => { d.panels.find((p) => p.type === 'gauge')!.options!['showTresholdMarkers'] = true; }));
  assert.is(v.status, 'failed');
  assert.is(v.failures.length, 1, describe(v));
  assert.match(v.failures[0]!.message, /showTresholdMarkers/);
  assert.is(v.failures[0]!.where?.line, marked('gauge'));
  assert.equal(v.failures[0]!.path, [stack.name, `dashboard ${dashboard.uid}`, 'panel Backlog']);
});

test('a dashboard field of the wrong type fails at the dashboard', async () => {
  const v = await judgeFixture(checkDashboardTypes, edit((d) => { d.graphTooltip = 'shared'; }));
  assert.is(v.status, 'failed');
  assert.match(v.failures[0]!.message, /graphTooltip/);
  assert.equal(v.failures[0]!.where, dashboard.source);
});

test('tsc diagnostics keep their continuation lines', () => {
  const found = diagnostics("dashboards.ts(3,7): error TS2322: Type 'x' is not assignable.\n  Types of property 'a' are incompatible.\n");
  assert.equal(found, [{ line: 3, column: 7, message: "error TS2322: Type 'x' is not assignable.\n  Types of property 'a' are incompatible." }]);
});

test.run();
