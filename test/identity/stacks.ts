// Small stacks where several rules share a name and their static labels keep their series apart: the multi-window
// burn-rate pair, warning and critical levels of one threshold under one name, and one recording per quantile.
import {
  alert, alerting, alertsFrom, counter, gauge, histogram, histogramQuantile, input, promql, rate, receiver, record, ruleGroup,
  ruleTest, stack, sum, webhook,
} from '../../dsl/index.ts';

const requests = counter({ name: 'api_requests_total', help: 'API requests', labels: ['code'] });
const failed = requests.where({ code: '500' });
const latency = histogram({ name: 'api_latency_seconds', help: 'API latency', unit: 'seconds', buckets: [0.1, 0.5, 1, 5] });
const freeSpace = gauge({
  name: 'volume_used_percent', help: 'Volume used', unit: 'percent',
  thresholds: { warning: { above: 80, for: '1m' }, critical: { above: 95, for: '5m' } },
});

/** Error ratio over a long and a short window above the budget of a 99.9 % SLO burnt 14.4 or 6 times faster. */
const burning = (long: '1h' | '6h', short: '5m' | '30m', budgetRate: number) =>
  promql`(${sum(rate(failed, long))} / ${sum(rate(requests, long))} > ${budgetRate}) and (${sum(rate(failed, short))} / ${sum(rate(requests, short))} > ${budgetRate})`;
const description = '{{ $value | humanizePercentage }} of requests fail';
const traffic = (errorsPerStep: number) => [input(requests, { code: '500' }, `0+${errorsPerStep}x400`), input(requests, { code: '200' }, `0+${100 - errorsPerStep}x400`)];

/** One recording rule per quantile, all under one name: queries tell them apart by `quantile`. */
const quantileOf = (q: number) => record('api:latency_seconds:quantile', histogramQuantile(q, sum(rate(latency.bucket, '5m'), { by: ['le'] })),
  { labels: { quantile: String(q) }, unit: 'seconds', ...(q === 0.99 ? { thresholds: { critical: { above: 2 } } } : {}) });
const p99 = quantileOf(0.99);
const quantiles = [quantileOf(0.5), quantileOf(0.9), p99];
const oncall = receiver('api-oncall', [webhook({ url: 'http://oncall.example/hook' })]);

export const burnRate = stack('burn-rate', {
  namespace: 'api',
  metrics: [requests, latency, freeSpace],
  groups: [
    ruleGroup('slo', {
      rules: [
        alert({ // at:fast-burn
          name: 'ErrorBudgetBurn', severity: 'critical', expr: burning('1h', '5m', 0.0144), labels: { window: '1h' },
          summary: 'The error budget burns fast', description,
          tests: [
            ruleTest({ name: 'ten percent errors fire both windows', input: traffic(10), at: '1h', expect: [{ value: 0.1 }, { labels: { severity: 'warning' }, value: 0.1 }] }),
            ruleTest({ name: 'one percent errors fire only the slow window', input: traffic(1), at: '1h', expect: [{ labels: { window: '6h' }, value: 0.01 }] }),
          ],
        }),
        alert({ // at:slow-burn
          name: 'ErrorBudgetBurn', severity: 'warning', expr: burning('6h', '30m', 0.006), labels: { window: '6h' },
          summary: 'The error budget burns', description,
          tests: [
            ruleTest({ name: 'one percent errors fire', input: traffic(1), at: '1h', expect: [{ value: 0.01 }] }),
            ruleTest({ name: 'no errors stay silent', input: traffic(0), at: '1h', expect: [] }),
          ],
        }),
        ...alertsFrom(freeSpace, { warning: { name: 'VolumeFilling' }, critical: { name: 'VolumeFilling' } }),
      ],
    }),
    ruleGroup('latency', { rules: quantiles }),
    ruleGroup('latency_alerts', { rules: alertsFrom(p99, { critical: { name: 'ApiSlow' } }) }),
  ],
  alerting: alerting({ routes: { critical: oncall, warning: oncall, info: oncall } }),
});
