// Metric and label names in PromQL text. Classic names are written bare; any other name (Prometheus 3 accepts UTF-8
// names, e.g. OpenTelemetry's `http.server.request.duration`) is quoted the way Prometheus 3 prints it:
// `{"http.server.request.duration", "service.name"="api"}`, `sum by ("service.name") (…)`.

/** Names Prometheus 2 and every client library accept. */
export const classicMetricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const classicLabelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A PromQL string literal; Go's unquoting reads JSON's escapes. */
export const promqlString = (s: string): string => JSON.stringify(s);

/** A label name as PromQL writes it: bare when classic, else quoted. */
export function labelText(name: string): string {
  return classicLabelName.test(name) ? name : promqlString(name);
}

/** A selector: `name{matchers}`, or `{"name", matchers}` for a name that must be quoted. */
export function selectorOf(name: string, matchers: readonly string[]): string {
  if (classicMetricName.test(name)) return matchers.length ? `${name}{${matchers.join(',')}}` : name;
  return `{${[promqlString(name), ...matchers].join(',')}}`;
}
