// The _test.go file the Go registry's test runs, written from a stack's model, and the samples it must leave in the
// exposition. Each metric is updated through every method of its handle, an undeclared (zero) value is tried on
// every declared label, metrics with a small limit are overflowed from several goroutines, a hostile open value
// goes through one metric, and requests go through the middleware. The program scrapes through promhttp right
// after New (first.prom) and at the end (after.prom); the TypeScript test reads both.
import type { Metric, Stack } from '../../compiler/model.ts';
import { requestMetrics } from '../../compiler/emit/go-middleware.ts';
import { goExported, goPackageName, goValueNames, goValueType } from '../../compiler/go-names.ts';
import { goString } from '../../compiler/emit/go-registry.ts';

/** One sample the final scrape must hold: a series name (with _count/_sum for histograms and summaries). */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Program {
  readonly source: string;
  readonly samples: readonly Sample[];
  /** Expected stackc_exporter_*_dropped_total{metric} by metric. */
  readonly undeclaredDropped: ReadonlyMap<string, number>;
  readonly cardinalityDropped: ReadonlyMap<string, number>;
}

/** An open value with every character the exposition escapes, a separator or two, and a byte that is not UTF-8. */
export const hostileGo = 'a\\"b\\\\c\\nd{}=,é\\xff';
/** What Prometheus stores of it: the invalid byte becomes U+FFFD. */
export const hostileStored = 'a"b\\c\nd{}=,é\uFFFD';

const genericOpen = 'v';
const overflowGoroutines = 4;
/** Metrics whose limit the program overflows (a larger limit would make a large exposition for little). */
export const overflows = (m: Metric) => m.cardinalityLimit <= 100 && m.labels.some((l) => !m.labelValues[l]);

const declaredFirst = (m: Metric, l: string) => m.labelValues[l]![0]!;
const valueVar = (m: Metric, l: string, v: string) => `lib.${goValueNames(m, l, m.labelValues[l]!).get(v)}`;

/** Go arguments for a label set: declared labels their first value, open labels `open(label)`. */
function args(m: Metric, open: (label: string) => string, declared = (l: string) => valueVar(m, l, declaredFirst(m, l))): string {
  return m.labels.map((l) => (m.labelValues[l] ? declared(l) : open(l))).join(', ');
}
const genericLabels = (m: Metric) => Object.fromEntries(m.labels.map((l) => [l, m.labelValues[l] ? declaredFirst(m, l) : genericOpen]));

/** Go statements updating one label set through every method; `prefix` is `args, ` or empty for a plain metric. */
const updates: Record<Metric['kind'], (call: string, prefix: string) => string[]> = {
  counter: (c, p) => [`${c}.Inc(${p.replace(/, $/, '')})`, `${c}.Add(${p}2)`],
  gauge: (c, p) => [`${c}.Set(${p}5)`, `${c}.Inc(${p.replace(/, $/, '')})`, `${c}.Dec(${p.replace(/, $/, '')})`, `${c}.Add(${p}2)`, `${c}.Sub(${p}1)`],
  histogram: (c, p) => [`${c}.Observe(${p}0.5)`, `${c}.Observe(${p}2)`],
  summary: (c, p) => [`${c}.Observe(${p}0.5)`, `${c}.Observe(${p}2)`],
};
/** One more update of an existing label set: counter +1, gauge +1, one observation of 1. */
const oneMore: Record<Metric['kind'], (call: string, prefix: string) => string> = {
  counter: (c, p) => `${c}.Inc(${p.replace(/, $/, '')})`,
  gauge: (c, p) => `${c}.Inc(${p.replace(/, $/, '')})`,
  histogram: (c, p) => `${c}.Observe(${p}1)`,
  summary: (c, p) => `${c}.Observe(${p}1)`,
};

