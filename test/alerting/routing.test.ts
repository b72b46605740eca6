// A stack routing two teams by label (nested severity routes, continue, a mute interval, a custom inhibition) compiles
// to an Alertmanager file amtool accepts, and every route's generated test passes under amtool: the built
// Alertmanager, and Debian's 0.25 where it reads the file. A mutated tree fails the route tests at the route's line.
import { execFileSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { alertmanagerFile, alertmanagerLocalFile, routeTestsFile } from '../../compiler/emit/alertmanager.ts';
import { compileStacks } from '../../compiler/compile.ts';
import { routeCases } from '../../compiler/routing/route-cases.ts';
import { allNodes } from '../../compiler/routing/tree.ts';
import { checkAlertmanagerConfig } from '../../compiler/verify/amtool-check-config.ts';
import { testRoutes } from '../../compiler/verify/amtool-routes.ts';
import { onPath } from '../../compiler/verify/tools.ts';
import { alerting, alertsFrom, gauge, receiver, route, ruleGroup, stack as stackOf } from '../../dsl/index.ts';
import teams from '../fixtures/routing-teams.ts';
import { compileValid, lineOf, projectPath, requireTool } from '../helpers/stack.ts';
import { describe, judgeFixture, replaceIn } from '../verify/helpers.ts';

requireTool('amtool', 'prometheus-alertmanager');
const compiled = compileStacks([teams])[0]!;
const { stack, files } = compiled;
const fixture = new URL('../fixtures/routing-teams.ts', import.meta.url).href;
const marked = (name: string) => lineOf(fixture, `// MARK-${name}`);
const yaml = () => parse(files.get(alertmanagerFile)!) as { route: { routes: Record<string, unknown>[] }; inhibit_rules: Record<string, unknown>[]; time_intervals: unknown[] };

test('the tree is written as the stack says: matchers, continue, grouping, the mute interval, the custom inhibition first', () => {
  const { route, inhibit_rules, time_intervals } = yaml();
  assert.equal(route.routes.map((r) => r['receiver']), ['audit', 'checkout', 'reporting', 'db-pager']);
  assert.is(route.routes[0]!['continue'], true);
  assert.equal(route.routes[1]!['group_by'], ['alertname', 'shop']);
  assert.equal((route.routes[1]!['routes'] as Record<string, unknown>[])[0], { receiver: 'checkout-pager', matchers: ['severity="critical"'], group_wait: '10s' });
  assert.equal(route.routes[2]!['mute_time_intervals'], ['weekends']);
  assert.equal(route.routes[3]!['matchers'], ['component="database"', 'team!~".+"']);
  assert.equal(inhibit_rules[0], { source_matchers: ['component="database"', 'severity="critical"'], target_matchers: ['severity="warning"', 'team="checkout"'], equal: ['namespace'] });
  assert.equal(time_intervals, [{ name: 'weekends', time_intervals: [{ weekdays: ['saturday', 'sunday'], location: 'Europe/Berlin' }] }]);
});

test('every route has a case, from an alert of the stack, with the receivers of every route it ends on', () => {
  const { cases, unproven } = routeCases(stack);
  assert.equal(unproven, []);
  assert.equal(cases.map((c) => c.route), [...allNodes(stack.alerting).slice(1).map((n) => n.name), 'default']);
  const alerts = new Set(stack.ruleGroups.flatMap((g) => g.rules).map((r) => r.name));
  for (const c of cases.slice(0, -1)) assert.ok(c.alert && alerts.has(c.alert), `${c.route} is proven by an alert of the stack`);
  // continue: the checkout team's alerts reach the audit webhook and their own receiver
  const critical = cases.find((c) => c.route.endsWith('severity="critical"'))!;
  assert.equal(critical.receivers, ['audit', 'checkout-pager']);
  assert.is(critical.labels['team'], 'checkout');
  assert.equal(JSON.parse(files.get(routeTestsFile)!).cases.map((c: { route: string }) => c.route), cases.map((c) => c.route));
});

test('amtool check-config accepts the file and every generated route test passes (the built Alertmanager)', async () => {
  const check = await judgeFixture(checkAlertmanagerConfig, undefined, compiled);
  assert.is(check.status, 'passed', describe(check));
  assert.match(check.summary, `alertmanager.yml (${stack.alerting.receivers.length} receivers, 2 inhibit rules)`);
  const routes = await judgeFixture(testRoutes, undefined, compiled);
  assert.is(routes.status, 'passed', describe(routes));
  assert.match(routes.summary, `: ${routeCases(stack).cases.length} routes × 2 files`);
});

test('a tree whose receivers are swapped fails the route tests, at the route in the stack', async () => {
  const v = await judgeFixture(testRoutes, (f) => {
    for (const path of [alertmanagerFile, alertmanagerLocalFile]) replaceIn(f, path, '- receiver: checkout-pager\n', '- receiver: checkout\n');
  }, compiled);
  assert.is(v.status, 'failed');
  assert.is(v.failures.length, 2, describe(v));
  for (const f of v.failures) {
    assert.is(f.where?.line, marked('checkout-critical'));
    assert.is(f.where?.file, projectPath(fixture));
    assert.match(f.message, 'went to audit,checkout; the stack routes team="checkout" #2 › severity="critical" to audit,checkout-pager');
  }
});

test('dropping continue fails the route tests of the routes after it', async () => {
  const v = await judgeFixture(testRoutes, (f) => replaceIn(f, alertmanagerFile, '      continue: true\n', ''), compiled);
  assert.is(v.status, 'failed');
  assert.ok(v.failures.some((f) => f.where?.line === marked('audit')), describe(v));
});

test('the severity form is the tree of one route per severity: the same Alertmanager config, receivers aside in order (an explicit tree needs an alert per route)', () => {
  const disk = gauge({ name: 'disk_used_ratio', help: 'Disk', unit: 'ratio', thresholds: { info: { above: 0.7 }, warning: { above: 0.8 }, critical: { above: 0.9 } } });
  const [pager, chat] = [receiver('pager', []), receiver('chat', [])];
  const config = (routes: Parameters<typeof alerting>[0]) => {
    const c = parse(compileValid(stackOf('s', { namespace: 'ns', metrics: [disk], groups: [ruleGroup('g', { rules: alertsFrom(disk, { summary: 's', description: 'd' }) })], alerting: alerting(routes) })).files.get(alertmanagerFile)!) as { receivers: { name: string }[] };
    return { ...c, receivers: [...c.receivers].sort((a, b) => a.name.localeCompare(b.name)) };
  };
  assert.equal(
    config({ routes: { critical: pager, warning: chat, info: chat } }),
    config({ defaultReceiver: chat, routes: (['critical', 'warning', 'info'] as const).map((severity) => route({ match: { severity }, receiver: severity === 'critical' ? pager : chat })) }),
  );
});

const debianAmtool = onPath('amtool');
test('Debian\'s amtool 0.25 judges the local profile and skips the cluster file it predates (msteamsv2_configs), saying so', async () => {
  // scripts/test.sh installs it: missing, the test fails rather than judging nothing
  if (!debianAmtool) throw new Error('Debian\'s amtool is not installed: apt-get install -y prometheus-alertmanager');
  const version = execFileSync(debianAmtool, ['--version'], { encoding: 'utf8' });
  if (!/version 0\.(2[0-7])\./.test(version)) return console.log(`  (${version.split('\n')[0]} reads msteamsv2_configs: skipped)`);
  const saved = process.env['STACKC_JUDGES_BIN'];
  process.env['STACKC_JUDGES_BIN'] = '';
  try {
    for (const judge of [checkAlertmanagerConfig, testRoutes]) {
      const v = await judgeFixture(judge, undefined, compiled);
      assert.is(v.status, 'passed', describe(v));
      assert.match(v.summary, /^amtool 0\.2\d\.\d+: /);
      assert.match(v.summary, /alertmanager\.yml not judged: amtool 0\.2\d\.\d+ predates msteamsv2_configs \(Alertmanager 0\.28\)/);
    }
  } finally {
    if (saved === undefined) delete process.env['STACKC_JUDGES_BIN'];
    else process.env['STACKC_JUDGES_BIN'] = saved;
  }
});

test.run();
