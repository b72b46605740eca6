// Email, Opsgenie and Microsoft Teams receivers read every credential from a file mounted from a Secret: out/ holds
// references only (the credential scan passes, and fails when a value is written in), and Alertmanager's Deployment
// mounts each Secret the receivers name.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { alertmanagerFile } from '../../compiler/emit/alertmanager.ts';
import { compileStacks } from '../../compiler/compile.ts';
import { scanCredentials } from '../../compiler/verify/credentials.ts';
import teams from '../fixtures/routing-teams.ts';
import { lineOf } from '../helpers/stack.ts';
import { describe, judgeFixture, replaceIn } from '../verify/helpers.ts';

const compiled = compileStacks([teams])[0]!;
const { stack, files } = compiled;
type Config = { receivers: Record<string, Record<string, unknown>[] | string>[] };
const config = parse(files.get(alertmanagerFile)!) as Config;
const configsOf = (name: string, key: string) => config.receivers.find((r) => r['name'] === name)![key] as Record<string, unknown>[];
const notifiers = stack.alerting.receivers.flatMap((r) => r.notifiers);
const smtp = notifiers.flatMap((n) => (n.kind === 'email' && n.authPassword ? [n.authPassword] : []))[0]!;
const opsgenieKey = notifiers.flatMap((n) => (n.kind === 'opsgenie' ? [n.apiKey] : []))[0]!;
const teamsUrl = notifiers.flatMap((n) => (n.kind === 'msteams' ? [n.webhookUrl] : []))[0]!;
const secretRefs = [smtp, opsgenieKey, teamsUrl];

test('email, Opsgenie and Teams credentials are *_file paths into the mounted Secrets', () => {
  const file = (ref: { secret: string; key: string }) => `/etc/alertmanager/secrets/${ref.secret}/${ref.key}`;
  assert.is(configsOf('ops', 'email_configs')[0]!['auth_password_file'], file(smtp));
  assert.is(configsOf('checkout-pager', 'opsgenie_configs')[0]!['api_key_file'], file(opsgenieKey));
  assert.is(configsOf('checkout', 'msteamsv2_configs')[0]!['webhook_url_file'], file(teamsUrl));
  // an email receiver without a login has no password at all
  assert.not.ok('auth_password_file' in configsOf('reporting', 'email_configs')[0]!);
});

test('Alertmanager\'s Deployment mounts every Secret a receiver reads', () => {
  const manifests = [...files].filter(([p]) => p.startsWith('kubernetes/') && !p.includes('/operator/') && p.endsWith('.yaml'))
    .flatMap(([, text]) => parseAllDocuments(text).map((d) => d.toJSON() as { kind: string; metadata: { name: string }; spec: { template: { spec: { volumes: { secret?: { secretName: string } }[] } } } }));
  const alertmanager = manifests.find((m) => m?.kind === 'Deployment' && m.metadata.name === 'alertmanager')!;
  const mounted = alertmanager.spec.template.spec.volumes.flatMap((v) => (v.secret ? [v.secret.secretName] : []));
  for (const ref of secretRefs) assert.ok(mounted.includes(ref.secret), `${ref.secret} mounted`);
});

test('the credential scan passes on the stack, and fails at the receiver when a Teams webhook URL is written in', async () => {
  const clean = await judgeFixture(scanCredentials, undefined, compiled);
  assert.is(clean.status, 'passed', describe(clean));
  const url = 'https://example.webhook.office.com/workflows/notarealsecret';
  const v = await judgeFixture(scanCredentials, (f) => replaceIn(f, alertmanagerFile, /webhook_url_file: \S+/, `webhook_url: ${url}`), compiled);
  assert.is(v.status, 'failed');
  assert.is(v.failures.length, 1, describe(v));
  assert.is(v.failures[0]!.where?.line, lineOf(new URL('../fixtures/routing-teams.ts', import.meta.url).href, '// MARK-checkout-receiver'));
  assert.not.match(v.failures[0]!.message, 'notarealsecret');
});

test.run();
