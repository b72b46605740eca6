// The model: what a stack means, as plain, deeply readonly data tagged by `kind`.
// dsl/to-model.ts is the only producer; validators and emitters are the only consumers.
// Nothing here may import from dsl/ or hold functions, classes or symbols.
import type { Dashboard } from './model-dashboard.ts';
import type { Alerting, Deploy } from './model-deploy.ts';
import type { Exporter } from './model-exporters.ts';
import type { Slo } from './model-slo.ts';

export type { BurnWindow, Sli, Slo, SloAlert } from './model-slo.ts';

/** Where a definition was made: a path relative to the project root, 1-based line and column. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Base units (OpenMetrics) plus percent, common in hand-written stacks; 'none' for plain counts and scores. */
export type Unit = 'seconds' | 'bytes' | 'ratio' | 'percent' | 'none';

export type Severity = 'info' | 'warning' | 'critical';
export const severities: readonly Severity[] = ['info', 'warning', 'critical'];

export type Direction = 'above' | 'below';

/** One level of a threshold: the alert fires when the series is past `value` for `for`. */
export interface Threshold {
  readonly severity: Severity;
  readonly direction: Direction;
  readonly value: number;
  readonly for: string;
}

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';

interface MetricCommon {
  readonly name: string;
  readonly help: string;
  /** Label names the exporter sets; scrape-target labels (job, instance, namespace, pod) are not listed. */
  readonly labels: readonly string[];
  readonly unit: Unit;
  /** Inclusive bounds of a gauge's value, when known (0–100 for percent, 0–1 for ratio, or declared). */
  readonly range?: readonly [number, number];
  readonly thresholds: readonly Threshold[];
  /** Most label sets the exporter keeps for this metric; new ones beyond it are dropped and counted. */
  readonly cardinalityLimit: number;
  /** The values a label can take, for each label that declares them, in declared order; a label not listed is
   *  open (any value). */
  readonly labelValues: Readonly<Record<string, readonly string[]>>;
  /** The registries create every declared label combination at 0 when they start, so the first scrape already
   *  shows each series: a counter or histogram whose labels all declare their values (and the stack does not
   *  switch it off). Combinations in label order, values in declared order, the first label varying slowest. */
  readonly initialSeries: boolean;
  readonly source: SourceRef;
}

export interface CounterMetric extends MetricCommon { readonly kind: 'counter' }
export interface GaugeMetric extends MetricCommon { readonly kind: 'gauge' }
export interface HistogramMetric extends MetricCommon {
  readonly kind: 'histogram';
  readonly buckets: readonly number[];
}
export interface SummaryMetric extends MetricCommon {
  readonly kind: 'summary';
  readonly percentiles: readonly number[];
  readonly maxAgeSeconds: number;
  readonly ageBuckets: number;
}
export type Metric = CounterMetric | GaugeMetric | HistogramMetric | SummaryMetric;

/** A series the stack queries but does not export (kube-state-metrics, kubelet/cAdvisor, …). */
export interface ExternalMetric {
  readonly kind: 'external';
  readonly catalog: string;
  readonly name: string;
  /** A histogram is queried as name_bucket (with le), name_sum and name_count; a summary as name (with quantile),
   *  name_sum and name_count; the series index expands them like own histograms and summaries. */
  readonly type: MetricType;
  readonly help: string;
  /** Every label the series carries, including those its scrape job adds; le and quantile are not listed. */
  readonly labels: readonly string[];
  /** The values of the labels whose values the exporter documents (kube-state-metrics' `phase`), when declared. */
  readonly labelValues?: Readonly<Record<string, readonly string[]>>;
}

/** A PromQL expression as text, and the place in the stack that wrote it. */
export interface Expression {
  readonly text: string;
  readonly source: SourceRef;
}

/** One input series of a rule test, with values in promtool's expanding notation (`0+10x20`, `85x40`).
 *  For the stack's own metrics the scrape labels (job, instance, namespace, pod) are added when missing. */
export interface TestSeries {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly values: string;
}

/** What a rule test expects at `at`: for an alert, the alerts firing (empty: none fires); for a recording rule,
 *  the samples it records. Labels are those of the expression's result; the alert's own labels are added. */
export interface ExpectedSample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A rule unit test (`promtool test rules`), written in the stack or derived by the compiler. */
export interface RuleTestCase {
  readonly name: string;
  readonly input: readonly TestSeries[];
  readonly at: string;
  readonly expect: readonly ExpectedSample[];
  readonly source: SourceRef;
}

/** A rule the stack left without tests on purpose (`tests: untested('…')`), and why. */
export interface UntestedRule {
  readonly reason: string;
  readonly source: SourceRef;
}

export interface AlertRule {
  readonly kind: 'alert';
  readonly name: string;
  readonly expr: Expression;
  readonly for: string;
  /** Prometheus' keep_firing_for; absent when not set. */
  readonly keepFiringFor?: string;
  readonly severity: Severity;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** Set when the alert was derived from a metric's or recording rule's threshold; `labels` are the static labels
   *  of that recording rule, which tell it from other rules recording the same name. */
  readonly threshold?: { readonly series: string; readonly severity: Severity; readonly labels?: Readonly<Record<string, string>> };
  /** Set when the alert is a burn-rate alert of a service-level objective: the objective's name (see `Slo`). */
  readonly slo?: string;
  /** Tests written in the stack; threshold and objective alerts also get derived ones (compiler/rule-tests/). */
  readonly tests: readonly RuleTestCase[];
  /** Set when the stack left the alert untested on purpose: it then has no tests. */
  readonly untested?: UntestedRule;
  readonly source: SourceRef;
}

