// A stack with one alert and one recording rule left untested on purpose, beside rules that are tested.
import {
  alert, alertsFrom, counter, gauge, promql, rate, record, ruleGroup, stack, sum, untested,
} from '../../dsl/index.ts';

const jobs = counter({ name: 'batch_jobs_total', help: 'Batch jobs run', labels: ['queue'] });
const backlog = gauge({ name: 'batch_backlog_items', help: 'Items waiting', thresholds: { warning: { above: 100 } } });
const jobRate = record('queue:batch_jobs:rate5m', sum(rate(jobs, '5m'), { by: ['queue'] }));

export const withUntested = stack('untested-rules', {
  namespace: 'batch',
  metrics: [jobs, backlog],
  groups: [
    ruleGroup('batch', {
      rules: [
        ...alertsFrom(backlog),
        alert({
          name: 'BatchJobsMissing', severity: 'warning', expr: promql`absent(${jobs})`, summary: 'No batch job metrics', description: 'The exporter reports no jobs',
          tests: untested('absent() fires on an empty test input, so a test shows nothing the rule does not already say'), // at:untested-alert
        }),
      ],
    }),
    ruleGroup('batch_rates', {
      rules: [
        jobRate,
        record('queue:batch_jobs:rate5m_max', promql`max_over_time(${jobRate}[1h:5m])`, { tests: untested('a subquery over another recording rule') }),
      ],
    }),
  ],
});
