// histogram_quantile() over buckets joined to an info metric: `* on (…) group_left (node) info` keeps every label of
// the buckets, le included, and multiplies by 1, so the quantile is the same and gains the info's labels. Joins
// that lose le (one-to-one on(), buckets on the "one" side, ignoring(le)) are still refused, as Prometheus refuses
// or empties them: promtool's own evaluation is the judge of both.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { catalog, counterSeries, gaugeSeries, input, promql, record, ruleGroup, ruleTest, stack } from '../../dsl/index.ts';
import type { Recording } from '../../dsl/rules.ts';
import { issuesOf } from '../helpers/stack.ts';
import { runCases } from '../validate/cases.ts';
import { described, promtool } from './promtool.ts';

const fleet = catalog('fleet', {
  rpc_latency_seconds_bucket: counterSeries('RPC latency buckets', ['cluster', 'le']),
  rpc_queue_seconds_bucket: counterSeries('RPC queueing buckets', ['cluster', 'le']),
  rpc_latency_seconds_count: counterSeries('RPCs', ['cluster']),
  machine_info: gaugeSeries('Always 1: which node an instance runs on', ['cluster', 'node']),
});
const buckets = promql`sum by (cluster, instance, le) (rate(rpc_latency_seconds_bucket[5m]))`;
const info = promql`max by (cluster, instance, node) (machine_info)`;

// one instance, 1 RPC a second under 0.5 s and 1 more under 1 s: the 90th percentile is 0.9 s (samples every 15 s)
const at = { cluster: 'east', instance: 'rpc-1' };
const inputs = [
  input(fleet.rpc_latency_seconds_bucket, { ...at, le: '0.5' }, '0+15x40'),
  input(fleet.rpc_latency_seconds_bucket, { ...at, le: '1' }, '0+30x40'),
  input(fleet.rpc_latency_seconds_bucket, { ...at, le: '+Inf' }, '0+30x40'),
  input(fleet.rpc_queue_seconds_bucket, { ...at, le: '0.5' }, '0x40'),
  input(fleet.rpc_queue_seconds_bucket, { ...at, le: '1' }, '0x40'),
  input(fleet.rpc_queue_seconds_bucket, { ...at, le: '+Inf' }, '0x40'),
  input(fleet.machine_info, { ...at, node: 'node-a' }, '1x40'),
];
const expect = (name: string, labels: Record<string, string> = { ...at, node: 'node-a' }) =>
  ({ tests: [ruleTest({ name: `${name} at 0.9 s`, input: inputs, at: '8m', expect: [{ labels, value: 0.9 }] })] });

const joins = [
  record('node:rpc_latency_seconds:p90_group_left', promql`histogram_quantile(0.9, ${buckets} * on (cluster, instance) group_left (node) ${info})`, expect('group_left')),
  record('node:rpc_latency_seconds:p90_divided', promql`histogram_quantile(0.9, ${buckets} / on (cluster, instance) group_left (node) ${info})`, expect('divided')),
  record('node:rpc_latency_seconds:p90_group_right', promql`histogram_quantile(0.9, ${info} * on (cluster, instance) group_right (node) ${buckets})`, expect('group_right')),
  record('node:rpc_latency_seconds:p90_summed', promql`histogram_quantile(0.9, sum by (node, le) (rate(rpc_latency_seconds_bucket[5m]) * on (cluster, instance) group_left (node) ${info}))`, expect('summed', { node: 'node-a' })),
  record('instance:rpc_latency_seconds:p90_known', promql`histogram_quantile(0.9, ${buckets} and on (cluster, instance) ${info})`, expect('and', at)),
  record('instance:rpc_latency_seconds:p90_both', promql`histogram_quantile(0.9, ${buckets} + sum by (cluster, instance, le) (rate(rpc_queue_seconds_bucket[5m])))`, expect('added', at)),
];
const joined = (...rules: Recording<string>[]) => stack('joined', { namespace: 'rpc', metrics: [], catalogs: [fleet], groups: [ruleGroup('latency', { rules })] });

