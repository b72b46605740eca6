// The one bridge from DSL objects to the model. The compiler never sees a builder.
import type {
  AlertRule, ExternalMetric, Metric, RecordingRule, Rule, RuleGroup, Severity, Slo, Stack, Target, Threshold,
} from '../compiler/model.ts';
import { grafanaMajors, registryLanguages, severities } from '../compiler/model.ts';
import { alertingOf } from './alerting.ts';
import { prometheusSeries } from './catalogs/prometheus.ts';
import { dashboardOf } from './dashboard-model.ts';
import { definitionsOf } from './definitions.ts';
import { deployOf } from './deploy.ts';
import { exporterOf } from './exporter-model.ts';
import type { AnyCatalog } from './catalog.ts';
import type { MetricDefinition, ThresholdLevel, ThresholdsInput } from './metrics.ts';
import type { AlertDefinition, Recording, RuleGroupDefinition } from './rules.ts';
import type { SloDefinition } from './slo.ts';
import type { StackDefinition } from './stack.ts';
import { isTagged } from './tags.ts';
import { testCaseOf } from './tests.ts';

export function thresholdsOf(input: ThresholdsInput): Threshold[] {
  return severities.flatMap((severity: Severity) => {
    const level: ThresholdLevel | undefined = input[severity];
    if (!level) return [];
    const direction = level.above !== undefined ? 'above' : 'below';
    return [{ severity, direction, value: (level.above ?? level.below)!, for: level.for ?? '0s' } satisfies Threshold];
  });
}

/** A counter or histogram whose labels all declare their values starts each combination at 0. A gauge's 0 would
 *  be a value nobody set; a summary cannot start empty in every client library (prom-client has no way to). */
function startsAtZero(d: MetricDefinition, initialSeries: boolean): boolean {
  return initialSeries && (d.metricType === 'counter' || d.metricType === 'histogram') && d.labels.length > 0 && d.labels.every((l) => l in d.labelValues);
}

function metricOf(d: MetricDefinition, initialSeries = true): Metric {
  const common = {
    name: d.name,
    help: d.help,
    labels: [...d.labels],
    labelValues: Object.fromEntries(Object.entries(d.labelValues).map(([k, v]) => [k, [...v]])),
    initialSeries: startsAtZero(d, initialSeries),
    unit: d.unit,
    ...(d.range ? { range: d.range } : {}),
    thresholds: thresholdsOf(d.thresholdsInput),
    cardinalityLimit: d.cardinalityLimit,
    source: d.source,
  };
  switch (d.metricType) {
    case 'counter': return { kind: 'counter', ...common };
    case 'gauge': return { kind: 'gauge', ...common };
    case 'histogram': return { kind: 'histogram', ...common, buckets: [...(d.buckets ?? [])] };
    case 'summary':
      return { kind: 'summary', ...common, percentiles: [...(d.percentiles ?? [])], maxAgeSeconds: d.maxAgeSeconds ?? 600, ageBuckets: d.ageBuckets ?? 5 };
  }
}

function recordingOf(r: Recording<string>): RecordingRule {
  return {
    kind: 'recording',
    name: r.name,
    expr: { text: r.exprText, source: r.exprSource },
    labels: { ...r.labels },
    unit: r.unit,
    ...(r.range ? { range: r.range } : {}),
    thresholds: thresholdsOf(r.thresholdsInput),
    tests: r.tests.map(testCaseOf),
    ...(r.untested ? { untested: r.untested } : {}),
    source: r.source,
  };
}

function alertOf(a: AlertDefinition): AlertRule {
  return {
    kind: 'alert',
    name: a.name,
    expr: { text: a.exprText, source: a.exprSource },
    for: a.for,
    ...(a.keepFiringFor !== undefined ? { keepFiringFor: a.keepFiringFor } : {}),
    severity: a.severity,
    labels: { ...a.labels },
    annotations: { ...a.annotations },
    ...(a.threshold ? { threshold: a.threshold } : {}),
    ...(a.slo !== undefined ? { slo: a.slo } : {}),
    tests: a.tests.map(testCaseOf),
    ...(a.untested ? { untested: a.untested } : {}),
    source: a.source,
  };
}

