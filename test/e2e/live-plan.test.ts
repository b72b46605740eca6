// The live judge's plan and verdicts, without engines: which alerts the simulation drives and why the others are
// not, and that the routing and firing checks fail when Alertmanager or Prometheus do not do what the stack says.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { firingFailures, renderedPattern, routingVerdict, type RoutingInput } from '../../compiler/verify/live-checks.ts';
import { firingBudgetMs, livePlan, type DrivenAlert } from '../../compiler/verify/live-plan.ts';
import type { ActiveAlert, AlertmanagerAlert } from '../../compiler/verify/live-api.ts';
import fixture from '../fixtures/live-small.ts';
import { severityReceiver } from '../helpers/routing.ts';
import { compileValid } from '../helpers/stack.ts';

const { model } = compileValid(fixture);
const plan = livePlan(model);
const driven = (name: string) => plan.driven.find((d) => d.rule.name === name)!;
const reasonOf = (name: string) => plan.notDriven.find((e) => e.item.name === name)?.reason;
const alertCount = model.ruleGroups.flatMap((g) => g.rules.filter((r) => r.kind === 'alert')).length;

test('threshold alerts on simulated gauges with a short for are driven, routed by severity; the critical inhibits its warning', () => {
  assert.equal(plan.driven.map((d) => d.rule.name).sort(), ['CacheCold', 'QueueDeep', 'QueueFull']);
  assert.equal(driven('QueueFull').receivers, [severityReceiver(model, 'critical')]);
  assert.equal(driven('CacheCold').receivers, [severityReceiver(model, 'warning')]);
  assert.is(driven('QueueDeep').inhibitedBy, 'QueueFull');
  assert.is(driven('CacheCold').inhibitedBy, undefined);
  assert.ok(plan.firingDeadlineMs <= firingBudgetMs);
  assert.is(plan.driven.length + plan.notDriven.length, alertCount, 'every alert is either driven or reported');
});

