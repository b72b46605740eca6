// out/<stack>/exporter/go/metrics.gen.go: the stack's metrics as a typed client_golang package. Each metric with
// labels gets a handle whose methods take the labels positionally, in the stack's order (a missing one does not
// compile, as in TypeScript); a label that declares its values takes a value type whose only values, outside the
// package, are its exported variables (and the zero value, which the guard drops unless "" is declared). The output
// is gofmt-clean by construction: nothing the emitter writes needs column alignment except where it pads itself.
import { InternalError } from '../issues.ts';
import type { Metric, Stack } from '../model.ts';
import { files, type Files } from './files.ts';
import { goMiddleware, goMiddlewareImports, requestMetrics } from './go-middleware.ts';
import { goExported, goHandleType, goPackageName, goParams, goValueNames, goValueType } from '../go-names.ts';
import { goRuntime, goRuntimeImports } from './go-runtime.ts';

export const goRegistryPath = 'exporter/go/metrics.gen.go';

/** A Go interpreted string literal; a lone surrogate (not UTF-8) becomes U+FFFD, as Go would read it. */
export function goString(s: string): string {
  const escaped = [...s].map((ch) => {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') return `\\${ch}`;
    if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
    if (code >= 0xd800 && code <= 0xdfff) return '\\uFFFD';
    return ch;
  });
  return `"${escaped.join('')}"`;
}

/** A float64 literal: JavaScript prints numbers as Go reads them (`0.05`, `1e+21`). */
function goFloat(n: number): string {
  if (!Number.isFinite(n)) throw new InternalError(`no Go literal for ${n}`);
  return String(n);
}

/** Text for a `//` comment: a newline in a help text would end the comment and leave the rest as code. */
const comment = (text: string) => text.replace(/\s+/g, ' ');

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

const vecType = { counter: 'CounterVec', gauge: 'GaugeVec', histogram: 'HistogramVec', summary: 'SummaryVec' } as const satisfies Record<Metric['kind'], string>;
const childType = { counter: 'Counter', gauge: 'Gauge', histogram: 'Observer', summary: 'Observer' } as const satisfies Record<Metric['kind'], string>;
const plainType = { counter: 'Counter', gauge: 'Gauge', histogram: 'Histogram', summary: 'Summary' } as const satisfies Record<Metric['kind'], string>;

/** The `prometheus.XOpts{…}` literal of a metric, on one line. */
function opts(m: Metric): string {
  const common = `Name: ${goString(m.name)}, Help: ${goString(m.help)}`;
  switch (m.kind) {
    case 'counter':
      return `prometheus.CounterOpts{${common}}`;
    case 'gauge':
      return `prometheus.GaugeOpts{${common}}`;
    case 'histogram':
      return `prometheus.HistogramOpts{${common}, Buckets: []float64{${m.buckets.map(goFloat).join(', ')}}}`;
    case 'summary': {
      // client_golang needs an allowed error per quantile: a tenth of the distance to the nearer end, which gives
      // its own defaults (0.5: 0.05, 0.9: 0.01, 0.99: 0.001)
      const error = (q: number) => goFloat(Number((Math.min(q, 1 - q) / 10).toPrecision(6)));
      const objectives = [...new Set(m.percentiles)].map((q) => `${goFloat(q)}: ${error(q)}`).join(', ');
      const maxAge = Number.isInteger(m.maxAgeSeconds) ? `${m.maxAgeSeconds} * time.Second` : `time.Duration(${Math.round(m.maxAgeSeconds * 1e9)})`;
      return `prometheus.SummaryOpts{${common}, Objectives: map[float64]float64{${objectives}}, MaxAge: ${maxAge}, AgeBuckets: ${m.ageBuckets}}`;
    }
  }
}