test('bucket rates joined to an info metric (group_left, group_right, /, and, sum after the join) are histograms', () => {
  assert.equal(issuesOf(joined(...joins)).map((i) => `${i.code}: ${i.message}`), []);
});

test('promtool agrees: each join keeps le, and the quantile gains the info labels', async () => {
  const { check, test: tests } = await promtool(joined(...joins));
  assert.is(check.status, 'passed', described(check));
  assert.is(tests.status, 'passed', described(tests));
  assert.match(tests.summary, new RegExp(`^promtool \\S+: ${joins.length} rules, ${joins.length} test cases$`));
});

const oneToOne = () => promql`histogram_quantile(0.9, ${buckets} * on (cluster, instance) ${info})`; // at:one-to-one
const oneSide = () => promql`histogram_quantile(0.9, ${info} * on (cluster, instance) group_left (le) ${buckets})`; // at:one-side

test('promtool refuses the joins stackc refuses: one-to-one over buckets, and buckets on the "one" side', async () => {
  const { test: tests, issues } = await promtool(joined(
    record('instance:rpc_latency_seconds:p90_one_to_one', oneToOne(), expect('one-to-one', at)),
    record('node:rpc_latency_seconds:p90_one_side', oneSide(), expect('one side')),
  ));
  assert.equal(issues.map((i) => i.code), ['promql/histogram-quantile', 'promql/histogram-quantile']);
  assert.is(tests.status, 'failed');
  const failures = tests.failures.map((f) => f.message).join('\n');
  assert.match(failures, /p90_one_to_one.*many-to-one matching must be explicit/);
  assert.match(failures, /p90_one_side.*duplicate series for the match group/);
});

const bad = (rule: Recording<string>) => stack('bad', { namespace: 'rpc', metrics: [], catalogs: [fleet], groups: [ruleGroup('latency', { rules: [rule] })] });
runCases(import.meta.url, [
  { name: 'one-to-one on() keeps only the labels it names', code: 'promql/histogram-quantile', message: /one-to-one match on \(cluster, instance\) keeps only the labels it names, so le is dropped/,
    hint: /group_left/, marker: 'at:one-to-one', stack: () => bad(record('instance:rpc:p90', oneToOne())) },
  { name: 'buckets on the one side of group_left', code: 'promql/histogram-quantile', message: /keeps the series of its left side, and the buckets are on the other \(group_left/,
    hint: /<buckets> \* on \(cluster, instance\) group_left/, marker: 'at:one-side', stack: () => bad(record('node:rpc:p90', oneSide())) },
  { name: 'ignoring (le) one-to-one', code: 'promql/histogram-quantile', message: /ignoring \(le\) drops le/, hint: /ignoring \(le\) group_left/,
    marker: 'at:ignoring-le', stack: () => bad(record('cluster:rpc:p90', promql`histogram_quantile(0.9, sum by (cluster, le) (rate(rpc_latency_seconds_bucket[5m])) / ignoring (le) sum by (cluster) (rate(rpc_latency_seconds_count[5m])))`)) }, // at:ignoring-le
  { name: 'an aggregation without le after the join', code: 'promql/histogram-quantile', message: /argument drops it/, hint: /keep le/,
    marker: 'at:join-then-sum', stack: () => bad(record('node:rpc:p90', promql`histogram_quantile(0.9, sum by (node) (rate(rpc_latency_seconds_bucket[5m]) * on (cluster, instance) group_left (node) ${info}))`)) }, // at:join-then-sum
  { name: 'buckets times buckets is no histogram', code: 'promql/histogram-quantile', message: /not made of a \*_bucket series/,
    marker: 'at:buckets-by-buckets', stack: () => bad(record('cluster:rpc:p90', promql`histogram_quantile(0.9, ${buckets} * sum by (cluster, instance, le) (rate(rpc_queue_seconds_bucket[5m])))`)) }, // at:buckets-by-buckets
]);

test.run();
