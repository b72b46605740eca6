// PromQL's functions and aggregations as Prometheus' parser types them (promql/parser/functions.go, lex.go): the kind
// of each argument, how many there may be, and what the call returns. A call the table refuses is refused by every
// Prometheus; catching it here gives the user the rule and the column instead of a judge's failure later.
export type ArgKind = 'vector' | 'matrix' | 'scalar' | 'string';

export interface Signature {
  readonly args: readonly ArgKind[];
  /** How many trailing arguments may be left out (e.g. `round(v[, to_nearest])`). */
  readonly optional?: number;
  /** The last argument may repeat (label_join's source labels, sort_by_label's labels). */
  readonly variadic?: boolean;
  readonly returns: 'vector' | 'scalar';
  /** Only in Prometheus 3 (or behind a feature flag there). */
  readonly since3?: boolean;
}

const v = (...args: ArgKind[]): Signature => ({ args, returns: 'vector' });
const overTime = v('matrix');
const math = v('vector');
/** hour(), month(), … take an optional vector of timestamps (default: the evaluation time). */
const clock: Signature = { args: ['vector'], optional: 1, returns: 'vector' };

export const functions: Readonly<Record<string, Signature>> = {
  abs: math, absent: math, absent_over_time: overTime, acos: math, acosh: math, asin: math, asinh: math, atan: math,
  atanh: math, avg_over_time: overTime, ceil: math, changes: overTime, clamp: v('vector', 'scalar', 'scalar'),
  clamp_max: v('vector', 'scalar'), clamp_min: v('vector', 'scalar'), cos: math, cosh: math, count_over_time: overTime,
  day_of_month: clock, day_of_week: clock, day_of_year: clock, days_in_month: clock, deg: math, delta: overTime,
  deriv: overTime, exp: math, floor: math, histogram_avg: { ...math, since3: true }, histogram_count: math,
  histogram_fraction: v('scalar', 'scalar', 'vector'), histogram_quantile: v('scalar', 'vector'), histogram_stddev: math,
  histogram_stdvar: math, histogram_sum: math, holt_winters: v('matrix', 'scalar', 'scalar'),
  double_exponential_smoothing: { ...v('matrix', 'scalar', 'scalar'), since3: true }, hour: clock, idelta: overTime,
  increase: overTime, info: { args: ['vector', 'vector'], optional: 1, returns: 'vector', since3: true }, irate: overTime,
  label_join: { args: ['vector', 'string', 'string', 'string'], optional: 1, variadic: true, returns: 'vector' },
  label_replace: v('vector', 'string', 'string', 'string', 'string'), last_over_time: overTime, ln: math, log10: math,
  log2: math, mad_over_time: { ...overTime, since3: true }, max_over_time: overTime, min_over_time: overTime, minute: clock,
  month: clock, pi: { args: [], returns: 'scalar' }, predict_linear: v('matrix', 'scalar'), present_over_time: overTime,
  quantile_over_time: v('scalar', 'matrix'), rad: math, rate: overTime, resets: overTime,
  round: { args: ['vector', 'scalar'], optional: 1, returns: 'vector' }, scalar: { args: ['vector'], returns: 'scalar' },
  sgn: math, sin: math, sinh: math, sort: math, sort_by_label: { args: ['vector', 'string'], optional: 1, variadic: true, returns: 'vector', since3: true },
  sort_by_label_desc: { args: ['vector', 'string'], optional: 1, variadic: true, returns: 'vector', since3: true }, sort_desc: math,
  sqrt: math, stddev_over_time: overTime, stdvar_over_time: overTime, sum_over_time: overTime, tan: math, tanh: math,
  time: { args: [], returns: 'scalar' }, timestamp: math, vector: v('scalar'), year: clock,
};

/** The parameter an aggregation takes before its vector, if any: `topk(5, v)`, `quantile(0.9, v)`, `count_values("l", v)`. */
export const aggregationParameter: Readonly<Record<string, ArgKind | undefined>> = {
  sum: undefined, avg: undefined, min: undefined, max: undefined, count: undefined, group: undefined, stddev: undefined,
  stdvar: undefined, topk: 'scalar', bottomk: 'scalar', quantile: 'scalar', count_values: 'string', limitk: 'scalar', limit_ratio: 'scalar',
};

/** How a signature reads in a message: `clamp(vector, scalar, scalar)`, `round(vector[, scalar])`. */
export function describeSignature(name: string, s: Signature): string {
  const required = s.args.slice(0, s.args.length - (s.optional ?? 0));
  const optional = s.args.slice(required.length);
  const more = s.variadic ? ', …' : '';
  const tail = optional.length ? `[${required.length ? ', ' : ''}${optional.join(', ')}${more}]` : more;
  return `${name}(${required.join(', ')}${tail})`;
}
