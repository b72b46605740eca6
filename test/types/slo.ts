// Type tests of slo(): an SLI counts events with counters, and its selectors name labels the series have.
// Each `@ts-expect-error` line must fail to compile. Never executed.
import { counter, gauge, histogram, slo } from '../../dsl/index.ts';

const requests = counter({ name: 'http_requests_total', help: 'Requests', labels: ['route', 'status'] });
const inFlight = gauge({ name: 'http_requests_in_flight', help: 'Requests being served' });
const latency = histogram({ name: 'http_request_duration_seconds', help: 'Latency', unit: 'seconds', labels: ['route'], buckets: [0.1, 0.3, 1] });

slo({ name: 'availability', objective: 99.9, sli: { errors: requests.where({ job: 'api', status: /5../ }), total: requests.where({ job: 'api' }) } });
// @ts-expect-error a gauge is not a count of events: rate() of it means nothing
slo({ name: 'availability', objective: 99.9, sli: { errors: inFlight, total: requests } });
// @ts-expect-error 'code' is not a label of http_requests_total
slo({ name: 'availability', objective: 99.9, sli: { errors: requests.where({ code: /5../ }), total: requests } });

slo({ name: 'latency', objective: 99, sli: { latency, threshold: 0.3, where: { job: 'api', route: '/pay' } } });
// @ts-expect-error 'status' is not a label of http_request_duration_seconds
slo({ name: 'latency', objective: 99, sli: { latency, threshold: 0.3, where: { status: '200' } } });
// @ts-expect-error a window is a Prometheus duration
slo({ name: 'latency', objective: 99, window: '30 days', sli: { latency, threshold: 0.3 } });