export interface RecordingRule {
  readonly kind: 'recording';
  readonly name: string;
  readonly expr: Expression;
  readonly labels: Readonly<Record<string, string>>;
  readonly unit: Unit;
  readonly range?: readonly [number, number];
  readonly thresholds: readonly Threshold[];
  /** Tests written in the stack, for expressions the compiler cannot derive expected samples for. */
  readonly tests: readonly RuleTestCase[];
  /** Set when the stack left the rule untested on purpose: it then has no tests, not even a derived one. */
  readonly untested?: UntestedRule;
  readonly source: SourceRef;
}

export type Rule = AlertRule | RecordingRule;

export interface RuleGroup {
  readonly kind: 'ruleGroup';
  readonly name: string;
  /** How often the group is evaluated: its own interval, else the stack's evaluation interval. */
  readonly interval: string;
  /** The stack set the group's interval. Only then is `interval:` emitted; otherwise Prometheus' global
   *  evaluation_interval applies, which is the stack's evaluation interval. */
  readonly intervalSet: boolean;
  /** Prometheus' group `limit`: at most this many series per rule; 0 (not emitted): no limit. */
  readonly limit: number;
  /** Prometheus' group `labels`. Each rule's `labels` already hold them (under its own), as Prometheus attaches
   *  them; the emitter writes them once on the group for Prometheus 3, into each rule for 2. */
  readonly labels: Readonly<Record<string, string>>;
  /** Prometheus' group `query_offset`; absent when not set. Rule tests evaluate this much after their `at`. */
  readonly queryOffset?: string;
  readonly rules: readonly Rule[];
  readonly source: SourceRef;
}

/** One object that defines a series (a metric or a recording rule), as something in the stack reached it. Two
 *  objects for one name are fine only when they say the same thing; validate/definitions.ts checks that. */
export interface SeriesDefinition {
  readonly kind: 'definition';
  readonly name: string;
  readonly of: 'metric' | 'recording rule';
  /** What the definition says, without where it says it: equal for identical copies, different for conflicts. */
  readonly content: Readonly<Record<string, string>>;
  readonly source: SourceRef;
  /** What reached it: the stack's `metrics`, a rule group, a rule, a panel, a test. */
  readonly usedBy: readonly { readonly what: string; readonly source: SourceRef }[];
  /** Listed in the stack's `metrics` (for a metric) or in one of its rule groups (for a recording rule). */
  readonly declared: boolean;
  /** A metric definition as the model has it, so a metric used but not listed can still be checked where it is used. */
  readonly metric?: Metric;
}

/** How Prometheus finds and labels the stack's own exporter. */
export interface ScrapeSettings {
  readonly interval: string;
  readonly evaluationInterval: string;
  readonly metricsPath: string;
  readonly port: number;
  readonly externalLabels: Readonly<Record<string, string>>;
}

export interface Stack {
  readonly kind: 'stack';
  readonly name: string;
  /** The stack's file relative to the project root, e.g. `stacks/shop.ts`. */
  readonly file: string;
  /** Namespace the stack's app pods run in. */
  readonly namespace: string;
  /** Namespace the monitoring components are deployed to. */
  readonly monitoringNamespace: string;
  /** Value of the pods' `app` label, and the scrape job's name. */
  readonly app: string;
  readonly scrape: ScrapeSettings;
  /** The Prometheus the stack is written for: the rule tests' predictions follow its semantics. */
  readonly target: Target;
  /** The languages whose exporter registry out/<stack>/exporter/ holds (TypeScript's, Python's, Go's). */
  readonly registries: readonly RegistryLanguage[];
  readonly metrics: readonly Metric[];
  readonly externalMetrics: readonly ExternalMetric[];
  readonly ruleGroups: readonly RuleGroup[];
  /** Grafana dashboards, emitted in this order (see model-dashboard.ts). */
  readonly dashboards: readonly Dashboard[];
  /** Alertmanager receivers and routes (compiler/model-deploy.ts). */
  readonly alerting: Alerting;
  /** Kubernetes deployment settings (compiler/model-deploy.ts). */
  readonly deploy: Deploy;
  /** Service-level objectives; their rules are in `ruleGroups` too (see compiler/model-slo.ts). */
  readonly slos: readonly Slo[];
  /** Exporters the stack runs and scrapes beside its app (compiler/model-exporters.ts); their catalogs' series are
   *  in `externalMetrics`, with the target labels. */
  readonly exporters: readonly Exporter[];
  /** Every object that defines a series the stack lists or uses, one entry per object. */
  readonly definitions: readonly SeriesDefinition[];
  readonly source: SourceRef;
}

/** The major version of Prometheus a stack runs on. 3 made range selectors left-open: a sample exactly at the
 *  window's start is outside it (in 2.x both ends are inside). */
export type RegistryLanguage = 'typescript' | 'python' | 'go';
export const registryLanguages: readonly RegistryLanguage[] = ['typescript', 'python', 'go'];

export interface Target {
  readonly prometheus: '2' | '3';
  /** The major version of the Grafana the dashboards are provisioned to (compiler/emit/grafana-versions.ts). */
  readonly grafana: GrafanaMajor;
}

/** Grafana majors stackc emits dashboards for; the first is the current one, the default. */
export const grafanaMajors = ['13', '12', '11'] as const;
export type GrafanaMajor = (typeof grafanaMajors)[number];

/** Labels every series scraped from the stack's own exporter carries: Prometheus adds job and instance,
 *  the generated scrape config adds namespace and pod. An exporter label with one of these names would be
 *  renamed `exported_<name>` on scrape, so validation rejects it. */
export const targetLabels = ['instance', 'job', 'namespace', 'pod'] as const;
export type TargetLabel = (typeof targetLabels)[number];