/** The value type of one label that declares its values, its exported values, and their lookup. */
function valueType(m: Metric, label: string, values: readonly string[]): string {
  const type = goValueType(m, label);
  const names = goValueNames(m, label, values);
  const list = `${lowerFirst(type)}Values`;
  return [
    `// ${type} is a value of label ${label} of ${m.name}. Other packages cannot make one: its values\n// are the variables below (and the zero value, which is dropped and counted unless "" is declared).\ntype ${type} struct{ v string }\n`,
    ...values.map((v) => `// ${names.get(v)} is ${label}=${goString(v)}.\nvar ${names.get(v)} = ${type}{${goString(v)}}\n`),
    `var ${list} = []${type}{${values.map((v) => names.get(v)).join(', ')}}\n`,
    `// String is the label value.\nfunc (v ${type}) String() string {\n\treturn v.v\n}\n`,
    `func (v ${type}) declared() bool {\n\tswitch v.v {\n\tcase ${values.map(goString).join(', ')}:\n\t\treturn true\n\t}\n\treturn false\n}\n`,
    `// Parse${type} is the declared value s, or false when s is not one.\nfunc Parse${type}(s string) (${type}, bool) {\n\tfor _, v := range ${list} {\n\t\tif v.v == s {\n\t\t\treturn v, true\n\t\t}\n\t}\n\treturn ${type}{}, false\n}\n`,
  ].join('\n');
}

/** The handle of a metric with labels: its vec, its guard, and one typed method per update. */
function handle(m: Metric): string {
  const type = goHandleType(m);
  const params = goParams(m.labels);
  const typed = m.labels.map((l, i) => `${params[i]} ${l in m.labelValues ? goValueType(m, l) : 'string'}`).join(', ');
  const args = params.join(', ');
  const key = `[${m.labels.length}]string`;
  const keyValues = m.labels.map((l, i) => (l in m.labelValues ? `${params[i]}.v` : `open(${params[i]})`)).join(', ');
  const declared = m.labels.flatMap((l, i) => (l in m.labelValues ? [`${params[i]}.declared()`] : [])).join(' && ') || 'true';
  const child = `prometheus.${childType[m.kind]}`;
  const method = (doc: string, name: string, extra: string, call: string) =>
    `// ${doc}\nfunc (h *${type}) ${name}(${typed}${extra}) {\n\tif c, ok := h.with(${args}); ok {\n\t\tc.${call}\n\t}\n}\n`;
  const methods: Record<Metric['kind'], string[]> = {
    counter: [
      `// Inc adds 1 to the series of these labels.\nfunc (h *${type}) Inc(${typed}) {\n\th.Add(${args}, 1)\n}\n`,
      method('Add adds value (not negative) to the series of these labels.', 'Add', ', value float64', 'Add(value)'),
    ],
    gauge: [
      method('Set sets the series of these labels to value.', 'Set', ', value float64', 'Set(value)'),
      method('Inc adds 1 to the series of these labels.', 'Inc', '', 'Inc()'),
      method('Dec subtracts 1 from the series of these labels.', 'Dec', '', 'Dec()'),
      method('Add adds value to the series of these labels.', 'Add', ', value float64', 'Add(value)'),
      method('Sub subtracts value from the series of these labels.', 'Sub', ', value float64', 'Sub(value)'),
    ],
    histogram: [method('Observe adds an observation to the series of these labels.', 'Observe', ', value float64', 'Observe(value)')],
    summary: [method('Observe adds an observation to the series of these labels.', 'Observe', ', value float64', 'Observe(value)')],
  };
  return [
    `// ${type} is the ${m.kind} ${m.name}{${m.labels.join(', ')}}: ${comment(m.help)}\ntype ${type} struct {\n\tvec   *prometheus.${vecType[m.kind]}\n\tguard *guard[${key}]\n}\n`,
    `func new${type}(self *selfMetrics) *${type} {\n\tvec := prometheus.New${vecType[m.kind]}(${opts(m)}, []string{${m.labels.map(goString).join(', ')}})\n` +
      `\treturn &${type}{vec: vec, guard: newGuard[${key}](${goString(m.name)}, ${m.cardinalityLimit}, self)}\n}\n`,
    `// with is the series of these labels, when the guard admits them.\nfunc (h *${type}) with(${typed}) (${child}, bool) {\n` +
      `\tkey := ${key}{${keyValues}}\n\tif !h.guard.admit(${declared}, key) {\n\t\treturn nil, false\n\t}\n\treturn h.vec.WithLabelValues(key[:]...), true\n}\n`,
    ...methods[m.kind],
    ...m.labels.flatMap((l) => (m.labelValues[l] ? [valueType(m, l, m.labelValues[l])] : [])),
  ].join('\n');
}