function samplesOf(m: Metric, labels: Readonly<Record<string, string>>, extra: boolean): Sample[] {
  if (m.kind === 'counter') return [{ name: m.name, labels, value: extra ? 4 : 3 }];
  if (m.kind === 'gauge') return [{ name: m.name, labels, value: extra ? 7 : 6 }];
  return [{ name: `${m.name}_count`, labels, value: extra ? 3 : 2 }, { name: `${m.name}_sum`, labels, value: extra ? 3.5 : 2.5 }];
}

export function goTestProgram(stack: Stack, importPath: string): Program {
  const pkg = goPackageName(stack.name);
  const body: string[] = [];
  const samples: Sample[] = [];
  const undeclared = new Map<string, number>();
  const cardinality = new Map<string, number>();

  for (const m of stack.metrics) {
    const call = `m.${goExported(m.name)}`;
    const prefix = m.labels.length ? `${args(m, () => goString(genericOpen))}, ` : '';
    body.push(`\t// ${m.name}: every method`, ...updates[m.kind](call, prefix).map((s) => `\t${s}`));
    const declared = m.labels.filter((l) => m.labelValues[l]);
    if (declared.length && !m.labelValues[declared[0]!]!.includes('')) {
      const zero = args(m, () => goString(genericOpen), (l) => (l === declared[0] ? `lib.${goValueType(m, l)}{}` : valueVar(m, l, declaredFirst(m, l))));
      body.push(`\t${oneMore[m.kind](call, `${zero}, `)} // the zero value: undeclared`);
      undeclared.set(m.name, 1);
    }
    for (const l of declared) {
      const type = `lib.${goValueType(m, l)}`;
      body.push(`\tif v, ok := lib.Parse${goValueType(m, l)}(${goString(declaredFirst(m, l))}); !ok || v != ${valueVar(m, l, declaredFirst(m, l))} || v.String() != ${goString(declaredFirst(m, l))} {`,
        `\t\tt.Errorf("Parse${goValueType(m, l)} does not find its first value")`, '\t}',
        `\tif _, ok := lib.Parse${goValueType(m, l)}("\\x00undeclared"); ok {`, `\t\tt.Errorf("${type} parses an undeclared value")`, '\t}');
    }
    const extra = overflows(m);
    if (extra) {
      const openLabel = m.labels.find((l) => !m.labelValues[l])!;
      const distinct = overflowGoroutines * m.cardinalityLimit;
      const each = args(m, (l) => (l === openLabel ? 'fmt.Sprintf("g%d-%d", g, i)' : goString(genericOpen)));
      body.push(`\t// ${m.name}: ${distinct} new label sets from ${overflowGoroutines} goroutines against a limit of ${m.cardinalityLimit}`,
        '\tvar wg sync.WaitGroup',
        `\tfor g := 0; g < ${overflowGoroutines}; g++ {`, '\t\twg.Add(1)', '\t\tgo func() {', '\t\t\tdefer wg.Done()',
        `\t\t\tfor i := 0; i < ${m.cardinalityLimit}; i++ {`, `\t\t\t\t${oneMore[m.kind](call, `${each}, `)}`, '\t\t\t}', '\t\t}()', '\t}', '\twg.Wait()',
        `\t${oneMore[m.kind](call, prefix)} // a label set already kept still updates`);
      cardinality.set(m.name, distinct - (m.cardinalityLimit - 1));
    }
    samples.push(...samplesOf(m, m.labels.length ? genericLabels(m) : {}, extra));
  }

  const hostile = stack.metrics.find((m) => !overflows(m) && m.labels.some((l) => !m.labelValues[l]));
  if (hostile) {
    const openLabel = hostile.labels.find((l) => !hostile.labelValues[l])!;
    body.push(`\t// ${hostile.name}: a hostile value`, `\t${oneMore[hostile.kind](`m.${goExported(hostile.name)}`, `${args(hostile, (l) => `"${l === openLabel ? hostileGo : genericOpen}"`)}, `)}`);
    const labels = { ...genericLabels(hostile), [openLabel]: hostileStored };
    samples.push(hostile.kind === 'counter' || hostile.kind === 'gauge' ? { name: hostile.name, labels, value: 1 } : { name: `${hostile.name}_count`, labels, value: 1 });
  }

  const requests = requestMetrics(stack);
  if (requests) {
    body.push('\t// the middleware', ...middlewareCalls);
    const { counter, duration } = requests;
    for (const [method, route, status] of middlewareSeries) samples.push({ name: counter.name, labels: { method, route, status }, value: 1 });
    const byRoute = new Map<string, number>();
    for (const [, route] of middlewareSeries) byRoute.set(route, (byRoute.get(route) ?? 0) + 1);
    for (const [route, n] of byRoute) samples.push({ name: `${duration.name}_count`, labels: { route }, value: n });
  }

  const names = stack.metrics.map((m) => goString(m.name)).join(', ');
  const source = `package ${pkg}_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/prometheus/client_golang/prometheus/testutil"

	lib "${importPath}"
)

var (
	_ = context.Background
	_ = fmt.Sprintf
	_ = http.StatusOK
	_ sync.WaitGroup
)

// scrape writes what promhttp serves for reg into $STACKC_EXPOSITION_DIR/name.
func scrape(t *testing.T, reg *prometheus.Registry, name string) {
	rec := httptest.NewRecorder()
	promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorHandling: promhttp.PanicOnError}).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if err := os.WriteFile(filepath.Join(os.Getenv("STACKC_EXPOSITION_DIR"), name), rec.Body.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRegistry(t *testing.T) {
	reg := prometheus.NewRegistry()
	m, err := lib.New(reg)
	if err != nil {
		t.Fatal(err)
	}
	scrape(t, reg, "first.prom")
${body.join('\n')}
	scrape(t, reg, "after.prom")
	problems, err := testutil.GatherAndLint(reg)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("lint: %s: %s", p.Metric, p.Text)
	}
	if _, err := lib.New(reg); err == nil {
		t.Error("a second New on the same registry must fail: the metrics are registered already")
	}
	families, err := prometheus.DefaultGatherer.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if slices.Contains([]string{${names}}, f.GetName()) || f.GetName() == "stackc_exporter_cardinality_dropped_total" {
			t.Errorf("%s is on the default registry", f.GetName())
		}
	}
}
`;
  return { source, samples, undeclaredDropped: undeclared, cardinalityDropped: cardinality };
}

