// Compile errors of the routing tree, each at the line that made the mistake: a route no alert can reach (a typo, or
// shadowed by an earlier route without continue), bad matchers, unknown or malformed time intervals, secrets given as
// values. The severity form never reports its routes unreachable.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  alerting, alertsFrom, email, gauge, inhibit, not, receiver, route, ruleGroup, secretKey, slack, stack, timeInterval,
  type TimeIntervalDefinition,
} from '../../dsl/index.ts';
import type { SecretKeyRef } from '../../compiler/model-deploy.ts';
import type { Issue } from '../../compiler/issues.ts';
import { issuesOf, lineOf, projectPath } from '../helpers/stack.ts';

const file = projectPath(import.meta.url);
const line = (name: string) => lineOf(import.meta.url, `// MARK-${name}`);
const disk = gauge({ name: 'disk_used_ratio', help: 'Disk', unit: 'ratio', labels: ['volume'], thresholds: { warning: { above: 0.8 }, critical: { above: 0.9 } } });
const groups = [ruleGroup('disk', { rules: alertsFrom(disk, { summary: 's', description: 'd', labels: { team: 'storage' } }) })];
const ops = receiver('ops', [slack({ channel: '#ops', apiUrl: secretKey('ops-slack', 'url') })]);
const storage = receiver('storage', [slack({ channel: '#storage', apiUrl: secretKey('storage-slack', 'url') })]);
const tree = (routes: Parameters<typeof alerting>[0]['routes'], extra: object = {}) =>
  issuesOf(stack('s', { namespace: 'ns', metrics: [disk], groups, alerting: alerting({ defaultReceiver: ops, routes, ...extra } as Parameters<typeof alerting>[0]) }));
const only = (issues: Issue[], code: string) => {
  const found = issues.filter((i) => i.code === code);
  assert.is(found.length, 1, JSON.stringify(issues, null, 1));
  return found[0]!;
};

test('a route whose matcher no alert carries fails compile at its line, naming the values the alerts carry', () => {
  const i = only(tree([route({ match: { team: 'storgae' }, receiver: storage })]), 'alerting/unreachable-route'); // MARK-typo
  assert.equal([i.where.file, i.where.line], [file, line('typo')]);
  assert.is(i.message, 'no alert of the stack can reach route team="storgae" (receiver storage)');
  assert.is(i.hint, 'no alert carries team="storgae"; the stack\'s alerts carry team: "storage"');
  assert.equal(i.path, ['s', 'alerting', 'route team="storgae"']);
});

test('a route shadowed by an earlier one without continue fails compile, saying which and how to fix it', () => {
  const issues = tree([
    route({ match: { team: 'storage' }, receiver: storage }), // MARK-first
    route({ match: { team: 'storage', severity: 'critical' }, receiver: ops }), // MARK-shadowed
  ]);
  const i = only(issues, 'alerting/unreachable-route');
  assert.is(i.where.line, line('shadowed'));
  assert.match(i.hint, `taken first by route team="storage" (${file}:${line('first')}), which has no continue`);
  assert.equal(tree([route({ match: { team: 'storage' }, receiver: storage, continue: true }), route({ match: { team: 'storage', severity: 'critical' }, receiver: ops })]), []);
});

test('a nested route is reachable through its parent only; a matcher on a label the expression returns may hold', () => {
  const i = only(tree([route({ match: { team: 'storage' }, receiver: storage, routes: [route({ match: { severity: 'info' }, receiver: ops })] })]), 'alerting/unreachable-route'); // MARK-nested
  assert.is(i.where.line, line('nested'));
  assert.is(i.message, 'no alert of the stack can reach route team="storage" › severity="info" (receiver ops)');
  // volume comes from the data: the first route may take an alert or not, so the second stays reachable
  assert.equal(tree([route({ match: { volume: /data-.*/ }, receiver: storage }), route({ match: { severity: /critical|warning/, team: not('billing') } })]), []);
});

