// The credential scan: no plaintext secret in any emitted file. A password or a Slack webhook written into the output
// fails at the file and line, mapped to the receiver when it is in an Alertmanager file; the value is never printed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { alertmanagerFile } from '../../compiler/emit/alertmanager.ts';
import { credentialsIn, scanCredentials } from '../../compiler/verify/credentials.ts';
import { severityReceiver } from '../helpers/routing.ts';
import { describe, judgeFixture, marked, queueStack } from './helpers.ts';

const { stack, files } = queueStack;

test('the fixture holds references to Secrets only', async () => {
  const v = await judgeFixture(scanCredentials);
  assert.is(v.status, 'passed', describe(v));
  assert.is(v.summary, `${files.size} files, no credential values`);
});

test('the scan tells values from references', () => {
  assert.is(credentialsIn('stringData:\n  admin-password: "hunter2"\n')[0]?.line, 2);
  assert.is(credentialsIn('  api_url: https://hooks.slack.com/services/T0/B0/xyz\n').length, 1);
  assert.is(credentialsIn('url: https://user:pass@example.com/hook\n').length, 1);
  assert.equal(credentialsIn('  api_url_file: /etc/alertmanager/secrets/s/url\n  secretName: s\n  send_resolved: true\n'), []);
});

test('a Slack webhook written into the Alertmanager config fails at the receiver, without printing it', async () => {
  const secret = 'https://hooks.slack.com/services/T000/B000/notarealtoken';
  const v = await judgeFixture(scanCredentials, (f) => f.set(alertmanagerFile, f.get(alertmanagerFile)!.replace(/api_url_file: \S+/, `api_url: ${secret}`)));
  assert.is(v.status, 'failed');
  assert.is(v.failures.length, 1, describe(v));
  assert.is(v.failures[0]!.where?.line, marked('chat'));
  assert.equal(v.failures[0]!.path, [stack.name, 'alerting', `receiver ${severityReceiver(stack, 'warning')}`]);
  assert.not.match(v.failures[0]!.message, 'notarealtoken');
});

test('a password in a manifest fails at its file and line', async () => {
  const v = await judgeFixture(scanCredentials, (f) => f.set('kubernetes/99-secret.yaml', 'apiVersion: v1\nkind: Secret\nstringData:\n  admin-password: hunter2\n'));
  assert.is(v.status, 'failed');
  assert.match(v.failures[0]!.message, /^kubernetes\/99-secret\.yaml:4: a value for admin-password/);
  assert.not.match(v.failures[0]!.message, 'hunter2');
});

test.run();