/** Requests through the middleware, with templates of the test's own: [method, route, status] each records. */
export const middlewareSeries: readonly (readonly [string, string, string])[] = [
  ['GET', '/books/:id', '200'],
  ['POST', '/search', '201'],
  ['OTHER', '/books/:id', '200'],
  ['GET', 'unmatched', '404'],
  ['GET', '/shelves/{shelf}/books', '200'],
  ['GET', '/search', '499'],
  ['GET', '/books/:id', '500'],
  ['GET', 'unmatched', '200'],
];
const middlewareCalls = `	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/search":
			if r.Context().Err() == nil {
				w.WriteHeader(http.StatusCreated)
			}
		case "/books/13":
			panic("the handler fails")
		case "/a/b/c":
			http.NotFound(w, r)
		default:
			_, _ = w.Write([]byte("ok"))
		}
	})
	serve := m.Middleware([]string{"/books/:id", "/search", "/shelves/{shelf}/books"}, handler)
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	for _, r := range []struct {
		method, target string
		ctx            context.Context
	}{
		{"GET", "/books/42", context.Background()},
		{"POST", "/search?q=dune", context.Background()},
		{"BREW", "/books/7", context.Background()},
		{"GET", "/a/b/c", context.Background()},
		{"GET", "/shelves/3/books/", context.Background()},
		{"GET", "/search", gone},
		{"GET", "/books/13", context.Background()},
		{"GET", "/books/", context.Background()},
	} {
		func() {
			defer func() { _ = recover() }()
			serve.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(r.method, r.target, nil).WithContext(r.ctx))
		}()
	}`.split('\n');