test('the severity form never reports a severity without alerts', () => {
  assert.equal(issuesOf(stack('s', { namespace: 'ns', metrics: [disk], groups, alerting: alerting({ routes: { critical: ops, warning: storage, info: storage } }) })), []);
});

test('bad matchers, label names, durations and an inhibition without targets are reported at their lines', () => {
  const issues = tree([
    route({ match: { team: /storage/i }, receiver: storage }), // MARK-flags
    route({ match: { 'bad-label': 'x', severity: /(?=critical)/ }, receiver: storage, groupBy: ['alert name'] }), // MARK-bad
  ], { inhibit: [inhibit({ source: { team: 'storage' }, target: {} })] }); // MARK-inhibit
  const bad = issues.filter((i) => i.code === 'alerting/bad-matcher');
  assert.equal(bad.map((i) => i.where.line), [line('flags'), line('bad'), line('bad')]);
  assert.match(bad[0]!.message, 'matcher team=~"(?i)storage": /(?i)storage/ is not a valid regular expression');
  assert.match(bad[1]!.message, '"bad-label" is not a label name');
  assert.match(bad[2]!.message, 'lookaround');
  assert.is(only(issues, 'alerting/label-name').where.line, line('bad'));
  assert.is(only(issues, 'alerting/inhibit-matches-all').where.line, line('inhibit'));
  assert.not.ok(issues.some((i) => i.code === 'alerting/unreachable-route'), 'a route with a bad matcher is not also reported unreachable');
});

test('time intervals: a name no interval has, a malformed range, two intervals of one name', () => {
  const nights = timeInterval('nights', { times: [{ start: '22:00', end: '06:00' }], location: 'Mars/Olympus' }); // MARK-nights
  const twin = timeInterval('nights', { weekdays: ['sunday'] });
  const issues = tree([
    route({ match: { team: 'storage' }, receiver: storage, muteWhen: [nights, twin], activeWhen: ['office' as unknown as TimeIntervalDefinition] }), // MARK-unknown
  ]);
  const unknown = only(issues, 'alerting/unknown-time-interval');
  assert.is(unknown.where.line, line('unknown'));
  assert.match(unknown.message, 'names time interval "office", which the stack does not define');
  const malformed = issues.filter((i) => i.code === 'alerting/time-interval');
  assert.equal(malformed.map((i) => i.where.line), [line('nights'), line('nights')]);
  assert.match(malformed[0]!.message, 'time 22:00–06:00 ends before it starts');
  assert.match(malformed[1]!.message, 'location "Mars/Olympus" is not an IANA time zone');
  assert.is(only(issues, 'alerting/duplicate-time-interval').message, 'two different time intervals are named "nights"');
});

test('a secret given as a value, a malformed address and a tree without its default receiver are refused', () => {
  const leaky = receiver('mail', [email({ to: 'storage', from: 'alerts@example.com', smarthost: 'smtp.example.com', authPassword: 'hunter2' as unknown as SecretKeyRef })]); // MARK-leaky
  const issues = issuesOf(stack('s', { namespace: 'ns', metrics: [disk], groups, alerting: alerting({ routes: [route({ match: { team: 'storage' }, receiver: leaky })] } as unknown as Parameters<typeof alerting>[0]) })); // MARK-nodefault
  const secret = only(issues, 'alerting/secret-as-string');
  assert.is(secret.where.line, line('leaky'));
  assert.is(secret.message, 'email authPassword is given as a value; a credential would be written to out/');
  assert.not.match(JSON.stringify(issues), 'hunter2');
  assert.equal(issues.filter((i) => i.code === 'alerting/email').map((i) => i.message), ['email to "storage" is not an e-mail address', 'email smarthost "smtp.example.com" is not host:port']);
  assert.is(only(issues, 'alerting/default-receiver').where.line, line('nodefault'));
});

test.run();
