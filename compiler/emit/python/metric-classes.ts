// One typed class per metric of the stack, and the Metrics object holding one of each. Labels are keyword-only
// arguments, so a missing, unknown or misspelt label fails `mypy --strict`; a label with declared values is typed by
// a Literal alias (`JobsTotalQueue = Literal["default", "urgent"]`), so an undeclared value fails it too.
import type { Metric, MetricType } from '../../model.ts';
import { defLine, Names, pascalCase, pyDocstring, pyNumber, pyString, pyTuple } from './syntax.ts';

interface Update {
  readonly name: string;
  /** The value parameter, positional-only so that no label name can clash with it. */
  readonly value: string;
  readonly arg: string;
  /** What it does, before "the series with these labels", or alone for a metric without labels. */
  readonly doc: string;
  readonly plainDoc: string;
}

const inc: Update = { name: 'inc', value: 'amount: float = 1', arg: 'amount', doc: 'Adds `amount` (default 1) to', plainDoc: 'Adds `amount` (default 1)' };
const dec: Update = { name: 'dec', value: 'amount: float = 1', arg: 'amount', doc: 'Subtracts `amount` (default 1) from', plainDoc: 'Subtracts `amount` (default 1)' };
const set: Update = { name: 'set', value: 'value: float', arg: 'value', doc: 'Sets the value of', plainDoc: 'Sets the value' };
const observe: Update = { name: 'observe', value: 'value: float', arg: 'value', doc: 'Records one observation in', plainDoc: 'Records one observation' };

/** What each kind allows, as prometheus_client does: a counter only goes up; summaries and histograms observe. */
const updates = {
  counter: [inc],
  gauge: [set, inc, dec],
  histogram: [observe],
  summary: [observe],
} as const satisfies Record<MetricType, readonly Update[]>;

const clientClass = {
  counter: 'Counter',
  gauge: 'Gauge',
  histogram: 'Histogram',
  summary: 'Summary',
} as const satisfies Record<MetricType, string>;

/** Parameters of the update methods that a label must not be named like. */
const methodParams = ['self', 'amount', 'value'];

/** A metric as the module names it: its class, its attribute on Metrics, each label's parameter and type. */
export interface PythonMetric {
  readonly metric: Metric;
  readonly className: string;
  readonly attribute: string;
  readonly labels: readonly { readonly label: string; readonly param: string; readonly type: string; readonly alias?: string }[];
}

/** Names every metric: classes and aliases share the module scope, attributes that of Metrics. */
export function namePythonMetrics(metrics: readonly Metric[], moduleNames: Names): PythonMetric[] {
  const attributes = new Names(['stack', 'registry']);
  return metrics.map((metric) => {
    const className = moduleNames.take(pascalCase(metric.name));
    const params = new Names(methodParams);
    const labels = metric.labels.map((label) => {
      const declared = metric.labelValues[label];
      const alias = declared ? moduleNames.take(`${className}${pascalCase(label)}`) : undefined;
      return { label, param: params.take(label), type: alias ?? 'str', ...(alias ? { alias } : {}) };
    });
    return { metric, className, attribute: attributes.take(metric.name), labels };
  });
}

function aliases(m: PythonMetric): string {
  return m.labels.filter((l) => l.alias).map((l) => {
    const values = m.metric.labelValues[l.label]!.map(pyString);
    return `${l.alias} = Literal[${values.join(', ')}]\n"""The declared values of label ${l.label} of ${m.metric.name}."""\n`;
  }).join('');
}

function description(m: PythonMetric): string[] {
  const { metric } = m;
  const labels = metric.labels.length === 0 ? 'No labels.' : `Labels: ${m.labels.map((l) => `${l.label}${l.alias ? ` (${l.alias})` : ''}`).join(', ')}; at most ${metric.cardinalityLimit} label sets.`;
  const lines = [metric.help, '', `${clientClass[metric.kind]} ${metric.name}. ${labels}`];
  if (metric.initialSeries) lines.push('Every combination of the declared values starts at 0.');
  if (metric.kind === 'summary') {
    lines.push(`prometheus_client's Summary has no quantiles: it exposes ${metric.name}_count and ${metric.name}_sum only, not`,
      `the percentiles the stack declares (${metric.percentiles.join(', ')} over ${metric.maxAgeSeconds} s).`);
  }
  return lines;
}

