// The catalogs stackc ships, as an imported stack file imports them: module, export name, and the catalog itself.
import type { AnyCatalog } from '../../dsl/catalog.ts';
import { apiserver } from '../../dsl/catalogs/apiserver.ts';
import { blackboxExporter } from '../../dsl/catalogs/blackbox-exporter.ts';
import { kubeStateMetrics } from '../../dsl/catalogs/kube-state-metrics.ts';
import { kubelet } from '../../dsl/catalogs/kubelet.ts';
import { mysqldExporter } from '../../dsl/catalogs/mysqld-exporter.ts';
import { nodeExporter } from '../../dsl/catalogs/node-exporter.ts';
import { postgresExporter } from '../../dsl/catalogs/postgres-exporter.ts';
import { prometheusSeries } from '../../dsl/catalogs/prometheus.ts';
import { redisExporter } from '../../dsl/catalogs/redis-exporter.ts';

export interface ShippedCatalog {
  /** `stackc/catalogs/<module>`. */
  readonly module: string;
  readonly exportName: string;
  readonly catalog: AnyCatalog;
  /** Always part of a stack (Prometheus' own series): imported for its series, never listed. */
  readonly always?: true;
}

export const shippedCatalogs: readonly ShippedCatalog[] = [
  { module: 'apiserver', exportName: 'apiserver', catalog: apiserver },
  { module: 'blackbox-exporter', exportName: 'blackboxExporter', catalog: blackboxExporter },
  { module: 'kube-state-metrics', exportName: 'kubeStateMetrics', catalog: kubeStateMetrics },
  { module: 'kubelet', exportName: 'kubelet', catalog: kubelet },
  { module: 'mysqld-exporter', exportName: 'mysqldExporter', catalog: mysqldExporter },
  { module: 'node-exporter', exportName: 'nodeExporter', catalog: nodeExporter },
  { module: 'postgres-exporter', exportName: 'postgresExporter', catalog: postgresExporter },
  { module: 'prometheus', exportName: 'prometheusSeries', catalog: prometheusSeries, always: true },
  { module: 'redis-exporter', exportName: 'redisExporter', catalog: redisExporter },
];
