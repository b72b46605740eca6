// No credential in the output: every password/token/secret mention is a reference to a Secret or a file, never a
// value. The scan is verify's credential judge (compiler/verify/credentials.ts), which npm test runs on every stack.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import shop from '../fixtures/shop.ts';
import { compileValid } from '../helpers/stack.ts';
import type { Files } from '../../compiler/emit/files.ts';
import { credentialsIn } from '../../compiler/verify/credentials.ts';

/** `path:line` of every credential value in a stack's emitted files. */
const credentialsInFiles = (files: Files) => [...files].flatMap(([path, text]) => credentialsIn(text).map((c) => `${path}:${c.line}`));

test('the scan finds a committed Grafana password and an inline Slack URL', () => {
  assert.is(credentialsIn('stringData:\n  admin-password: "admin123"  # Change this in production!\n').length, 1);
  assert.is(credentialsIn('  api_url: https://hooks.slack.com/services/T0/B0/xyz\n').length, 1);
  assert.is(credentialsIn('  api_url_file: /etc/alertmanager/secrets/alertmanager-slack/api-url\n').length, 0);
});

test('a stack whose receivers read Slack, PagerDuty and webhook Secrets emits only references to them', () => {
  const { model, files } = compileValid(shop);
  const secrets = model.alerting.receivers.flatMap((r) => r.notifiers.flatMap((n) =>
    n.kind === 'slack' ? [n.apiUrl] : n.kind === 'pagerduty' ? [n.routingKey] : n.kind === 'webhook' && n.bearerToken ? [n.bearerToken] : []));
  assert.ok(secrets.length >= 3, 'the fixture reads credentials of every kind');
  const alertmanager = files.get('alertmanager/alertmanager.yml')!;
  for (const s of secrets) assert.ok(alertmanager.includes(`/etc/alertmanager/secrets/${s.secret}/${s.key}`), `${s.secret}/${s.key} read from its file`);
  assert.equal(credentialsInFiles(files), []);
});

test('the scan over emitted files reports a file and line', () => {
  const files = new Map([['alertmanager/alertmanager.yml', 'receivers:\n  - api_url: https://hooks.slack.com/services/T0/B0/xyz\n']]);
  assert.equal(credentialsInFiles(files), ['alertmanager/alertmanager.yml:2']);
  assert.not.match(JSON.stringify(credentialsIn(files.get('alertmanager/alertmanager.yml')!)), /xyz/, 'the value itself is never repeated');
});

test.run();
