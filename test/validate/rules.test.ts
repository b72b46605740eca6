import { test } from 'uvu';
import { alert, alertsFrom, counter, gauge, histogram, increase, promql, rate, record, ruleGroup, stack, sum } from '../../dsl/index.ts';
import type { AnyMetric } from '../../dsl/metrics.ts';
import type { RuleGroupDefinition } from '../../dsl/rules.ts';
import { runCases } from './cases.ts';

const fraudFlags = counter({ name: 'fraud_flags_total', help: 'Orders flagged as fraud', labels: ['rule', 'severity'] });
const bad = (metrics: readonly AnyMetric[], groups: readonly RuleGroupDefinition[] = []) =>
  stack('bad', { namespace: 'bad', metrics: [fraudFlags, ...metrics], groups });

runCases(import.meta.url, [
  // thresholds
  { name: 'critical not stricter than warning', code: 'thresholds/order', message: /critical threshold \(above 5\) is not stricter than the warning threshold \(above 10\)/,
    marker: 'at:order', stack: () => bad([gauge({ name: 'queue_fill_percent', help: 'h', unit: 'percent', thresholds: { warning: { above: 10 }, critical: { above: 5 } } })]) }, // at:order
  { name: 'below thresholds must go down', code: 'thresholds/order', message: /critical threshold \(below 80\) is not stricter/,
    marker: 'at:below', stack: () => bad([gauge({ name: 'score', help: 'h', range: [0, 100], thresholds: { warning: { below: 60 }, critical: { below: 80 } } })]) }, // at:below
  { name: 'mixed directions', code: 'thresholds/direction', message: /both above and below/,
    marker: 'at:direction', stack: () => bad([gauge({ name: 'queue_length', help: 'h', thresholds: { warning: { above: 10 }, critical: { below: 1 } } })]) }, // at:direction
  { name: 'percent outside 0–100', code: 'thresholds/range', message: /150 is outside the range of its values, 0 to 100/,
    marker: 'at:percent', stack: () => bad([gauge({ name: 'disk_percent', help: 'h', unit: 'percent', thresholds: { critical: { above: 150 } } })]) }, // at:percent
  { name: 'ratio written as a percentage', code: 'thresholds/range', message: /85 is outside the range of its values, 0 to 1/, hint: /0\.85/,
    marker: 'at:ratio', stack: () => bad([gauge({ name: 'accuracy_ratio', help: 'h', unit: 'ratio', thresholds: { warning: { below: 85 } } })]) }, // at:ratio
  { name: 'declared range', code: 'thresholds/range', message: /-1 is outside the range/,
    marker: 'at:range', stack: () => bad([gauge({ name: 'health_score', help: 'h', range: [0, 100], thresholds: { warning: { below: -1 } } })]) }, // at:range
  { name: 'invalid for', code: 'thresholds/invalid-duration', message: /for: "2 minutes" is not a valid duration/,
    // @ts-expect-error the DSL's Duration type rejects it too; this checks the compiler for stacks built without types
    marker: 'at:for', stack: () => bad([gauge({ name: 'depth', help: 'h', thresholds: { warning: { above: 1, for: '2 minutes' } } })]) }, // at:for
  { name: 'threshold on a recording rule that goes the wrong way', code: 'thresholds/order', message: /job:fraud_flags:rate5m: the critical threshold/,
    marker: 'at:rec-threshold', stack: () => bad([], [ruleGroup('g', { rules: [record('job:fraud_flags:rate5m', sum(rate(fraudFlags, '5m')), { thresholds: { warning: { above: 1 }, critical: { above: 0.5 } } })] })]) }, // at:rec-threshold
  // rules
  { name: 'annotation uses a label the expression drops', code: 'rules/unknown-annotation-label', message: /\{\{ \$labels\.pod \}\}, but the alert's expression returns no "pod" label/,
    marker: 'at:annotation', stack: () => bad([], [ruleGroup('g', { rules: [
      alert({ name: 'FraudFlags', expr: promql`${sum(increase(fraudFlags, '5m'))} > 0`, severity: 'warning', summary: 's', description: 'on {{ $labels.pod }}' })] })]) }, // at:annotation
  { name: 'alert label overwrites a series label (severity)', code: 'rules/label-overwrite', message: /label "severity" overwrites the "severity" label its expression returns/,
    marker: 'at:overwrite', stack: () => bad([], [ruleGroup('g', { rules: [
      alert({ name: 'FraudFlag', expr: promql`${increase(fraudFlags, '5m')} > 0`, severity: 'warning', summary: 's', description: 'd' })] })]) }, // at:overwrite
  { name: 'unbalanced template', code: 'rules/template', message: /annotation description has unbalanced/,
    marker: 'at:template', stack: () => bad([], [ruleGroup('g', { rules: [
      alert({ name: 'FraudFlags', expr: promql`${sum(increase(fraudFlags, '5m'))} > 0`, severity: 'warning', summary: 's', description: 'value {{ $value' })] })]) }, // at:template
  { name: 'rule returning a scalar', code: 'rules/not-a-vector', message: /returns a scalar/,
    marker: 'at:scalar', stack: () => bad([], [ruleGroup('g', { rules: [record('job:x:one', promql`1 + 1`)] })]) }, // at:scalar
  { name: 'invalid alert for', code: 'rules/invalid-duration', message: /for: "soon" is not a valid duration/,
    marker: 'at:alert-for', stack: () => bad([], [ruleGroup('g', { rules: [
      // @ts-expect-error typed as Duration; checked again by the compiler
      alert({ name: 'FraudFlags', expr: promql`${sum(increase(fraudFlags, '5m'))} > 0`, for: 'soon', severity: 'warning', summary: 's', description: 'd' })] })]) }, // at:alert-for
  { name: 'invalid group interval', code: 'rules/invalid-duration', message: /interval "0s" is not a valid duration/,
    marker: 'at:interval', stack: () => bad([], [ruleGroup('g', { interval: '0s', rules: [record('job:a:rate5m', sum(rate(fraudFlags, '5m')))] })]) }, // at:interval
  { name: 'empty group', code: 'rules/empty-group', message: /has no rules/,
    marker: 'at:empty', stack: () => bad([], [ruleGroup('g', { rules: [] })]) }, // at:empty
]);

// A derived alert points at the alertsFrom() call; its threshold and its annotation labels are checked there.
const disk = gauge({ name: 'disk_usage_percent', help: 'Disk', unit: 'percent', thresholds: { warning: { above: 80, for: '2m' } } });
const latency = histogram({ name: 'latency_seconds', help: 'h', unit: 'seconds', buckets: [1] });
runCases(import.meta.url, [
  { name: 'derived alert describing a label the metric lacks', code: 'rules/unknown-annotation-label', message: /returns no "endpoint" label/,
    marker: 'at:derived', stack: () => bad([disk, latency], [ruleGroup('g', { rules: alertsFrom(disk, { description: '{{ $labels.endpoint }}' }) })]) }, // at:derived
]);

test.run();
