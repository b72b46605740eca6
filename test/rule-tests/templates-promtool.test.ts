// Alerts whose annotations use what Prometheus' templates allow (printf, with, if/else, range, pipelines on
// literals, $externalLabels, title) get generated tests that the real promtool passes; a template that needs a
// running Prometheus (query) is a compile error at the alert that says the way out, and untested() is that way.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { alert, alertsFrom, counter, gauge, input, promql, rate, ruleGroup, ruleTest, stack, sum, untested } from '../../dsl/index.ts';
import { issuesOf, lineOf, projectPath } from '../helpers/stack.ts';
import { described, promtool } from '../promql/promtool.ts';

const depth = gauge({ name: 'queue_depth_items', help: 'Items waiting', labels: ['queue'], thresholds: { warning: { above: 100, for: '2m' }, critical: { above: 500, for: '1m' } } });
const failures = counter({ name: 'queue_failures_total', help: 'Failed items', labels: ['queue'] });

const rich = [
  '{{ with $labels.queue }}Queue {{ . | title }}{{ else }}A queue{{ end }} holds {{ printf "%.2f" $value }} items',
  '{{ if gt $value 400.0 }}far past{{ else }}past{{ end }} the threshold in {{ $externalLabels.cluster }}',
  'since {{ "43200" | humanizeDuration }}; {{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}',
].join(' / ');

const withTemplates = (description: string, failureTests: Parameters<typeof alert>[0]['tests']) => stack('templated', {
  namespace: 'queues',
  scrape: { externalLabels: { cluster: 'eu-1' } },
  metrics: [depth, failures],
  groups: [ruleGroup('queues', {
    rules: [
      ...alertsFrom(depth, { summary: '{{ $labels.queue | toUpper }} is deep', description: rich }),
      alert({ // at:failing
        name: 'QueueFailing', severity: 'warning', expr: promql`${sum(rate(failures, '5m'), { by: ['queue'] })} > 0`,
        summary: 'Items fail', description, tests: failureTests,
      }),
    ],
  })],
});

const failing = (description: string) => withTemplates(description, [
  ruleTest({ name: 'fails', at: '10m', input: [input(failures, { queue: 'mail' }, '0+60x40')], expect: [{ labels: { queue: 'mail' }, value: 4 }] }),
  ruleTest({ name: 'quiet', at: '10m', input: [input(failures, { queue: 'mail' }, '0x40')], expect: [] }),
]);

test('derived and written tests of alerts with printf, with, if, range and piped literals pass promtool', async () => {
  // the rate of these inputs is 3.9999999999999996 in Prometheus 3 (left-open window, extrapolated): %.1f shows 4.0
  const { test: run, issues } = await promtool(failing('{{ printf "%.1f" $value }}/s failing in {{ $labels.queue }}{{ if ne $externalLabels.cluster "" }} ({{ $externalLabels.cluster }}){{ end }}'));
  assert.equal(issues, []);
  assert.is(run.status, 'passed', described(run));
});

test('a template that queries Prometheus is a compile error at the alert, saying why and the way out', () => {
  const issues = issuesOf(failing('{{ with query "sum(queue_failures_total)" }}{{ . | first | value }}{{ end }} failed')).filter((i) => i.code === 'rule-tests/template');
  assert.is(issues.length, 1);
  const [found] = issues;
  assert.is(`${found!.where.file}:${found!.where.line}`, `${projectPath(import.meta.url)}:${lineOf(import.meta.url, '// at:failing')}`);
  assert.match(found!.message, /annotation description template of alert QueueFailing/);
  assert.match(found!.message, /uses query, which only a running Prometheus can evaluate/);
  assert.match(found!.hint, /untested\('why'\)/);
});

test('a template Prometheus fails on is a compile error that says so', () => {
  const issues = issuesOf(failing('{{ humanize $labels.queue }} failing')).filter((i) => i.code === 'rule-tests/template');
  assert.is(issues.length, 1);
  assert.match(issues[0]!.message, /fails in Prometheus' template engine \(error calling humanize: strconv.ParseFloat: parsing "mail": invalid syntax\)/);
  assert.match(issues[0]!.hint, /fix the template/);
});

test('marked untested, an alert with a query template compiles, and the other alerts are still tested', () => {
  const def = withTemplates('{{ with query "up" }}{{ . | first | value }}{{ end }}', untested('its description queries Prometheus; checked on staging'));
  assert.equal(issuesOf(def).filter((i) => i.code.startsWith('rule-tests/')), []);
});

test.run();
