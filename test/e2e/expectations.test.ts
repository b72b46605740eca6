// The live test's plan comes from the model: which alerts must fire, resolve or be inhibited, which panel queries
// must return data, and how a rendered annotation must look. Checked here without any engine.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import platform, { uptime } from '../../stacks/platform.ts';
import { compileValid } from '../helpers/stack.ts';
import { firingPlan, inhibitedAlerts, panelPlan, renderedPattern, resolvingAlerts } from './expectations.ts';

const { model: stack } = compileValid(platform);
const plan = firingPlan(stack);
const reasonOf = (name: string) => plan.excluded.find((e) => e.item.name === name)?.reason;

test('alerts over cluster-only series or with a long for are left out, each with its reason', () => {
  assert.is(reasonOf('PodCrashLooping'), 'needs kube_pod_container_status_restarts_total (kube-state-metrics), scraped only in a cluster');
  assert.is(reasonOf('HighCPUUsage'), 'for: 2m is longer than the run holds the critical phase (1m)');
  assert.equal(plan.expected.map((a) => a.name).sort(), [
    'AnomalyDetected', 'CriticalCPUUsage', 'CriticalErrorRate', 'CriticalMemoryUsage', 'CriticalResponseTime',
    'HealingActionFailed', 'HealingActionStuck', 'HighErrorRate', 'LowSystemUptime',
  ]);
  assert.is(plan.expected.length + plan.excluded.length, stack.ruleGroups.flatMap((g) => g.rules.filter((r) => r.kind === 'alert')).length);
});

test('the compiled inhibit rules decide which expected alerts are suppressed; uptime and window alerts do not resolve', () => {
  assert.equal([...inhibitedAlerts(stack, plan.expected)], [['HighErrorRate', 'CriticalErrorRate']]);
  const resolving = resolvingAlerts(plan.expected, uptime.name).map((a) => a.name);
  assert.not.ok(resolving.includes('LowSystemUptime'));
  assert.not.ok(resolving.includes('AnomalyDetected'));
  assert.ok(resolving.includes('CriticalCPUUsage'));
});

test('only panel queries on kube-state-metrics series are not run', () => {
  const { runnable, excluded } = panelPlan(stack);
  assert.equal(excluded.map((e) => `${e.item.panel} ${e.item.refId}`), ['Active Pods A', 'Active Pods B']);
  assert.ok(runnable.every((q) => !q.executable.includes('$')), 'every Grafana variable replaced');
});

test('a rendered annotation has every label filled in and a number for $value; a raw template does not match', () => {
  const pattern = renderedPattern('CPU usage is {{ $value }}% on {{ $labels.pod }}', { pod: 'p-0' });
  assert.match('CPU usage is 93.25% on p-0', pattern);
  assert.not.match('CPU usage is {{ $value }}% on p-0', pattern);
  assert.not.match('CPU usage is 93.25% on ', pattern);
  assert.match('Response time is 2.31s on p-0', renderedPattern('Response time is {{ $value | humanizeDuration }} on {{ $labels.pod }}', { pod: 'p-0' }));
});

test.run();
