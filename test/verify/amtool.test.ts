// The amtool judges on the fixture stack: the configs load and every route reaches the receiver the stack names;
// a broken config or a route sent elsewhere fails, at the stack's alerting or receiver.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { alertmanagerFile, alertmanagerLocalFile } from '../../compiler/emit/alertmanager.ts';
import { severities, type Severity } from '../../compiler/model.ts';
import { checkAlertmanagerConfig } from '../../compiler/verify/amtool-check-config.ts';
import { testRoutes } from '../../compiler/verify/amtool-routes.ts';
import { routeCases } from '../../compiler/routing/route-cases.ts';
import { severityReceiver } from '../helpers/routing.ts';
import { requireTool } from '../helpers/stack.ts';
import { describe, judgeFixture, marked, queueStack, replaceIn } from './helpers.ts';

requireTool('amtool', 'prometheus-alertmanager');
const { stack } = queueStack;
const routes = Object.fromEntries(severities.map((s) => [s, severityReceiver(stack, s)])) as Record<Severity, string>;

test('one alert per route, from the model: each severity, and the default route', () => {
  const { cases, unproven } = routeCases(stack);
  assert.is(cases.length, severities.length + 1);
  assert.equal(unproven, []);
  for (const s of severities) {
    const c = cases.find((x) => x.route === `severity="${s}"`)!;
    assert.equal(c.receivers, [routes[s]]);
    assert.is(c.labels['severity'], s);
    const alert = stack.ruleGroups.flatMap((g) => g.rules).find((r) => r.kind === 'alert' && r.severity === s);
    if (alert) assert.is(c.labels['alertname'], alert.name);
  }
  assert.equal(cases.at(-1), { route: 'default', labels: { alertname: 'AlertWithoutSeverity' }, receivers: [stack.alerting.defaultReceiver] });
});

test('amtool check-config and config routes test pass on the fixture', async () => {
  const check = await judgeFixture(checkAlertmanagerConfig);
  assert.is(check.status, 'passed', describe(check));
  assert.match(check.summary, `alertmanager.yml (${stack.alerting.receivers.length} receivers`);
  const routesVerdict = await judgeFixture(testRoutes);
  assert.is(routesVerdict.status, 'passed', describe(routesVerdict));
  assert.match(routesVerdict.summary, new RegExp(`^amtool \\S+: ${severities.length + 1} routes × 2 files$`));
});

test('a receiver the routes name but the config lacks fails check-config, at the receiver', async () => {
  const v = await judgeFixture(checkAlertmanagerConfig, (f) => replaceIn(f, alertmanagerFile, `- name: ${routes.warning}\n`, '- name: renamed\n'));
  assert.is(v.status, 'failed');
  assert.is(v.failures.length, 1, describe(v));
  assert.match(v.failures[0]!.message, routes.warning);
  assert.is(v.failures[0]!.where?.line, marked('chat'));
  assert.equal(v.failures[0]!.path, [stack.name, 'alerting', `receiver ${routes.warning}`]);
});

test('a route sent to another receiver fails config routes test, at the stack\'s alerting', async () => {
  const v = await judgeFixture(testRoutes, (f) => {
    for (const path of [alertmanagerFile, alertmanagerLocalFile]) {
      replaceIn(f, path, `- receiver: ${routes.critical}\n      matchers:\n        - severity="critical"`, `- receiver: ${routes.warning}\n      matchers:\n        - severity="critical"`);
    }
  });
  assert.is(v.status, 'failed');
  assert.is(v.failures.length, 2, describe(v));
  for (const f of v.failures) {
    assert.equal(f.path, [stack.name, 'alerting', 'route severity="critical"']);
    assert.is(f.where?.line, marked('alerting'));
    assert.match(f.message, `went to ${routes.warning}; the stack routes severity="critical" to ${routes.critical}`);
  }
});

test.run();
