// Type tests for durations: every form Prometheus' duration grammar accepts compiles, including compound durations
// (largest unit first); what it refuses does not, where TypeScript can tell. Never executed.
import { alert, counter, gauge, promql, rate, record, ruleGroup, ruleTest, stack, sum, type Duration } from '../../dsl/index.ts';

const requests = counter({ name: 'http_requests_total', help: 'Requests', labels: ['route'] });

const accepted: readonly Duration[] = ['500ms', '30s', '5m', '1h', '7d', '2w', '1y', '0s', '1h30m', '12h1m', '1d12h', '1m30s', '5m5ms', '1y2w3d4h5m6s7ms'];

// @ts-expect-error words are not units
const words: Duration = '5 minutes';
// @ts-expect-error the number comes first
const unitFirst: Duration = 'm5';
// @ts-expect-error Prometheus takes whole numbers only
const fraction: Duration = '1.5m';
// @ts-expect-error the largest unit comes first
const smallFirst: Duration = '30m1h';
// @ts-expect-error a unit is required
const bare: Duration = '5';
// @ts-expect-error units are lower case
const upper: Duration = '5M';
// @ts-expect-error no exponent
const exponent: Duration = '1e3s';
// @ts-expect-error no spaces
const spaced: Duration = '1h 30m';
// @ts-expect-error nothing is not a duration
const empty: Duration = '';

// compound durations where the DSL takes durations: ranges, for, intervals, test times
rate(requests, '1h30m');
gauge({ name: 'queue_depth', help: 'Queue depth', thresholds: { warning: { above: 10, for: '1h30m' } } });
stack('durations', {
  namespace: 'd',
  scrape: { interval: '1m30s' },
  metrics: [requests],
  groups: [ruleGroup('g', {
    interval: '1m30s',
    rules: [
      record('route:http_requests:rate1h30m', sum(rate(requests, '1h30m'), { by: ['route'] })),
      alert({
        name: 'NoRequests', severity: 'info', for: '1h30m', expr: promql`${sum(rate(requests, '12h1m'))} == 0`, summary: 's', description: 'd',
        tests: [ruleTest({ name: 'quiet', at: '2h1m', input: [], expect: [] })],
      }),
    ],
  })],
});
// @ts-expect-error not a duration
rate(requests, '90 minutes');
// @ts-expect-error the largest unit comes first
alert({ name: 'X', severity: 'info', for: '30m1h', expr: promql`${requests} > 0`, summary: 's', description: 'd' });

export { accepted, words, unitFirst, fraction, smallFirst, bare, upper, exponent, spaced, empty };
