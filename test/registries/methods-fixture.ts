// A stack whose request counter declares its method values, exactly the ones the request middleware records (in an
// order of its own), beside counters that declare other sets: fewer methods, and a declared route set. The Python and
// Go registries carry the middleware; mypy accepts only the first counter for it, and Go records that one.
import { counter, histogram, open, stack } from '../../dsl/index.ts';

export const requests = counter({
  name: 'requests_total', help: 'Requests, by method, route template and status',
  labels: { method: ['OTHER', 'PATCH', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE'], route: open, status: open },
});
export const fewMethods = counter({
  name: 'few_methods_total', help: 'Requests of a service that declares three methods',
  labels: { method: ['GET', 'POST', 'OTHER'], route: open, status: open },
});
export const routedRequests = counter({
  name: 'routed_requests_total', help: 'Requests of a service that declares its routes',
  labels: { method: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', 'OTHER'], route: ['/orders'], status: open },
});
export const requestSeconds = histogram({
  name: 'request_duration_seconds', help: 'Request duration, by route template', labels: ['route'], unit: 'seconds', buckets: [0.1, 1],
});

export default stack('methods', { registries: ['typescript', 'python', 'go'], namespace: 'methods', metrics: [requests, fewMethods, routedRequests, requestSeconds], groups: [] });