function constructor(metric: Metric): string {
  const args = [pyString(metric.name), pyString(metric.help)];
  if (metric.labels.length) args.push(pyTuple(metric.labels.map(pyString)));
  if (metric.kind === 'histogram') args.push(`buckets=${pyTuple(metric.buckets.map(pyNumber))}`);
  args.push('registry=registry');
  return `${clientClass[metric.kind]}(${args.join(', ')})`;
}

function labelledClass(m: PythonMetric): string {
  const { metric } = m;
  const declared = pyTuple(metric.labels.map((l) => (metric.labelValues[l] ? pyTuple(metric.labelValues[l].map(pyString)) : 'None')));
  const init = [
    defLine('    ', '__init__', ['self', 'registry: CollectorRegistry', 'self_metrics: SelfMetrics'], 'None'),
    '        super().__init__(',
    `            ${constructor(metric)},`,
    `            CardinalityGuard(${pyString(metric.name)}, ${metric.cardinalityLimit}, ${declared}, self_metrics),`,
    '        )',
    ...(metric.initialSeries ? ['        self._start_at_zero()'] : []),
  ].join('\n');
  const labelParams = m.labels.map((l) => `${l.param}: ${l.type}`);
  const methods = updates[metric.kind].map((u) => [
    defLine('    ', u.name, ['self', u.value, '/', '*', ...labelParams], 'None'),
    pyDocstring('        ', [`${u.doc} the series with these labels.`]).trimEnd(),
    `        child = self._child(${m.labels.map((l) => l.param).join(', ')})`,
    '        if child is not None:',
    `            child.${u.name}(${u.arg})`,
  ].join('\n'));
  return [
    `class ${m.className}(LabelledMetric[${clientClass[metric.kind]}]):\n${pyDocstring('    ', description(m))}`,
    `${init}\n`,
    ...methods.map((text) => `${text}\n`),
  ].join('\n');
}

function plainClass(m: PythonMetric): string {
  const { metric } = m;
  const init = [
    defLine('    ', '__init__', ['self', 'registry: CollectorRegistry'], 'None'),
    `        super().__init__(${constructor(metric)})`,
  ].join('\n');
  const methods = updates[metric.kind].map((u) => [
    defLine('    ', u.name, ['self', u.value, '/'], 'None'),
    pyDocstring('        ', [`${u.plainDoc}.`]).trimEnd(),
    `        self.metric.${u.name}(${u.arg})`,
  ].join('\n'));
  return [
    `class ${m.className}(PlainMetric[${clientClass[metric.kind]}]):\n${pyDocstring('    ', description(m))}`,
    `${init}\n`,
    ...methods.map((text) => `${text}\n`),
  ].join('\n');
}

/** The Literal aliases and the class of one metric. */
export function metricClass(m: PythonMetric): string {
  const cls = m.metric.labels.length ? labelledClass(m) : plainClass(m);
  const alias = aliases(m);
  return alias ? `${alias}\n\n${cls}` : cls;
}

/** The Metrics object: one attribute per metric, named as the metric. */
export function metricsClass(metrics: readonly PythonMetric[]): string {
  const fields = metrics.map((m) => {
    const args = m.metric.labels.length ? 'registry, self_metrics' : 'registry';
    return `        self.${m.attribute}: Final = ${m.className}(${args})\n${pyDocstring('        ', [m.metric.help])}`;
  });
  return `class Metrics:
    """The stack's metrics, one attribute per metric, named as the metric."""

    def __init__(self, registry: CollectorRegistry, self_metrics: SelfMetrics) -> None:
${fields.length ? fields.join('') : '        pass\n'}`;
}