function withGroupLabels<R extends Rule>(labels: Readonly<Record<string, string>>, rule: R): R {
  return Object.keys(labels).length ? { ...rule, labels: { ...labels, ...rule.labels } } : rule;
}

function groupOf(g: RuleGroupDefinition, defaultInterval: string): RuleGroup {
  return {
    kind: 'ruleGroup',
    name: g.name,
    interval: g.interval || defaultInterval,
    intervalSet: g.interval !== '',
    limit: g.limit,
    labels: { ...g.labels },
    ...(g.queryOffset !== '' ? { queryOffset: g.queryOffset } : {}),
    // Prometheus attaches the group's labels to each rule, the rule's own winning: every check, test and route
    // sees the labels an alert or recorded series really carries
    rules: g.rules.map((r) => withGroupLabels(g.labels, isTagged<AlertDefinition>(r, 'alert') ? alertOf(r) : recordingOf(r as Recording<string>))),
    source: g.source,
  };
}

function sloOf(d: SloDefinition): Slo {
  const at = (text: string) => ({ text, source: d.source });
  return {
    kind: 'slo',
    name: d.name,
    objective: d.objective,
    budget: d.budget,
    window: d.window,
    sli: d.sli.kind === 'ratio'
      ? { kind: 'ratio', errors: at(d.sli.errors), total: at(d.sli.total) }
      : { kind: 'latency', histogram: d.sli.histogram, good: at(d.sli.good), total: at(d.sli.total), threshold: d.sli.threshold },
    labels: { ...d.labels },
    group: d.group.name,
    alerts: d.alerts.map((a) => ({ name: a.name, severity: a.severity, for: a.for, windows: a.windows.map((w) => ({ ...w })) })),
    source: d.source,
  };
}

/** Turns a stack definition into the model: plain data, defaults filled in, nothing validated yet. */
export function toModel(def: StackDefinition): Stack {
  const o = def.options;
  const scrape = {
    interval: o.scrape?.interval ?? '15s',
    evaluationInterval: o.scrape?.evaluationInterval ?? '15s',
    metricsPath: o.scrape?.metricsPath ?? '/metrics',
    port: o.scrape?.port ?? 9464,
    externalLabels: { ...o.scrape?.externalLabels },
  };
  const external = new Map<string, ExternalMetric>();
  // an exporter's series last: they carry the labels its scrape job attaches
  const exporterSeries = (o.exporters ?? []).map((x) => x.series as AnyCatalog);
  for (const c of [prometheusSeries, ...(o.catalogs ?? []), ...exporterSeries]) for (const e of c.entries) external.set(e.name, e);
  const target: Target = { prometheus: o.target?.prometheus ?? '3', grafana: o.target?.grafana ?? grafanaMajors[0] };
  return {
    kind: 'stack',
    name: def.name,
    file: def.source.file,
    namespace: o.namespace,
    monitoringNamespace: o.monitoringNamespace ?? 'monitoring',
    app: o.app ?? o.namespace,
    scrape,
    target,
    // listed once each, in a fixed order, whatever order or repetition the stack wrote
    registries: registryLanguages.filter((l) => (o.registries ?? ['typescript']).includes(l)),
    metrics: o.metrics.map((m) => metricOf(m, o.initialSeries ?? true)),
    externalMetrics: [...external.values()],
    // an objective's rules are a group of their own, after the stack's groups
    ruleGroups: [...o.groups, ...(o.slos ?? []).map((s) => s.group)].map((g) => groupOf(g, scrape.evaluationInterval)),
    slos: (o.slos ?? []).map(sloOf),
    exporters: (o.exporters ?? []).map((x) => exporterOf(x, { app: o.namespace, monitoring: o.monitoringNamespace ?? 'monitoring' })),
    dashboards: (o.dashboards ?? []).map(dashboardOf),
    alerting: alertingOf(o.alerting, def.source),
    deploy: deployOf(o.deploy, def.source, target),
    definitions: definitionsOf(def, (m) => metricOf(m, o.initialSeries ?? true)),
    source: def.source,
  };
}
