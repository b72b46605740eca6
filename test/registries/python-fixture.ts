// The stack the Python registry tests compile: every kind of metric, open and declared labels, a metric without
// labels, labels named like Python keywords and like the update methods' own parameters, declared values that need
// escaping, and the request counter and latency histogram the ASGI middleware records.
import { counter, gauge, histogram, open, stack, summary } from '../../dsl/index.ts';

export const calls = counter({ name: 'api_calls_total', help: 'API calls, by route template', labels: ['method', 'route', 'status'], cardinalityLimit: 50 });
export const callSeconds = histogram({
  name: 'api_call_duration_seconds', help: 'API call duration, by route template', labels: ['route'], unit: 'seconds', buckets: [0.01, 0.1, 1],
});
export const jobs = counter({ name: 'jobs_total', help: 'Jobs finished, by queue and outcome', labels: { queue: ['default', 'urgent'], outcome: ['ok', 'failed'] } });
export const jobSeconds = histogram({ name: 'job_seconds', help: 'Job duration, by queue', labels: { queue: ['default', 'urgent'] }, unit: 'seconds', buckets: [0.5, 2] });
export const busy = gauge({ name: 'workers_busy', help: 'Busy workers, by pool', labels: ['pool'], cardinalityLimit: 3 });
export const backlog = gauge({ name: 'backlog_items', help: 'Items waiting' });
export const payload = summary({ name: 'payload_bytes', help: 'Payload size, by direction', labels: { direction: ['in', 'out'], peer: open }, unit: 'bytes', percentiles: [0.5, 0.9] });
export const awkward = counter({
  name: 'awkward_labels_total', help: 'Labels named like "Python" keywords\\parameters',
  labels: { class: ['say "hi"', 'back\\slash', 'ünï ✓ 🚀'], self: open, amount: open },
});
export const restarts = counter({ name: 'restarts_total', help: 'Restarts of the worker' });

export const labMetrics = [calls, callSeconds, jobs, jobSeconds, busy, backlog, payload, awkward, restarts];

export default stack('lab', { registries: ['typescript', 'python', 'go'], namespace: 'lab', scrape: { port: 9477 }, metrics: labMetrics, groups: [] });
