// stack(): one stack file's root object. The CLI compiles every stack a file in stacks/ exports.
import type { GrafanaMajor, RegistryLanguage, SourceRef } from '../compiler/model.ts';
import type { AlertingDefinition } from './alerting.ts';
import type { AnyCatalog } from './catalog.ts';
import type { DashboardDefinition } from './dashboard.ts';
import type { DeployDefinition } from './deploy.ts';
import type { AnyExporter } from './exporters.ts';
import type { AnyMetric } from './metrics.ts';
import type { RuleGroupDefinition } from './rules.ts';
import type { SloDefinition } from './slo.ts';
import type { Duration } from './series.ts';
import { callSite } from './source.ts';
import { tag } from './tags.ts';

export interface ScrapeOptions {
  /** How often Prometheus scrapes every target. @default '15s' */
  readonly interval?: Duration;
  /** How often rule groups without their own interval are evaluated. @default '15s' */
  readonly evaluationInterval?: Duration;
  /** Path of the exporter's metrics endpoint. @default '/metrics' */
  readonly metricsPath?: string;
  /** Port of the exporter's metrics endpoint. @default 9464 */
  readonly port?: number;
  /** Labels Prometheus adds to everything it sends out (alerts, remote write, federation). @default {} */
  readonly externalLabels?: Readonly<Record<string, string>>;
}

export interface TargetOptions {
  /** The major version of the Prometheus the stack runs on: its rule tests predict what that version evaluates
   *  (3 leaves out a sample exactly at a range window's start, 2 keeps it), and verify judges with it. @default '3' */
  readonly prometheus?: '3' | '2';
  /** The major version of the Grafana the dashboards are provisioned to: it sets the dashboards' schemaVersion and
   *  the Grafana image deployed. 13 is the current release; 12 and 11 get the same panels with their own
   *  schemaVersion (docs/dashboards.md). @default '13' */
  readonly grafana?: GrafanaMajor;
}

export interface StackOptions {
  /** Namespace the stack's app pods run in; its scrape job discovers pods there. */
  readonly namespace: string;
  /** Namespace the monitoring components are deployed to. @default 'monitoring' */
  readonly monitoringNamespace?: string;
  /** Value of the app pods' `app` label and name of their scrape job. @default the stack's namespace */
  readonly app?: string;
  /** @default {} */
  readonly scrape?: ScrapeOptions;
  /** @default { prometheus: '3', grafana: '13' } */
  readonly target?: TargetOptions;
  /** Every metric the stack's exporter exposes. */
  readonly metrics: readonly AnyMetric[];
  /** The exporter registries to generate: `registry.gen.ts` (TypeScript, prom-client), `python/registry_gen.py`
   *  (prometheus_client) and `go/metrics.gen.go` (client_golang), for the languages the stack's apps are written in.
   *  @default ['typescript'] */
  readonly registries?: readonly RegistryLanguage[];
  /** Whether the generated registries start every declared label combination of a counter or histogram at 0
   *  (labels that all declare their values), so the first scrape shows each series and `increase()` sees the
   *  first event. Each metric's combinations must fit its cardinalityLimit. @default true */
  readonly initialSeries?: boolean;
  /** External series the rules and panels may query (kube-state-metrics, kubelet). @default [] */
  readonly catalogs?: readonly AnyCatalog[];
  /** Exporters the stack deploys and scrapes beside its app (`nodeExporter()`, `postgresExporter({ … })`, …): their
   *  series are queryable with the target labels, through each exporter's `series` (docs/exporters.md). @default [] */
  readonly exporters?: readonly AnyExporter[];
  /** Rule groups, emitted in this order. Groups of recording rules only go to recording-rules.yml. */
  readonly groups: readonly RuleGroupDefinition[];
  /** Service-level objectives (`slo(...)`): their recording rules and burn-rate alerts are emitted as one rule group
   *  each, after `groups`. @default [] */
  readonly slos?: readonly SloDefinition[];
  /** Grafana dashboards built from the stack's metrics. @default [] */
  readonly dashboards?: readonly DashboardDefinition[];
  /** Alert routing by severity (`alerting(...)`). @default every alert to a receiver that notifies nobody */
  readonly alerting?: AlertingDefinition;
  /** Kubernetes deployment settings (`deploy(...)`). @default deploy() */
  readonly deploy?: DeployDefinition;
}

export interface StackDefinition {
  readonly [tag]: 'stack';
  readonly name: string;
  readonly options: StackOptions;
  readonly source: SourceRef;
}

/**
 * A monitoring stack: compiled into `out/<name>/`.
 * @example export default stack('shop', { namespace: 'shop', metrics: [diskUsage], groups: [...] });
 */
export function stack(name: string, options: StackOptions): StackDefinition {
  return { [tag]: 'stack', name, options, source: callSite() };
}
