// out/<stack>/exporter/python/registry_gen.py: the stack's metrics as a typed prometheus_client registry for Python
// apps (the seed's platform is a FastAPI service), the counterpart of registry.gen.ts. One self-contained module: the
// typed class of each metric, the cardinality guard and self-metrics of the TypeScript runtime, and the ASGI request
// middleware when the stack has the request metrics it records. Its name has no dot (`registry.gen.py` could not be
// imported); docs/exporter.md says how an app uses it.
import type { Stack } from '../model.ts';
import { files, type Files } from './files.ts';
import { asgiImports, asgiMiddleware, asgiNames, hasRequestMetrics } from './python/asgi.ts';
import { metricClass, metricsClass, namePythonMetrics, type PythonMetric } from './python/metric-classes.ts';
import { imports, runtimeAfter, runtimeBefore, runtimeNames } from './python/runtime.ts';
import { Names, pyDocstring, pyString } from './python/syntax.ts';

export const pythonRegistryPath = 'exporter/python/registry_gen.py';

function moduleDoc(stack: Stack, middleware: boolean): string {
  const first = stack.metrics[0];
  const lines = [
    `The typed metrics of stack "${stack.name}" for prometheus_client.`,
    '',
    '    from registry_gen import create_metrics',
    '',
    '    stack = create_metrics()  # a CollectorRegistry of its own: serve stack.registry',
    ...(first ? [`    stack.metrics.${first.name}...`] : []),
    '',
    'Labels are keyword-only arguments, and a label with declared values takes only those (a Literal type), so',
    '`mypy --strict` rejects a missing, unknown or misspelt label and an undeclared value. At run time an update',
    'with an undeclared value, or with a new label set past the metric\'s cardinality limit, is dropped and counted',
    'in the stackc_exporter_* self-metrics.',
    ...(middleware ? ['', 'RequestMetricsMiddleware counts ASGI requests (FastAPI, Starlette) by route template.'] : []),
  ];
  return pyDocstring('', lines);
}

/** Each metric as the module names it: its class, its attribute on Metrics, each label's keyword parameter. */
export function pythonMetricNames(stack: Stack): PythonMetric[] {
  return namePythonMetrics(stack.metrics, new Names([...runtimeNames, ...asgiNames]));
}

export function pythonRegistry(stack: Stack): Files {
  if (!stack.registries.includes('python')) return files([]);
  const middleware = hasRequestMetrics(stack);
  const metrics = pythonMetricNames(stack);
  const constants = [
    `STACK: Final = ${pyString(stack.name)}`,
    '"""The name of the stack."""',
    `SCRAPE_PORT: Final = ${stack.scrape.port}`,
    '"""The port Prometheus scrapes the exporter on."""',
    `SCRAPE_PATH: Final = ${pyString(stack.scrape.metricsPath)}`,
    '"""The path Prometheus scrapes."""',
  ].join('\n');
  const sections = [
    moduleDoc(stack, middleware) + '\n' + (middleware ? imports(asgiImports) : imports()),
    constants + '\n',
    runtimeBefore(pyString),
    ...metrics.map(metricClass),
    metricsClass(metrics),
    runtimeAfter,
    ...(middleware ? [asgiMiddleware] : []),
  ];
  return files([[pythonRegistryPath, sections.map((s) => s.trimEnd() + '\n').join('\n\n')]]);
}
