// out/<stack>/exporter/registry.gen.ts: the stack's metrics as a typed prom-client registry, written with
// ts-morph so the file is well-formed by construction. The runtime (exporter/) reads thresholds, units and
// cardinality limits from the `specs` it exports, so nothing in the runtime repeats a number of the stack.
import { IndentationText, Project, QuoteKind, StructureKind, VariableDeclarationKind, type CodeBlockWriter } from 'ts-morph';
import type { Metric, MetricType, Stack } from '../model.ts';
import { files, type Files } from './files.ts';

export const registryPath = 'exporter/registry.gen.ts';
/** From out/<stack>/exporter/ back to the project root, where the runtime lives. */
const runtime = '../../../exporter';

const promClass = { counter: 'Counter', gauge: 'Gauge', histogram: 'Histogram', summary: 'Summary' } as const satisfies Record<MetricType, string>;
const wrapperClass = {
  counter: ['PlainCounter', 'LabelledCounter'],
  gauge: ['PlainGauge', 'LabelledGauge'],
  histogram: ['PlainHistogram', 'LabelledHistogram'],
  summary: ['PlainSummary', 'LabelledSummary'],
} as const satisfies Record<MetricType, readonly [string, string]>;

/** `requests_total` → `requestsTotal`. */
export function camelCase(metricName: string): string {
  return metricName.split(/[^A-Za-z0-9]+/).filter(Boolean).map((part, i) => (i === 0 ? part : part[0]!.toUpperCase() + part.slice(1))).join('');
}

function str(value: string): string {
  return `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

function list(values: readonly (string | number)[]): string {
  return `[${values.map((v) => (typeof v === 'string' ? str(v) : String(v))).join(', ')}]`;
}

/** The model's facts about one metric, as a literal the runtime reads. */
function writeSpec(w: CodeBlockWriter, m: Metric): void {
  w.inlineBlock(() => {
    w.writeLine(`kind: ${str(m.kind)},`);
    w.writeLine(`name: ${str(m.name)},`);
    w.writeLine(`help: ${str(m.help)},`);
    w.writeLine(`labels: ${list(m.labels)},`);
    w.writeLine(`unit: ${str(m.unit)},`);
    if (m.range) w.writeLine(`range: ${list(m.range)},`);
    w.write('thresholds: [');
    for (const t of m.thresholds) {
      w.newLine().indent().write(`{ severity: ${str(t.severity)}, direction: ${str(t.direction)}, value: ${t.value}, for: ${str(t.for)} },`);
    }
    if (m.thresholds.length) w.newLine();
    w.write('],').newLine();
    w.writeLine(`cardinalityLimit: ${m.cardinalityLimit},`);
  });
}

/** The prom-client constructor options: exactly the stack's name, help, label names and buckets / percentiles. */
function promOptions(m: Metric): string {
  const common = [`name: ${str(m.name)}`, `help: ${str(m.help)}`];
  if (m.labels.length) common.push(`labelNames: ${list(m.labels)} as const`);
  const byKind: Record<MetricType, () => string[]> = {
    counter: () => [],
    gauge: () => [],
    histogram: () => (m.kind === 'histogram' ? [`buckets: ${list(m.buckets)}`] : []),
    summary: () => (m.kind === 'summary' ? [`percentiles: ${list(m.percentiles)}`, `maxAgeSeconds: ${m.maxAgeSeconds}`, `ageBuckets: ${m.ageBuckets}`] : []),
  };
  return `{ ${[...common, ...byKind[m.kind](), 'registers: [registry]'].join(', ')} }`;
}

function metricsObject(w: CodeBlockWriter, stack: Stack): void {
  w.inlineBlock(() => {
    for (const m of stack.metrics) {
      const key = camelCase(m.name);
      const labelled = m.labels.length > 0;
      const wrapper = wrapperClass[m.kind][labelled ? 1 : 0];
      const extra = labelled ? ', self' : '';
      w.writeLine(`/** ${m.help.replace(/\*\//g, '*\\/')} */`);
      w.writeLine(`${key}: new ${wrapper}(specs.${key}, new ${promClass[m.kind]}(${promOptions(m)})${extra}),`);
    }
  });
}

export function exporterRegistry(stack: Stack): Files {
  // one structure printed once: incremental ts-morph edits re-parse the file after each and cost seconds at 10,000 metrics
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    manipulationSettings: { quoteKind: QuoteKind.Single, indentationText: IndentationText.TwoSpaces },
  });
  const kinds = [...new Set(stack.metrics.map((m) => m.kind))].sort();
  const wrappers = [...new Set(stack.metrics.map((m) => wrapperClass[m.kind][m.labels.length ? 1 : 0]))].sort();
  const file = project.createSourceFile(registryPath, {
    leadingTrivia: `// The typed exporter registry of stack "${stack.name}": one prom-client metric per metric of the stack.\n`,
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: 'prom-client', namedImports: [...kinds.map((k) => promClass[k]), 'Registry'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: `${runtime}/self-metrics.ts`, namedImports: ['createSelfMetrics'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: `${runtime}/spec.ts`, isTypeOnly: true, namedImports: ['MetricSpec'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: `${runtime}/stack-metrics.ts`, isTypeOnly: true, namedImports: ['StackMetrics'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: `${runtime}/typed.ts`, namedImports: wrappers },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: ['Where Prometheus scrapes this stack\'s exporter.'],
        declarations: [{ name: 'scrape', initializer: `{ port: ${stack.scrape.port}, metricsPath: ${str(stack.scrape.metricsPath)} } as const` }],
      },
      // written as a statement, not a declaration's initializer, which ts-morph indents one level too deep
      (w) => {
        w.writeLine('/** Each metric as the stack declares it: the runtime derives the health score and the simulation from these. */');
        w.write('export const specs = ').inlineBlock(() => {
          for (const m of stack.metrics) {
            w.write(`${camelCase(m.name)}: `);
            writeSpec(w, m);
            w.write(',').newLine();
          }
        });
        w.write(' as const satisfies Readonly<Record<string, MetricSpec>>;');
      },
      {
        kind: StructureKind.Function,
        isExported: true,
        name: 'createMetrics',
        docs: ['A fresh registry holding exactly the stack\'s metrics and the exporter\'s self-metrics.'],
        parameters: [{ name: 'registry', initializer: 'new Registry()' }],
        statements: (w) => {
          w.writeLine('const self = createSelfMetrics(registry);');
          w.write('const metrics = ');
          metricsObject(w, stack);
          w.write(';').newLine();
          w.writeLine(`return { stack: ${str(stack.name)}, registry, self, metrics } satisfies StackMetrics<typeof metrics>;`);
        },
      },
      { kind: StructureKind.TypeAlias, isExported: true, name: 'Metrics', type: 'ReturnType<typeof createMetrics>[\'metrics\']' },
    ],
  });
  return files([[registryPath, file.getFullText()]]);
}
