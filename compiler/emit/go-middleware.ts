// The HTTP middleware of the generated Go registry, for stacks that have the metrics it records. The TypeScript
// middleware (exporter/middleware.ts) is handed its metrics and its types accept only a counter labelled exactly
// {method, route, status}, its method open or declaring exactly the methods it records, route and status open, and
// a histogram labelled exactly {route}, open (request-metrics.ts). Go has the same rule here, applied to the stack:
// the middleware exists when exactly one metric of each shape does, the histogram in seconds as the TypeScript one
// documents; otherwise no one metric is "the" request counter and the app records its requests itself.
import type { Metric, Stack } from '../model.ts';
import { goExported, goValueNames, goValueType } from '../go-names.ts';
import { InternalError } from '../issues.ts';
import { isRequestCounter, isRequestDuration, otherMethod, standardMethods } from './request-metrics.ts';

export interface RequestMetrics {
  readonly counter: Metric;
  readonly duration: Metric;
}

/** The request counter and latency histogram the middleware records, when the stack has exactly one of each. */
export function requestMetrics(stack: Stack): RequestMetrics | undefined {
  const counters = stack.metrics.filter(isRequestCounter);
  const durations = stack.metrics.filter(isRequestDuration);
  return counters.length === 1 && durations.length === 1 ? { counter: counters[0]!, duration: durations[0]! } : undefined;
}

/** Go statements that set \`method\` to the label value of r.Method: a string when the label is open, else the
 *  declared value, which every recorded method is (the standard nine and OTHER). */
function methodOf(counter: Metric): string {
  const declared = counter.labelValues['method'];
  if (!declared) return '\t\t\tmethod := r.Method\n\t\t\tif !knownMethods[method] {\n\t\t\t\tmethod = OtherMethod\n\t\t\t}\n';
  const other = goValueNames(counter, 'method', declared).get(otherMethod);
  if (!other) throw new InternalError(`request counter ${counter.name} declares no ${otherMethod} method`);
  return `\t\t\t// the counter declares exactly the standard methods and OTHER: any other method is OTHER\n` +
    `\t\t\tmethod, ok := Parse${goValueType(counter, 'method')}(r.Method)\n\t\t\tif !ok {\n\t\t\t\tmethod = ${other}\n\t\t\t}\n`;
}

export const goMiddlewareImports = ['net/http', 'strconv', 'strings', 'time'];

export function goMiddleware({ counter, duration }: RequestMetrics): string {
  const values: Readonly<Record<string, string>> = { method: 'method', route: 'route', status: 'status' };
  const counterArgs = counter.labels.map((l) => values[l]).join(', ');
  return `// UnmatchedRoute is the route of every request no template matches: unknown paths cost one series, not one each.
const UnmatchedRoute = "unmatched"

// OtherMethod is the method of every request whose method is not one of the nine standard ones.
const OtherMethod = "OTHER"

// ClientClosedStatus is the status of a request whose client went away before the response finished (nginx's).
const ClientClosedStatus = "499"

${counter.labelValues['method'] ? '' : `var knownMethods = map[string]bool{${standardMethods.map((m) => `"${m}": true`).join(', ')}}\n\n`}// Middleware counts every request in ${counter.name} and times it in ${duration.name}, labelled by route
// template, never by raw path. A template segment ":name" (or "{name}") matches any non-empty segment; a path no
// template matches is UnmatchedRoute. Wrap the whole mux: m.Middleware([]string{"/orders/:id"}, mux).
func (m *Metrics) Middleware(routes []string, next http.Handler) http.Handler {
	routeOf := RouteMatcher(routes)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		finished := false
		defer func() {
			route := routeOf(r.URL.Path)
${methodOf(counter)}			status := strconv.Itoa(rec.status)
			if !finished {
				status = "500" // the handler panicked; net/http drops the connection
			} else if r.Context().Err() != nil {
				status = ClientClosedStatus
			}
			m.${goExported(counter.name)}.Inc(${counterArgs})
			m.${goExported(duration.name)}.Observe(route, time.Since(start).Seconds())
		}()
		next.ServeHTTP(rec, r)
		finished = true
	})
}

// RouteMatcher returns the template each path matches, or UnmatchedRoute: static templates by a map lookup,
// parameterised ones segment by segment, in the order given.
func RouteMatcher(templates []string) func(path string) string {
	exact := map[string]string{}
	var withParams [][]string
	var paramTemplates []string
	for _, t := range templates {
		parts := segments(t)
		if hasParam(parts) {
			withParams = append(withParams, parts)
			paramTemplates = append(paramTemplates, t)
		} else {
			exact[strings.Join(parts, "/")] = t
		}
	}
	return func(path string) string {
		parts := segments(path)
		if t, ok := exact[strings.Join(parts, "/")]; ok {
			return t
		}
		for i, want := range withParams {
			if matches(want, parts) {
				return paramTemplates[i]
			}
		}
		return UnmatchedRoute
	}
}

func segments(path string) []string {
	if cut := strings.IndexAny(path, "?#"); cut >= 0 {
		path = path[:cut]
	}
	if len(path) > 1 && strings.HasSuffix(path, "/") {
		path = path[:len(path)-1]
	}
	return strings.Split(path, "/")
}

func isParam(segment string) bool {
	return strings.HasPrefix(segment, ":") || (len(segment) > 2 && segment[0] == '{' && segment[len(segment)-1] == '}')
}

func hasParam(parts []string) bool {
	for _, p := range parts {
		if isParam(p) {
			return true
		}
	}
	return false
}

func matches(want, parts []string) bool {
	if len(want) != len(parts) {
		return false
	}
	for i, w := range want {
		if isParam(w) && parts[i] == "" || !isParam(w) && w != parts[i] {
			return false
		}
	}
	return true
}

// statusRecorder keeps the status the handler sent; Unwrap lets http.ResponseController reach the writer's
// Flush, Hijack and deadlines.
type statusRecorder struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
}

func (s *statusRecorder) WriteHeader(code int) {
	// 1xx responses are informational, except 101 (the switch to another protocol), which is final
	if !s.wroteHeader && (code >= 200 || code == http.StatusSwitchingProtocols) {
		s.status, s.wroteHeader = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wroteHeader = true
	return s.ResponseWriter.Write(b)
}

func (s *statusRecorder) Unwrap() http.ResponseWriter {
	return s.ResponseWriter
}
`;
}
