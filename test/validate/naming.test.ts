import { test } from 'uvu';
import { counter, gauge, histogram, record, ruleGroup, stack, summary, alert, promql, rate, sum } from '../../dsl/index.ts';
import type { AnyMetric } from '../../dsl/metrics.ts';
import type { RuleGroupDefinition } from '../../dsl/rules.ts';
import { runCases } from './cases.ts';

const ok = counter({ name: 'orders_total', help: 'Requests', labels: ['route'] });
const bad = (metrics: readonly AnyMetric[], groups: readonly RuleGroupDefinition[] = []) => stack('bad', { namespace: 'bad', metrics: [ok, ...metrics], groups });
const anAlert = (name: string) => alert({ name, expr: promql`${rate(ok, '5m')} > 1`, severity: 'warning', summary: 's', description: 'd' });

runCases(import.meta.url, [
  { name: 'invalid metric name', code: 'naming/metric-name', message: /"http-requests" is not a valid metric name/,
    marker: 'at:metric-name', stack: () => bad([gauge({ name: 'http-requests', help: 'h' })]) }, // at:metric-name
  { name: 'reserved __ prefix', code: 'naming/reserved', message: /starts with "__"/,
    marker: 'at:reserved', stack: () => bad([gauge({ name: '__internal', help: 'h' })]) }, // at:reserved
  { name: 'missing help', code: 'naming/help', message: /has no help text/,
    marker: 'at:help', stack: () => bad([gauge({ name: 'queue_length', help: ' ' })]) }, // at:help
  { name: 'counter without _total', code: 'naming/counter-total', message: /counter "errors" does not end in _total/, hint: /errors_total/,
    marker: 'at:counter-total', stack: () => bad([counter({ name: 'errors', help: 'h' })]) }, // at:counter-total
  { name: 'gauge named _total', code: 'naming/total-not-counter', message: /gauge "jobs_total" ends in _total/,
    marker: 'at:total-gauge', stack: () => bad([gauge({ name: 'jobs_total', help: 'h' })]) }, // at:total-gauge
  { name: 'histogram named _count', code: 'naming/reserved-suffix', message: /ends in _count/,
    marker: 'at:suffix', stack: () => bad([histogram({ name: 'batch_count', help: 'h', buckets: [1] })]) }, // at:suffix
  { name: 'unit suffix missing', code: 'naming/unit-suffix', message: /declares unit "percent" but its name does not end in _percent/, hint: /disk_usage_percent/,
    marker: 'at:unit-suffix', stack: () => bad([gauge({ name: 'disk_usage', help: 'h', unit: 'percent' })]) }, // at:unit-suffix
  { name: 'milliseconds are not a base unit', code: 'naming/unit-mismatch', message: /named in milliseconds/, hint: /base units/,
    marker: 'at:unit-ms', stack: () => bad([gauge({ name: 'latency_milliseconds', help: 'h' })]) }, // at:unit-ms
  { name: 'duplicate label', code: 'naming/duplicate-label', message: /lists label "route" twice/,
    marker: 'at:dup-label', stack: () => bad([counter({ name: 'hits_total', help: 'h', labels: ['route', 'route'] })]) }, // at:dup-label
  { name: 'invalid label name', code: 'naming/label-name', message: /"http-method" is not a valid label name/,
    marker: 'at:label-name', stack: () => bad([counter({ name: 'hits_total', help: 'h', labels: ['http-method'] })]) }, // at:label-name
  { name: 'le on a histogram', code: 'naming/reserved-label', message: /cannot have a label "le"/,
    marker: 'at:le', stack: () => bad([histogram({ name: 'size_bytes', help: 'h', unit: 'bytes', labels: ['le'], buckets: [1] })]) }, // at:le
  { name: 'quantile on a summary', code: 'naming/reserved-label', message: /cannot have a label "quantile"/,
    marker: 'at:quantile', stack: () => bad([summary({ name: 'work_seconds', help: 'h', unit: 'seconds', labels: ['quantile'] })]) }, // at:quantile
  { name: 'pod label collides with the scrape', code: 'naming/target-label', message: /label "pod" of disk_percent collides.*exported_pod/,
    marker: 'at:target', stack: () => bad([gauge({ name: 'disk_percent', help: 'h', unit: 'percent', labels: ['pod'] })]) }, // at:target
  { name: 'duplicate metric', code: 'naming/duplicate-metric', message: /series "orders_total" is defined twice/,
    marker: 'at:dup-metric', stack: () => bad([counter({ name: 'orders_total', help: 'again' })]) }, // at:dup-metric
  { name: 'histogram series clash with a counter', code: 'naming/duplicate-metric', message: /series "work_count" is defined twice/,
    marker: 'at:dup-series', stack: () => bad([histogram({ name: 'work', help: 'h', buckets: [1] }), gauge({ name: 'work_count', help: 'h' })]) }, // at:dup-series
  { name: 'duplicate alert: same name, same severity', code: 'naming/duplicate-alert',
    message: /alert "TooMany" cannot be told apart from the alert of that name in group a at test\/validate\/naming\.test\.ts:\d+:\d+: both have the static labels \{severity="warning"\}/,
    hint: /static label with a different value/,
    marker: 'at:dup-alert', stack: () => bad([], [ruleGroup('a', { rules: [anAlert('TooMany')] }), ruleGroup('b', { rules: [
      alert({ name: 'TooMany', expr: rate(ok, '5m'), severity: 'warning', summary: 's', description: 'd' })] })]) }, // at:dup-alert
  { name: 'duplicate alert: a label set the other alert\'s expression can return', code: 'naming/duplicate-alert',
    message: /the other sets no route of its own and its expression returns route/,
    marker: 'at:dup-alert-subset', stack: () => bad([], [ruleGroup('a', { rules: [anAlert('TooMany'),
      alert({ name: 'TooMany', expr: promql`${sum(rate(ok, '5m'))} > 1`, severity: 'warning', labels: { route: 'all' }, summary: 's', description: 'd' })] })]) }, // at:dup-alert-subset
  { name: 'duplicate recording rule', code: 'naming/duplicate-recording',
    message: /recording rule "job:orders:rate5m" can write the same series as the one of that name in group a at .*: neither has static labels/,
    marker: 'at:dup-record', stack: () => bad([], [ruleGroup('a', { rules: [record('job:orders:rate5m', rate(ok, '5m')), record('job:orders:rate5m', rate(ok, '5m'))] })]) }, // at:dup-record
  { name: 'duplicate recording rule: one label fixed, the other rule keeps that label', code: 'naming/duplicate-recording',
    message: /the other sets no route of its own and its expression returns route/,
    marker: 'at:dup-record-subset', stack: () => bad([], [ruleGroup('a', { rules: [record('job:orders:rate5m', sum(rate(ok, '5m'), { by: ['route'] })),
      record('job:orders:rate5m', sum(rate(ok, '5m')), { labels: { route: 'all' } })] })]) }, // at:dup-record-subset
  { name: 'recording rule without colon', code: 'naming/recording-name', message: /has no colon/,
    marker: 'at:record-name', stack: () => bad([], [ruleGroup('a', { rules: [record('requests_rate', rate(ok, '5m'))] })]) }, // at:record-name
  { name: 'invalid alert name', code: 'naming/alert-name', message: /"High CPU" is not a valid alert name/,
    marker: 'at:alert-name', stack: () => bad([], [ruleGroup('a', { rules: [
      alert({ name: 'High CPU', expr: rate(ok, '5m'), severity: 'info', summary: 's', description: 'd' })] })]) }, // at:alert-name
  { name: 'duplicate group', code: 'naming/duplicate-group', message: /rule group "a" is defined twice/,
    marker: 'at:dup-group', stack: () => bad([], [ruleGroup('a', { rules: [anAlert('One')] }), ruleGroup('a', { rules: [anAlert('Two')] })]) }, // at:dup-group
]);

test.run();
