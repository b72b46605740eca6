import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { alerting, deploy, gauge, receiver, ruleGroup, alertsFrom, secretKey, slack, stack, webhook } from '../../dsl/index.ts';
import shop from '../fixtures/shop.ts';
import { issuesOf, lineOf, projectPath } from '../helpers/stack.ts';

const disk = gauge({ name: 'disk_usage_percent', help: 'Disk', unit: 'percent', thresholds: { warning: { above: 80 }, critical: { above: 90 } } });
const groups = [ruleGroup('g', { rules: alertsFrom(disk, { summary: 's', description: 'd' }) })];
const file = projectPath(import.meta.url);

test('a credential in a webhook URL is reported at the receiver, with the fix', () => {
  const leaky = receiver('ops', [webhook({ url: 'https://hooks.example.com/alert?token=abc123' })]); // MARK-leaky
  const issues = issuesOf(stack('s', { namespace: 'ns', metrics: [disk], groups, alerting: alerting({ routes: { critical: leaky, warning: leaky, info: leaky } }) }));
  const i = issues.find((x) => x.code === 'alerting/credential-in-url');
  assert.ok(i, JSON.stringify(issues));
  assert.is(i!.where.file, file);
  assert.is(i!.where.line, lineOf(import.meta.url, 'MARK-leaky'));
  assert.match(i!.hint, /bearerToken: secretKey/);
});

test('two receivers with one name, a bad Secret name, an unpinned image and a bad quantity are all reported', () => {
  const a = receiver('team', [slack({ channel: '#a', apiUrl: secretKey('Bad_Secret', 'api-url') })]);
  const b = receiver('team', []);
  const issues = issuesOf(stack('s', {
    namespace: 'ns', metrics: [disk], groups,
    alerting: alerting({ routes: { critical: a, warning: b, info: b } }),
    deploy: deploy({ images: { grafana: 'grafana/grafana:latest', prometheus: 'prom/prometheus' }, storage: { prometheus: '50 GB' } }), // MARK-deploy
  }));
  const codes = issues.map((i) => i.code).sort();
  assert.equal(codes, ['alerting/duplicate-receiver', 'alerting/duplicate-receiver', 'deploy/quantity', 'deploy/secret-name', 'deploy/unpinned-image', 'deploy/unpinned-image']);
  assert.is(issues.find((i) => i.code === 'deploy/quantity')!.where.line, lineOf(import.meta.url, 'MARK-deploy'));
});

test('receivers reading every kind of Secret and non-default deploy settings have no issues', () => {
  assert.equal(issuesOf(shop), []);
});

test.run();
