// out/<stack>/exporter/registry.gen.{ts,js,d.ts}: the stack's metrics as a typed prom-client registry that leaves
// the repository. The registry is data, the stack's metric specs, handed to the runtime of the installed package
// (`createTypedMetrics` from 'stackc/exporter'), whose types turn each spec's kind and labels into a typed handle.
// So the files import only package specifiers ('stackc/exporter', 'prom-client'), and the TypeScript file, the
// plain JavaScript one (a Node app without a TypeScript loader) and its declarations print the same one value.
import type { Metric, Stack } from '../model.ts';
import { files, type Files } from './files.ts';
import { constType, literal, quote, type Data } from './literal.ts';

export const registryPath = 'exporter/registry.gen.ts';
export const registryJsPath = 'exporter/registry.gen.js';
export const registryDtsPath = 'exporter/registry.gen.d.ts';

/** `requests_total` → `requestsTotal`. */
export function camelCase(metricName: string): string {
  return metricName.split(/[^A-Za-z0-9]+/).filter(Boolean).map((part, i) => (i === 0 ? part : part[0]!.toUpperCase() + part.slice(1))).join('');
}

/** The model's facts about one metric, as the runtime's MetricSpec reads them. */
function spec(m: Metric): Data {
  return {
    kind: m.kind,
    name: m.name,
    help: m.help,
    labels: m.labels,
    unit: m.unit,
    range: m.range,
    thresholds: m.thresholds.map((t) => ({ severity: t.severity, direction: t.direction, value: t.value, for: t.for })),
    cardinalityLimit: m.cardinalityLimit,
    ...(Object.keys(m.labelValues).length ? { values: m.labelValues } : {}),
    ...(m.initialSeries ? { initialise: true } : {}),
    ...(m.kind === 'histogram' ? { buckets: m.buckets } : {}),
    ...(m.kind === 'summary' ? { percentiles: m.percentiles, maxAgeSeconds: m.maxAgeSeconds, ageBuckets: m.ageBuckets } : {}),
  };
}

const docs = {
  intro: (stack: Stack) => `// The typed exporter registry of stack "${stack.name}": one prom-client metric per metric of the stack.\n`,
  scrape: "/** Where Prometheus scrapes this stack's exporter. */\n",
  specs: '/** Each metric as the stack declares it: the runtime derives the health score and the simulation from these. */\n',
  create: "/** A fresh registry holding exactly the stack's metrics and the exporter's self-metrics. */\n",
};

export function exporterRegistry(stack: Stack): Files {
  if (!stack.registries.includes('typescript')) return files([]);
  const scrape: Data = { port: stack.scrape.port, metricsPath: stack.scrape.metricsPath };
  const specs: Data = Object.fromEntries(stack.metrics.map((m) => [camelCase(m.name), spec(m)]));
  const help = new Map(stack.metrics.map((m) => [camelCase(m.name), m.help]));
  const helpOf = (key: string) => help.get(key);
  const specsValue = literal(specs, 2, helpOf);
  const create = `createTypedMetrics(${quote(stack.name)}, specs, registry)`;
  const returns = 'StackMetrics<TypedMetrics<typeof specs>>';

  const ts = [
    docs.intro(stack),
    "import type { Registry } from 'prom-client';\n",
    "import { createTypedMetrics, type MetricSpec, type StackMetrics, type TypedMetrics } from 'stackc/exporter';\n\n",
    docs.scrape,
    `export const scrape = ${literal(scrape, 0)} as const;\n\n`,
    docs.specs,
    `export const specs = ${specsValue} as const satisfies Readonly<Record<string, MetricSpec>>;\n\n`,
    docs.create,
    `export function createMetrics(registry?: Registry): ${returns} {\n  return ${create};\n}\n\n`,
    "export type Metrics = ReturnType<typeof createMetrics>['metrics'];\n",
  ];
  const js = [
    docs.intro(stack),
    "import { createTypedMetrics } from 'stackc/exporter';\n\n",
    docs.scrape,
    `export const scrape = ${literal(scrape, 0)};\n\n`,
    docs.specs,
    `export const specs = ${specsValue};\n\n`,
    docs.create,
    `export function createMetrics(registry) {\n  return ${create};\n}\n`,
  ];
  const dts = [
    docs.intro(stack),
    "import type { Registry } from 'prom-client';\n",
    "import type { StackMetrics, TypedMetrics } from 'stackc/exporter';\n\n",
    docs.scrape,
    `export declare const scrape: ${constType(scrape, 0)};\n\n`,
    docs.specs,
    `export declare const specs: ${constType(specs, 2, helpOf)};\n\n`,
    docs.create,
    `export declare function createMetrics(registry?: Registry): ${returns};\n\n`,
    "export type Metrics = ReturnType<typeof createMetrics>['metrics'];\n",
  ];
  return files([[registryPath, ts.join('')], [registryJsPath, js.join('')], [registryDtsPath, dts.join('')]]);
}
