// Type tests for untested(): each `@ts-expect-error` line must fail to compile. Never executed.
import { alert, counter, promql, rate, record, ruleTest, sum, untested } from '../../dsl/index.ts';

const jobs = counter({ name: 'batch_jobs_total', help: 'Batch jobs run', labels: ['queue'] });
const expr = promql`${sum(rate(jobs, '5m'))} > 1`;

alert({ name: 'A', severity: 'info', expr, summary: 's', description: 'd', tests: untested('why') });
record('a:b:c', sum(rate(jobs, '5m')), { tests: untested('why') });
// @ts-expect-error a reason is a string, given to untested()
alert({ name: 'A', severity: 'info', expr, summary: 's', description: 'd', tests: 'no tests' });
// @ts-expect-error untested() needs a reason
untested();
// @ts-expect-error tests are either written or untested, not both
alert({ name: 'A', severity: 'info', expr, summary: 's', description: 'd', tests: [untested('why')] });
alert({ name: 'A', severity: 'info', expr, summary: 's', description: 'd', tests: [ruleTest({ name: 't', input: [], at: '1m', expect: [] })] });
