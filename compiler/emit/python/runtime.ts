// The part of the generated Python registry that is the same for every stack: the self-metrics, the cardinality
// guard, the base classes of the typed metrics, scrape-time collectors and StackMetrics. It is printed into each
// registry rather than shipped as a package, so that one file is all an app copies (there is no stackc on PyPI).
// Names and meaning follow the TypeScript runtime (exporter/typed.ts, exporter/self-metrics.ts); the self-metric
// names are held equal to exporter/self-metrics.ts by test/registries/python-emit.test.ts.

/** Module-level names the runtime defines or imports: a metric's class or alias never takes one of them. */
export const runtimeNames = [
  'annotations', 'itertools', 'logging', 'threading', 'Callable', 'Iterable', 'Sequence', 'Final', 'Generic', 'Literal',
  'TypeVar', 'CollectorRegistry', 'Counter', 'Gauge', 'Histogram', 'Summary', 'Metric', 'STACK', 'SCRAPE_PORT',
  'SCRAPE_PATH', 'SelfMetrics', 'CardinalityGuard', 'LabelledMetric', 'PlainMetric', 'Metrics', 'StackMetrics',
  'create_metrics', '_M', '_encodable', '_Collectors',
] as const;

/** The self-metrics as the TypeScript runtime registers them: name, help, the one label. */
export const pythonSelfMetrics = [
  { attribute: 'cardinality_dropped', name: 'stackc_exporter_cardinality_dropped_total', label: 'metric',
    help: 'Updates dropped because the metric already holds its cardinality limit of label sets' },
  { attribute: 'undeclared_values_dropped', name: 'stackc_exporter_undeclared_values_dropped_total', label: 'metric',
    help: 'Updates dropped because a label value is not one the stack declares for that label' },
  { attribute: 'collector_errors', name: 'stackc_exporter_collector_errors_total', label: 'collector',
    help: 'Errors thrown by a collector run before a scrape; the scrape still answers' },
] as const;

/** What a part of the module imports from the standard library. */
export interface PythonImports {
  readonly modules: readonly string[];
  readonly collections: readonly string[];
  readonly typing: readonly string[];
}

const runtimeImports: PythonImports = {
  modules: ['itertools', 'logging', 'threading'],
  collections: ['Callable', 'Iterable', 'Sequence'],
  typing: ['Final', 'Generic', 'Literal', 'TypeVar'],
};

/** The module's imports: the runtime's and those of the other parts, each list sorted. */
export function imports(...parts: readonly PythonImports[]): string {
  const all = (key: keyof PythonImports) => [...new Set([runtimeImports, ...parts].flatMap((p) => p[key]))].sort();
  return [
    'from __future__ import annotations',
    '',
    ...all('modules').map((m) => `import ${m}`),
    `from collections.abc import ${all('collections').join(', ')}`,
    `from typing import ${all('typing').join(', ')}`,
    '',
    'from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Summary',
    'from prometheus_client.metrics_core import Metric',
    '',
  ].join('\n');
}

function selfMetricsClass(quote: (s: string) => string): string {
  const fields = pythonSelfMetrics.map((m) => `        self.${m.attribute}: Final = Counter(
            ${quote(m.name)},
            ${quote(m.help)},
            (${quote(m.label)},),
            registry=registry,
        )
`).join('');
  return `class SelfMetrics:
    """The exporter's own series, named as in every stackc registry (docs/exporter.md, "Self-metrics")."""

    def __init__(self, registry: CollectorRegistry) -> None:
${fields}`;
}

