// The part of the generated Go registry that is the same for every stack: the self-metrics, the cardinality guard
// and the open-value sanitiser. The TypeScript registry has these in its runtime package (exporter/); a Go service
// has no stackc module to import, so each generated package carries its own copy (test/registries/go.test.ts holds
// the self-metrics to exporter/self-metrics.ts).

/** Imports the runtime part needs. */
export const goRuntimeImports = ['strings', 'sync', 'unicode/utf8', 'github.com/prometheus/client_golang/prometheus'];

export const goRuntime = `// selfMetrics are the exporter's own series, the same in every stackc registry.
type selfMetrics struct {
	cardinalityDropped *prometheus.CounterVec
	undeclaredDropped  *prometheus.CounterVec
	collectorErrors    *prometheus.CounterVec
}

func newSelfMetrics() *selfMetrics {
	counter := func(name, help, label string) *prometheus.CounterVec {
		return prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, []string{label})
	}
	return &selfMetrics{
		cardinalityDropped: counter("stackc_exporter_cardinality_dropped_total", "Updates dropped because the metric already holds its cardinality limit of label sets", "metric"),
		undeclaredDropped:  counter("stackc_exporter_undeclared_values_dropped_total", "Updates dropped because a label value is not one the stack declares for that label", "metric"),
		collectorErrors:    counter("stackc_exporter_collector_errors_total", "Errors thrown by a collector run before a scrape; the scrape still answers", "collector"),
	}
}

func (s *selfMetrics) collectors() []prometheus.Collector {
	return []prometheus.Collector{s.cardinalityDropped, s.undeclaredDropped, s.collectorErrors}
}

// guard admits at most limit distinct label sets of one metric; an update of a new set beyond it is dropped and
// counted, as is an update carrying a value the stack does not declare. The key is the label values themselves
// (an array), so no separator inside a value can make two label sets one.
type guard[K comparable] struct {
	metric string
	limit  int
	self   *selfMetrics
	mu     sync.RWMutex
	seen   map[K]struct{}
}

func newGuard[K comparable](metric string, limit int, self *selfMetrics) *guard[K] {
	return &guard[K]{metric: metric, limit: limit, self: self, seen: map[K]struct{}{}}
}

func (g *guard[K]) admit(declared bool, key K) bool {
	if !declared {
		g.self.undeclaredDropped.WithLabelValues(g.metric).Inc()
		return false
	}
	g.mu.RLock()
	_, known := g.seen[key]
	g.mu.RUnlock()
	if known {
		return true
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, known := g.seen[key]; known {
		return true
	}
	if len(g.seen) >= g.limit {
		g.self.cardinalityDropped.WithLabelValues(g.metric).Inc()
		return false
	}
	g.seen[key] = struct{}{}
	return true
}

// open is the value of an open label as Prometheus can hold it: client_golang panics on invalid UTF-8, which a
// request path or header can carry, so invalid bytes become U+FFFD.
func open(value string) string {
	if utf8.ValidString(value) {
		return value
	}
	return strings.ToValidUTF8(value, "\\uFFFD")
}
`;