test('every alert not driven is reported with its reason', () => {
  assert.match(reasonOf('BacklogStale')!, /^for: 30m: it could fire only \d+ s in, past the run's 150 s$/);
  assert.match(reasonOf('WorkerRestarted')!, /info threshold/);
  assert.match(reasonOf('JobsFailing')!, /not derived from a threshold/);
});

test('an alert whose threshold the live phase does not cross is not driven, and says where the gauge stays', () => {
  // validation rejects thresholds in both directions; the model is plain data, so the plan is shown one anyway
  const depthName = 'work_queue_depth';
  const edited = {
    ...model,
    metrics: model.metrics.map((m) => (m.name === depthName ? { ...m, thresholds: [{ severity: 'warning' as const, direction: 'above' as const, value: 50, for: '2s' }, { severity: 'critical' as const, direction: 'below' as const, value: 10, for: '2s' }] } : m)),
  };
  const p = livePlan(edited);
  assert.ok(p.driven.some((d) => d.rule.name === 'QueueFull'));
  assert.match(p.notDriven.find((e) => e.item.name === 'QueueDeep')!.reason, /^in the critical phase work_queue_depth lies in [-\d.]+…[-\d.]+, not above its warning threshold 50$/);
});

test('recording rules and panel queries are all run here (no cluster-only series in the fixture)', () => {
  assert.is(plan.recordings.length, model.ruleGroups.flatMap((g) => g.rules.filter((r) => r.kind === 'recording')).length);
  assert.equal(plan.panelsExcluded, []);
  assert.ok(plan.panels.every((q) => !q.executable.includes('$') && q.source.file === model.file));
});

// --- the checks bite ---------------------------------------------------------------------------------------

const labels = (d: DrivenAlert, extra: Record<string, string> = {}) => ({ alertname: d.rule.name, severity: d.rule.severity, namespace: model.namespace, ...d.rule.labels, ...extra });
const held = (d: DrivenAlert, receiver: string, state: AlertmanagerAlert['status']['state'] = 'active'): AlertmanagerAlert =>
  ({ labels: labels(d), receivers: [{ name: receiver }], status: { state, inhibitedBy: state === 'suppressed' ? ['x'] : [], silencedBy: [] } });
const delivery = (d: DrivenAlert, receiver: string, at = 2000) =>
  ({ path: `/alerts/${receiver}`, pathReceiver: receiver, at, notification: { receiver, status: 'firing' as const, alerts: [{ status: 'firing' as const, labels: labels(d), annotations: {} }] } });
const input = (over: Partial<RoutingInput>): RoutingInput => ({
  stack: model.name, fired: [], held: [], deliveries: [], groupBy: model.alerting.groupBy, groupIntervalMs: 2000, ...over,
});

test('routing passes when Alertmanager routes and delivers as the stack says, and holds the inhibited alert', () => {
  const [full, deep, cold] = [driven('QueueFull'), driven('QueueDeep'), driven('CacheCold')];
  const v = routingVerdict(input({
    fired: [full, deep, cold].map((alert) => ({ alert, firedAt: 1000 })),
    held: [held(full, full.receivers[0]!), held(deep, deep.receivers[0]!, 'suppressed'), held(cold, cold.receivers[0]!)],
    deliveries: [delivery(full, full.receivers[0]!), delivery(cold, cold.receivers[0]!)],
  }));
  assert.equal(v.failures, []);
});

test('routing fails, at the rule, when an alert goes to another receiver, is not delivered, or escapes its inhibition', () => {
  const [full, deep, cold] = [driven('QueueFull'), driven('QueueDeep'), driven('CacheCold')];
  const v = routingVerdict(input({
    fired: [full, deep, cold].map((alert) => ({ alert, firedAt: 1000 })),
    held: [held(full, cold.receivers[0]!), held(deep, deep.receivers[0]!, 'active'), held(cold, cold.receivers[0]!)],
    deliveries: [delivery(full, cold.receivers[0]!)],
  }));
  const messages = v.failures.map((f) => f.message);
  assert.ok(messages.some((m) => m === `Alertmanager routed QueueFull (critical) to ${cold.receivers[0]!}; the stack routes it to ${full.receivers[0]!}`), messages.join('\n'));
  assert.ok(messages.some((m) => m === `QueueFull was delivered to ${cold.receivers[0]!}; the stack routes it to ${full.receivers[0]!}`), messages.join('\n'));
  assert.ok(messages.some((m) => m.startsWith('QueueDeep is active in Alertmanager although QueueFull fires')), messages.join('\n'));
  assert.ok(messages.some((m) => m === `CacheCold was not delivered to ${cold.receivers[0]!}'s webhook within group_wait`), messages.join('\n'));
  assert.ok(v.failures.every((f) => f.where?.file === model.file));
});

test('an alert that never reaches Alertmanager fails; one joining a group already notified is noted, not failed', () => {
  const cold = driven('CacheCold');
  assert.match(routingVerdict(input({ fired: [{ alert: cold, firedAt: 1000 }] })).failures[0]!.message, /never reached Alertmanager/);
  const late = routingVerdict(input({ fired: [{ alert: cold, firedAt: 5000 }], held: [held(cold, cold.receivers[0]!)], deliveries: [{ ...delivery(cold, cold.receivers[0]!, 1000), notification: { ...delivery(cold, cold.receivers[0]!).notification, alerts: [{ status: 'resolved', labels: labels(cold), annotations: {} }] } }] }));
  assert.equal(late.failures, []);
  assert.match(late.notes[0]!, /group_interval \(2 s\)/);
});

test('firing fails, at the rule, for a driven alert that is not firing or fires with other labels or a raw template', () => {
  const [full, cold] = [driven('QueueFull'), driven('CacheCold')];
  const active: ActiveAlert[] = [
    { labels: labels(full, { severity: 'warning' }), annotations: { summary: full.rule.annotations.summary!, description: '{{ $value }}' }, state: 'firing', value: '90' },
    { labels: labels(cold), annotations: {}, state: 'pending', value: '0.3' },
  ];
  const messages = firingFailures(model.name, [full, cold], active).map((f) => f.message);
  assert.ok(messages.some((m) => m === 'QueueFull fired with severity="warning", its rule sets "critical"'), messages.join('\n'));
  assert.ok(messages.some((m) => m.startsWith('QueueFull: annotation description rendered as "{{ $value }}"')), messages.join('\n'));
  assert.ok(messages.some((m) => m.startsWith('CacheCold did not fire within') && m.includes('pending')), messages.join('\n'));
});

test('a rendered annotation has every label filled in and a number for $value; a raw template does not match', () => {
  const pattern = renderedPattern('Depth is {{ $value }} on {{ $labels.queue }}', { queue: 'q-1' })!;
  assert.match('Depth is 93.25 on q-1', pattern);
  assert.not.match('Depth is {{ $value }} on q-1', pattern);
  assert.not.match('Depth is 93.25 on ', pattern);
  assert.match('Took 2.31s', renderedPattern('Took {{ $value | humanizeDuration }}', {})!);
  assert.is(renderedPattern('{{ range $x }}y{{ end }}', {}), undefined);
});

test.run();