const guard = `def _encodable(value: str) -> str:
    # a lone surrogate cannot be written as UTF-8: left in, it would make every later scrape fail
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")


class CardinalityGuard:
    """Admits at most \`limit\` distinct label sets, and only declared values; drops and counts every other update."""

    def __init__(
        self,
        metric: str,
        limit: int,
        declared: Sequence[Sequence[str] | None],
        self_metrics: SelfMetrics,
    ) -> None:
        self.metric: Final = metric
        self.limit: Final = limit
        self.declared: Final = tuple(declared)
        self._allowed = tuple(None if values is None else frozenset(values) for values in declared)
        self._self = self_metrics
        self._seen: set[tuple[str, ...]] = set()
        self._lock = threading.Lock()

    def admit(self, values: Sequence[object]) -> tuple[str, ...] | None:
        """The label values to record, as strings; None when the update is dropped."""
        # str(): an untyped caller may pass a number, as prometheus_client itself allows
        labels = tuple(_encodable(str(value)) for value in values)
        for value, allowed in zip(labels, self._allowed):
            if allowed is not None and value not in allowed:
                self._self.undeclared_values_dropped.labels(self.metric).inc()
                return None
        with self._lock:
            if labels in self._seen:
                return labels
            if len(self._seen) >= self.limit:
                full = True
            else:
                full = False
                self._seen.add(labels)
        if full:
            self._self.cardinality_dropped.labels(self.metric).inc()
            return None
        return labels

    @property
    def size(self) -> int:
        """Label sets currently kept (at most the limit)."""
        return len(self._seen)
`;

const bases = `_M = TypeVar("_M", Counter, Gauge, Histogram, Summary)


class LabelledMetric(Generic[_M]):
    """A metric with labels: each update passes the metric's cardinality guard first."""

    def __init__(self, metric: _M, guard: CardinalityGuard) -> None:
        self.metric: Final[_M] = metric
        self.guard: Final = guard

    def _child(self, *values: object) -> _M | None:
        admitted = self.guard.admit(values)
        return None if admitted is None else self.metric.labels(*admitted)

    def _start_at_zero(self) -> None:
        # every declared combination, the first label varying slowest, so the first scrape shows each series
        declared = [values or () for values in self.guard.declared]
        for values in itertools.product(*declared):
            self._child(*values)


class PlainMetric(Generic[_M]):
    """A metric without labels: one series, nothing to guard."""

    def __init__(self, metric: _M) -> None:
        self.metric: Final[_M] = metric
`;

const collectors = `class _Collectors:
    """Runs the app's collectors before each collection of the registry: registered first, collected first."""

    def __init__(self) -> None:
        self.runs: dict[str, Callable[[], None]] = {}
        self.errors: Counter | None = None

    def collect(self) -> Iterable[Metric]:
        for name, run in list(self.runs.items()):
            try:
                run()
            except Exception:
                logging.getLogger(__name__).exception("stackc exporter: collector %s failed", name)
                if self.errors is not None:
                    self.errors.labels(name).inc()
        return ()
`;

const stackMetrics = `class StackMetrics:
    """What create_metrics() returns: the registry to serve, the stack's metrics and the exporter's self-metrics."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.stack: Final = STACK
        self.registry: Final = registry
        self._collectors = _Collectors()
        registry.register(self._collectors)  # first, so collectors run before any metric is read
        self.self_metrics: Final = SelfMetrics(registry)
        self._collectors.errors = self.self_metrics.collector_errors
        self.metrics: Final = Metrics(registry, self.self_metrics)

    def add_collector(self, name: str, run: Callable[[], None]) -> None:
        """Runs \`run\` before each scrape (to set a gauge from the app's state). An exception is logged and counted in
        stackc_exporter_collector_errors_total{collector=name}, and the scrape still answers."""
        self._collectors.runs[name] = run


def create_metrics(registry: CollectorRegistry | None = None) -> StackMetrics:
    """The stack's metrics in \`registry\`, by default a fresh CollectorRegistry of their own: nothing is added to
    prometheus_client's global REGISTRY, and no process or platform collector is registered unless the app does so."""
    return StackMetrics(CollectorRegistry() if registry is None else registry)
`;

/** The runtime, in the order the module defines it: before the metric classes, and after them. */
export function runtimeBefore(quote: (s: string) => string): string {
  return [selfMetricsClass(quote), guard, bases, collectors].join('\n\n');
}

export const runtimeAfter = stackMetrics;
