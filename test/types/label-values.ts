// Type tests of declared label values: a matcher or an exporter call with a value the stack does not declare does
// not compile; open labels take any value. `tsc --noEmit` checks this file; every @ts-expect-error must be needed.
import { counter, histogram, not, open, rate, sum } from '../../dsl/index.ts';
import { createTypedMetrics } from '../../exporter/create.ts';

const jobs = counter({ name: 'jobs_total', help: 'Jobs', labels: { queue: ['mail', 'billing'], outcome: ['done', 'failed'], worker: open } });
const latency = histogram({ name: 'job_seconds', help: 'Job time', unit: 'seconds', buckets: [1, 5], labels: { queue: ['mail', 'billing'] } });

jobs.where({ queue: 'mail', outcome: /fail.*/, worker: 'w-17' });
jobs.where({ queue: not('billing') });
sum(rate(latency.bucket.where({ queue: 'billing', le: '+Inf' }), '5m'), { by: ['le'] });
// @ts-expect-error 'mial' is not a declared value of queue
jobs.where({ queue: 'mial' });
// @ts-expect-error not() takes declared values too
jobs.where({ outcome: not('faild') });
// @ts-expect-error the histogram's parts keep the declared values
latency.count.where({ queue: 'payroll' });

const { metrics } = createTypedMetrics('jobs', {
  jobsTotal: {
    kind: 'counter', name: 'jobs_total', help: 'Jobs', labels: ['queue', 'outcome', 'worker'], unit: 'none', thresholds: [], cardinalityLimit: 100,
    values: { queue: ['mail', 'billing'], outcome: ['done', 'failed'] }, initialise: false,
  },
  jobSeconds: {
    kind: 'histogram', name: 'job_seconds', help: 'Job time', labels: ['queue'], unit: 'seconds', thresholds: [], cardinalityLimit: 10,
    values: { queue: ['mail', 'billing'] }, initialise: true,
  },
} as const);

metrics.jobsTotal.inc({ queue: 'mail', outcome: 'done', worker: 'anything' });
metrics.jobSeconds.observe({ queue: 'billing' }, 0.3);
// @ts-expect-error an undeclared value of queue does not compile
metrics.jobsTotal.inc({ queue: 'payroll', outcome: 'done', worker: 'w' });
// @ts-expect-error nor of outcome, in a histogram either
metrics.jobSeconds.observe({ queue: 'mial' }, 1);

// a catalog's documented values, such as kube-state-metrics' pod phases, are literal types too
import { kubeStateMetrics as ksm } from '../../dsl/catalogs/kube-state-metrics.ts';
ksm.kube_pod_status_phase.where({ phase: 'Pending', namespace: 'any' });
// @ts-expect-error 'Runing' is not a phase kube-state-metrics writes
ksm.kube_pod_status_phase.where({ phase: 'Runing' });
