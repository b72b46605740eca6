// OpenSLO v1 documents read by openSlo(): the fixture's objectives written as OpenSLO compile to exactly the rules
// slo() writes for them, and what stackc cannot compile is refused, every document's problem at its line.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileStacks } from '../../compiler/compile.ts';
import { openSlo, stack } from '../../dsl/index.ts';
import { LocatedProblems } from '../../dsl/problems.ts';
import api, { latency, requests } from '../fixtures/slo-api.ts';
import { lineOf } from '../helpers/stack.ts';

const fixture = new URL('../fixtures/slo-api.openslo.yaml', import.meta.url);
const broken = new URL('../fixtures/slo-broken.openslo.yaml', import.meta.url);
const direct = compileStacks([api])[0]!.stack;

test('the OpenSLO objectives compile to the rules slo() writes for the same objectives', () => {
  const slos = openSlo(fixture, { metrics: [requests, latency], ticket: { windows: [{ long: '1d', short: '2h', factor: 3 }] } });
  assert.equal(slos.map((s) => [s.name, s.objective, s.window, s.budget]), [['api-availability', 99.9, '30d', '0.001'], ['api-latency', 99, '28d', '0.01']]);
  // the fixture's dashboard shows its own slo() objects' panels: a stack holding both would define each rule twice
  const read = compileStacks([stack('api', { ...api.options, slos, dashboards: [] })])[0]!.stack;
  const rules = (s: typeof direct, name: string) => s.ruleGroups.find((g) => g.name === `slo-${name}`)!.rules.map((r) => [r.kind, r.name, r.expr.text.replaceAll(/(team|service)="api",?/g, '').replaceAll(',}', '}')]);
  assert.equal(rules(read, 'api-latency'), rules(direct, 'api-latency'));
  // the availability objective's page is the same; its ticket here has the one window given above
  assert.equal(rules(read, 'api-availability').slice(0, 3), rules(direct, 'api-availability').slice(0, 3));
  // located in the YAML: a problem found later in compile points at the SLO document
  const where = read.slos[0]!.source;
  assert.is(where.file, 'test/fixtures/slo-api.openslo.yaml');
  assert.is(where.line, lineOf(fixture.href, 'kind: SLO') - 1);
});

test('what stackc cannot compile is refused: every problem at once, each at its line of the YAML file', () => {
  let thrown: unknown;
  try {
    openSlo(broken, { metrics: [requests, latency] });
  } catch (e) {
    thrown = e;
  }
  assert.instance(thrown, LocatedProblems);
  const problems = (thrown as LocatedProblems).problems;
  const at = (marker: string) => problems.find((p) => p.message.includes(marker));
  const threshold = at('threshold metric');
  assert.ok(threshold, 'threshold metric');
  assert.is(threshold!.where.line, lineOf(broken.href, 'thresholdMetric:'));
  assert.ok(at('calendar windows'), 'calendar window');
  assert.ok(at('is not a series selector'), 'a query that is not a selector');
  assert.ok(at('metric source is Datadog'), 'a source other than Prometheus');
  for (const p of problems) {
    assert.is(p.where.file, 'test/fixtures/slo-broken.openslo.yaml');
    assert.ok(p.hint.length > 0);
  }
});

test('a query selecting a metric the stack did not give is named with the ones it did', () => {
  try {
    openSlo(fixture, { metrics: [latency] });
    assert.unreachable();
  } catch (e) {
    const [p] = (e as LocatedProblems).problems;
    assert.match(p!.message, 'api_requests_total');
    assert.match(p!.hint, 'api_request_duration_seconds');
  }
});

test.run();
