// The metrics each language's request middleware can record, from the shapes the TypeScript one accepts
// (exporter/middleware.ts, RequestCounter): a counter labelled exactly {method, route, status} whose method label is
// open or declares exactly the values the middleware records (the standard nine and OTHER, in any order), and a
// histogram in seconds labelled exactly {route}. Route and status stay open: the middleware records whatever
// templates the app gives it and whatever status the app sends, which a declared set could not hold.
import { otherMethod, requestMethods, standardMethods } from '../../exporter/middleware.ts';
import type { Metric } from '../model.ts';

export { otherMethod, requestMethods, standardMethods };

const labelledExactly = (m: Metric, labels: readonly string[]) =>
  m.labels.length === labels.length && labels.every((l) => m.labels.includes(l));

/** True when the label is open, or declares exactly `values` (in any order). */
const openOr = (m: Metric, label: string, values: readonly string[]) => {
  const declared = m.labelValues[label];
  return declared === undefined || (declared.length === values.length && values.every((v) => declared.includes(v)));
};

/** A counter the request middleware can record: {method, route, status}, method open or exactly its methods. */
export function isRequestCounter(m: Metric): boolean {
  return m.kind === 'counter' && labelledExactly(m, ['method', 'route', 'status'])
    && openOr(m, 'method', requestMethods) && !('route' in m.labelValues) && !('status' in m.labelValues);
}

/** A histogram in seconds labelled exactly {route}, open: the middleware's latency. */
export function isRequestDuration(m: Metric): boolean {
  return m.kind === 'histogram' && m.unit === 'seconds' && labelledExactly(m, ['route']) && !('route' in m.labelValues);
}
