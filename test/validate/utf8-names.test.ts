// UTF-8 metric and label names (OpenTelemetry's `http.server.request.duration`, `http.route`): Prometheus 3 reads
// them, quoted in PromQL; a stack targeting 3 may query them from a catalog, record and label with them, and its
// rules and generated tests pass promtool 3. A '2' target refuses each, located; the stack's own exporter keeps
// classic names (the generated registries cannot expose others).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { alertsFile } from '../../compiler/emit/rules.ts';
import { checkRules } from '../../compiler/verify/promtool-check-rules.ts';
import { testRules } from '../../compiler/verify/promtool-test-rules.ts';
import { withScratch } from '../../compiler/verify/scratch.ts';
import type { Judge } from '../../compiler/verify/input.ts';
import { alert, catalog, counter, gaugeSeries, histogramSeries, input, promql, rate, record, ruleGroup, ruleTest, stack, sum } from '../../dsl/index.ts';
import { compileValid, issuesOf, lineOf, requireTool } from '../helpers/stack.ts';
import { describe } from '../verify/helpers.ts';

requireTool('promtool', 'prometheus');
const otel = catalog('otel', {
  'http.server.request.duration': histogramSeries('Duration of HTTP server requests', ['http.route', 'http.response.status_code']),
  'jvm.memory.used': gaugeSeries('Memory used', ['jvm.memory.pool.name']),
});
const requests = otel['http.server.request.duration'].count;
const failing = record('route:http.server.errors:rate5m', sum(rate(requests.where({ 'http.response.status_code': /5../ }), '5m'), { by: ['http.route'] })); // MARK-record

const api = (prometheus: '2' | '3') => stack('api', {
  namespace: 'api', target: { prometheus }, catalogs: [otel], metrics: [],
  groups: [ruleGroup('api', {
    labels: { 'team.name': 'payments' },
    rules: [failing, alert({
      name: 'RouteFailing', severity: 'critical', summary: 'Route fails', description: 'Route {{ index $labels "http.route" }} fails',
      expr: promql`${failing} > 0.1`, // MARK-alert
      tests: [
        ruleTest({ name: 'fails', input: [input(requests, { 'http.route': '/pay', 'http.response.status_code': '503' }, '0+60x20')], at: '4m', expect: [{ labels: { 'http.route': '/pay' }, value: 1 }] }),
        ruleTest({ name: 'quiet', input: [input(requests, { 'http.route': '/pay', 'http.response.status_code': '200' }, '0+60x20')], at: '4m', expect: [] }),
      ],
    })],
  })],
});

const judged = (judge: Judge, { model, files }: ReturnType<typeof compileValid>) => withScratch(model.name, files, (dir) => judge({ stack: model, files, dir }));

test('on Prometheus 3 the names are written quoted, as Prometheus 3 prints them', () => {
  const doc = parse(compileValid(api('3')).files.get(alertsFile)!) as { groups: { labels: Record<string, string>; rules: { record?: string; expr: string }[] }[] };
  const recorded = doc.groups[0]!.rules.find((r) => r.record)!;
  assert.is(recorded.record, 'route:http.server.errors:rate5m');
  assert.is(recorded.expr, 'sum by ("http.route") (rate({"http.server.request.duration_count","http.response.status_code"=~"5.."}[5m]))');
  assert.is(doc.groups[0]!.rules[1]!.expr, '{"route:http.server.errors:rate5m"} > 0.1');
  assert.equal(doc.groups[0]!.labels, { 'team.name': 'payments' });
});

test('promtool 3 accepts the rules and runs their tests, inputs named with quoted names too', async () => {
  const compiled = compileValid(api('3'));
  const tests = parse(compiled.files.get('prometheus/tests/alerts.test.yml')!) as { tests: { input_series: { series: string }[] }[] };
  assert.ok(tests.tests.flatMap((t) => t.input_series).some((s) => s.series === '{"http.server.request.duration_count", "http.response.status_code"="503", "http.route"="/pay"}'));
  for (const judge of [checkRules, testRules]) {
    const v = await judged(judge, compiled);
    assert.is(v.status, 'passed', describe(v));
    assert.match(v.summary, /^promtool 3\./);
  }
});

test('a Prometheus 2 target refuses each UTF-8 name where it is written', () => {
  const found = issuesOf(api('2')).filter((i) => i.code === 'naming/utf8');
  const at = (line: number) => found.filter((i) => i.where.line === line).map((i) => i.message.split(' is ')[0]);
  assert.equal(at(lineOf(import.meta.url, '// MARK-record')), [
    'recording rule name "route:http.server.errors:rate5m"',
    'label name "http.route"', 'metric name "http.server.request.duration_count"', 'label name "http.response.status_code"',
  ]);
  assert.equal(at(lineOf(import.meta.url, '// MARK-alert')), ['metric name "route:http.server.errors:rate5m"']);
  assert.ok(found.some((i) => i.message.startsWith('label "team.name" of rule group api')));
  assert.ok(found.every((i) => i.hint.includes("prometheus: '3'")));
  assert.ok(found.filter((i) => i.expr).every((i) => i.expr!.text.slice(i.expr!.from, i.expr!.to).includes('"')));
});

test('the stack\'s own metrics keep classic names, with a hint to declare a UTF-8 one in a catalog', () => {
  const own = counter({ name: 'http.requests_total', help: 'Requests' });
  const found = issuesOf(stack('own', { namespace: 'own', metrics: [own], groups: [] })).filter((i) => i.code === 'naming/metric-name');
  assert.is(found.length, 1);
  assert.match(found[0]!.hint, /catalog/);
});

test.run();
