// Compound durations (`1h30m`, `12h1m`, `1d12h`) are Prometheus durations like any other: parsed by the compiler,
// accepted by every check that takes a duration, and run by promtool in `for:` and in ranges. What Prometheus'
// grammar refuses is still refused, including what the Duration type cannot see (a sign, hex digits).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDuration, parseDuration } from '../../compiler/duration.ts';
import { alert, alertsFrom, counter, gauge, increase, input, promql, rate, record, ruleGroup, ruleTest, stack, sum, type Duration } from '../../dsl/index.ts';
import { issuesOf } from '../helpers/stack.ts';
import { runCases } from '../validate/cases.ts';
import { described, promtool } from './promtool.ts';

test('compound durations parse to their milliseconds and print back the same, largest unit first', () => {
  const cases: readonly [string, number][] = [
    ['1h30m', 5_400_000], ['12h1m', 43_260_000], ['1d12h', 129_600_000], ['1m30s', 90_000], ['5m5ms', 300_005],
    ['1y2w3d4h5m6s7ms', 31_536_000_000 + 2 * 604_800_000 + 3 * 86_400_000 + 4 * 3_600_000 + 5 * 60_000 + 6_000 + 7],
  ];
  for (const [text, ms] of cases) {
    assert.is(parseDuration(text), ms, text);
    assert.is(formatDuration(ms), text, text);
  }
});

test('what Prometheus refuses does not parse', () => {
  for (const text of ['', '5', '5 minutes', 'm5', '1.5m', '30m1h', '1h 30m', '-5m', '1h-5m', '0x1m', '5M', '1e3s', '1h1h']) {
    assert.is(parseDuration(text), undefined, JSON.stringify(text));
  }
});

const requests = counter({ name: 'http_requests_total', help: 'Requests', labels: ['route'] });
const depth = gauge({ name: 'queue_depth_items', help: 'Items waiting', thresholds: { warning: { above: 100, for: '1h30m' } } });

test('a rule with for: 1h30m and a range [1h30m] compiles, passes promtool check rules, and its tests pass', async () => {
  const def = stack('durations', {
    namespace: 'queue',
    metrics: [requests, depth],
    groups: [
      ruleGroup('queue', { rules: alertsFrom(depth) }),
      ruleGroup('requests', {
        interval: '1m30s',
        rules: [
          record('route:http_requests:rate12h1m', sum(rate(requests, '12h1m'), { by: ['route'] })),
          alert({
            name: 'NoRequestsForLong', severity: 'info', for: '1h30m',
            expr: promql`sum(increase(http_requests_total[1h30m])) == 0`, summary: 'No requests', description: 'No request for 1h30m',
            tests: [
              // the counter has counted before (an open label's series exists only from its first request)
              ruleTest({ name: 'idle for 3h fires (pending from the start, firing after 1h30m)', at: '3h1m30s', input: [input(requests, { route: '/' }, '7x740')], expect: [{ value: 0 }] }),
              ruleTest({ name: 'idle for 1h is still pending', at: '1h', input: [input(requests, { route: '/' }, '7x740')], expect: [] }),
              ruleTest({ name: 'busy stays silent', at: '3h1m30s', input: [input(requests, { route: '/' }, '0+1x740')], expect: [] }),
            ],
          }),
        ],
      }),
    ],
  });
  assert.equal(issuesOf(def).map((i) => `${i.code}: ${i.message}`), []);
  const { check, test: tests, compiled } = await promtool(def);
  assert.is(check.status, 'passed', described(check));
  assert.is(tests.status, 'passed', described(tests));
  const rules = [...compiled.files].filter(([p]) => /prometheus\/(alerts|recording-rules)\.yml$/.test(p)).map(([, t]) => t).join('\n');
  for (const text of ['for: 1h30m', '[1h30m]', '[12h1m]', 'interval: 1m30s']) assert.ok(rules.includes(text), `${text} in the rule files`);
});

// the type takes any integer: what it lets through, the compiler still refuses
const bad = (d: Duration) => stack('bad', { namespace: 'queue', metrics: [requests], groups: [ruleGroup('g', { rules: [
  alert({ name: 'RequestsSeen', severity: 'info', for: d, expr: promql`${sum(increase(requests, '5m'))} > 0`, summary: 's', description: 'd' }), // at:for
] })] });
runCases(import.meta.url, [
  { name: 'a negative for:', code: 'rules/invalid-duration', message: /for: "-5m" is not a valid duration/, marker: 'at:for', stack: () => bad('-5m') },
  { name: 'a negative part of a compound for:', code: 'rules/invalid-duration', message: /for: "1h-5m" is not a valid duration/, marker: 'at:for', stack: () => bad('1h-5m') },
  { name: 'a negative range', code: 'promql/invalid-duration', message: /"-5m" is not a valid range/, marker: 'at:range',
    stack: () => stack('bad', { namespace: 'queue', metrics: [requests], groups: [ruleGroup('g', { rules: [record('route:x:rate', rate(requests, '-5m'))] })] }) }, // at:range
]);

test.run();