/** Nested loops over the declared values, the first label outermost: every combination at 0, in the model's order. */
function startAtZero(m: Metric): string {
  const params = goParams(m.labels);
  const depth = m.labels.length;
  const start = m.kind === 'counter' ? `m.${goExported(m.name)}.Add(${params.join(', ')}, 0)` : `m.${goExported(m.name)}.with(${params.join(', ')})`;
  const lines = m.labels.map((l, i) => `${'\t'.repeat(i + 1)}for _, ${params[i]} := range ${lowerFirst(goValueType(m, l))}Values {`);
  lines.push(`${'\t'.repeat(depth + 1)}${start}`);
  for (let i = depth; i >= 1; i--) lines.push(`${'\t'.repeat(i)}}`);
  return lines.join('\n') + '\n';
}

function imports(paths: readonly string[]): string {
  const sorted = [...new Set(paths)].sort();
  const std = sorted.filter((p) => !p.includes('.'));
  const other = sorted.filter((p) => p.includes('.'));
  const block = (ps: string[]) => ps.map((p) => `\t"${p}"\n`).join('');
  return `import (\n${block(std)}${std.length && other.length ? '\n' : ''}${block(other)})\n`;
}

export function goRegistry(stack: Stack): Files {
  if (!stack.registries.includes('go')) return files([]);
  const requests = requestMetrics(stack);
  const labelled = stack.metrics.filter((m) => m.labels.length > 0);
  const needsTime = stack.metrics.some((m) => m.kind === 'summary');
  const fields = stack.metrics.map((m) =>
    `\t// ${goExported(m.name)} is the ${m.kind} ${m.name}: ${comment(m.help)}\n\t${goExported(m.name)} ${m.labels.length ? `*${goHandleType(m)}` : `prometheus.${plainType[m.kind]}`}\n`);
  const create = stack.metrics.map((m) =>
    `\tm.${goExported(m.name)} = ${m.labels.length ? `new${goHandleType(m)}(self)` : `prometheus.New${plainType[m.kind]}(${opts(m)})`}\n`);
  const collectors = ['self.collectors()', ...stack.metrics.map((m) => `m.${goExported(m.name)}${m.labels.length ? '.vec' : ''}`)];
  const initial = stack.metrics.filter((m) => m.initialSeries);
  const pkg = goPackageName(stack.name);

  const out = [
    `// Package ${pkg} is the typed registry of stack ${goString(stack.name)} for client_golang: one collector per metric\n` +
      `// of the stack and stackc's self-metrics, on a registry the service chooses. Label values the stack declares are\n` +
      `// types of their own, so an undeclared value does not compile; label sets past a metric's cardinality limit are\n` +
      `// dropped and counted in stackc_exporter_cardinality_dropped_total.\npackage ${pkg}\n`,
    imports([...goRuntimeImports, ...(requests ? goMiddlewareImports : []), ...(needsTime ? ['time'] : [])]),
    `// ScrapePort is the port Prometheus scrapes this stack's exporter on.\nconst ScrapePort = ${stack.scrape.port}\n`,
    `// MetricsPath is the path Prometheus scrapes.\nconst MetricsPath = ${goString(stack.scrape.metricsPath)}\n`,
    `// Metrics holds the stack's metrics, each typed by its kind and labels.\ntype Metrics struct {\n${fields.join('')}${fields.length ? '\n' : ''}\tself *selfMetrics\n}\n`,
    `// New registers exactly the stack's metrics and the self-metrics on reg (pass prometheus.NewRegistry(), or\n` +
      `// prometheus.DefaultRegisterer deliberately), and starts every declared label combination of counters and\n// histograms at 0, so the first scrape shows each series.\n` +
      `func New(reg prometheus.Registerer) (*Metrics, error) {\n\tself := newSelfMetrics()\n\tm := &Metrics{self: self}\n${create.join('')}` +
      `\tfor _, c := range ${collectors.length > 1 ? `append(${collectors.join(', ')})` : collectors[0]} {\n\t\tif err := reg.Register(c); err != nil {\n\t\t\treturn nil, err\n\t\t}\n\t}\n` +
      initial.map(startAtZero).join('') + '\treturn m, nil\n}\n',
    ...labelled.map(handle),
    ...(requests ? [goMiddleware(requests)] : []),
    goRuntime,
  ];
  return files([[goRegistryPath, out.join('\n')]]);
}
