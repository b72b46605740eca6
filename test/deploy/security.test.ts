// No credential in out/: every password/token/secret mention is a reference to a Secret or a file, never a value.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { root } from '../helpers/stack.ts';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}

/** A credential-named key given a literal value (`admin-password: "admin123"`, `"api_key": "abc"`). Keys that name a
 *  file or a Secret (`api_url_file`, `secretName`, `grafanaAdminSecret`) and booleans are references or switches. */
const assignment = /^\s*-?\s*"?([\w.-]*(?:password|passwd|token|secret|api[_-]?key|routing[_-]?key|api[_-]?url)[\w.-]*)"?\s*[:=]\s*"?([^\s"{,]+)/i;
const referenceKey = /(^secret|_file|File|Secret|secretName|Ref|_names)$/;
const credentialShaped = /hooks\.slack\.com\/services\/|xox[abp]-|Bearer [A-Za-z0-9]|:\/\/[^/\s:@]+:[^/\s@]+@/;

export function credentialsIn(text: string): string[] {
  return text.split('\n').flatMap((line, i) => {
    const m = assignment.exec(line);
    const valued = m && !referenceKey.test(m[1]!) && !/^(true|false)$/.test(m[2]!);
    return valued || credentialShaped.test(line) ? [`${i + 1}: ${line.trim()}`] : [];
  });
}

test('the scan finds the seed\'s committed Grafana password and an inline Slack URL', () => {
  assert.is(credentialsIn('stringData:\n  admin-password: "admin123"  # Change this in production!\n').length, 1);
  assert.is(credentialsIn('  api_url: https://hooks.slack.com/services/T0/B0/xyz\n').length, 1);
  assert.is(credentialsIn('  api_url_file: /etc/alertmanager/secrets/alertmanager-slack/api-url\n').length, 0);
});

test('out/ holds no credential values, only references to Secrets', () => {
  const files = walk(join(root, 'out'));
  assert.ok(files.length > 10);
  const offenders = files.flatMap((f) => credentialsIn(readFileSync(f, 'utf8')).map((l) => `${relative(root, f)}:${l}`));
  assert.equal(offenders, []);
});

test.run();
