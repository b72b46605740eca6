// Exporters a stack runs beside its app: node_exporter, the PostgreSQL, Redis and MySQL exporters. Each names its
// shipped catalog, whose series it offers with the labels every target of the stack carries (namespace, pod,
// instance, job), so scope() and the dashboard variables apply to them as to the stack's own metrics.
import type { Resources, SecretKeyRef } from '../compiler/model-deploy.ts';
import type { ExporterKind, ExporterCredentialEnv, HostMount } from '../compiler/model-exporters.ts';
import type { SourceRef } from '../compiler/model.ts';
import { withLabels } from './catalog.ts';
import { mysqldExporter as mysqldCatalog } from './catalogs/mysqld-exporter.ts';
import { nodeExporter as nodeCatalog } from './catalogs/node-exporter.ts';
import { postgresExporter as postgresCatalog } from './catalogs/postgres-exporter.ts';
import { redisExporter as redisCatalog } from './catalogs/redis-exporter.ts';
import { callSite } from './source.ts';
import { tag } from './tags.ts';

/** The images deployed: the releases the shipped catalogs were read from (Debian's packages, checked by
 *  test/catalogs/real-exporters.test.ts), so what runs serves what the catalog says. A newer release is one `image`
 *  away, with the catalog regenerated from it (docs/exporters.md). */
export const exporterImages: Readonly<Record<ExporterKind, string>> = {
  node: 'quay.io/prometheus/node-exporter:v1.5.0',
  postgres: 'quay.io/prometheuscommunity/postgres-exporter:v0.11.1',
  redis: 'oliver006/redis_exporter:v1.45.0',
  mysqld: 'quay.io/prometheus/mysqld-exporter:v0.14.0',
};

/** Each exporter's upstream port: its container port, and the loopback port of the local profile. */
export const exporterPorts: Readonly<Record<ExporterKind, number>> = { node: 9100, postgres: 9187, redis: 9121, mysqld: 9104 };

const size = (cpuReq: string, memReq: string, cpuLim: string, memLim: string): Resources =>
  ({ requests: { cpu: cpuReq, memory: memReq }, limits: { cpu: cpuLim, memory: memLim } });

/** Requests and limits; node_exporter's from kube-prometheus, the others' small: they hold one connection. */
export const exporterResources: Readonly<Record<ExporterKind, Resources>> = {
  node: size('100m', '180Mi', '250m', '180Mi'),
  postgres: size('25m', '32Mi', '100m', '128Mi'),
  redis: size('25m', '32Mi', '100m', '128Mi'),
  mysqld: size('25m', '32Mi', '100m', '128Mi'),
};

export interface ExporterOptions {
  /** Its scrape job's name, its pods' `app` label and its workload's name. @default e.g. 'node-exporter' */
  readonly name?: string;
  /** @default exporterImages */
  readonly image?: string;
  /** Container port of /metrics (for node_exporter, a port on each node). @default exporterPorts */
  readonly port?: number;
  /** Loopback port the local profile scrapes. @default exporterPorts (the exporter's own default) */
  readonly localPort?: number;
  /** @default exporterResources */
  readonly resources?: Resources;
}

/** What a stack lists in `exporters`: the exporter's settings and its series, typed with the target labels. */
export interface ExporterDefinition<C> {
  readonly [tag]: 'exporter';
  readonly exporter: ExporterKind;
  /** The catalog's series as this stack's scrape jobs label them: every series also has namespace and pod. */
  readonly series: C;
  readonly name: string;
  readonly catalog: string;
  /** node_exporter runs in the monitoring namespace; the others beside the app, whose namespace holds their Secret. */
  readonly inMonitoringNamespace: boolean;
  readonly image: string;
  readonly port: number;
  readonly localPort: number;
  readonly runsOn: 'every-node' | 'one-pod';
  readonly args: readonly string[];
  readonly env: readonly { readonly name: string; readonly value: string }[];
  readonly credentialEnv: readonly ExporterCredentialEnv[];
  readonly hostMounts: readonly HostMount[];
  readonly resources: Resources;
  readonly source: SourceRef;
}

/** Any exporter, as a stack lists it. */
export type AnyExporter = ExporterDefinition<unknown>;

type Fixed = Pick<ExporterDefinition<unknown>, 'exporter' | 'catalog' | 'inMonitoringNamespace' | 'runsOn' | 'env' | 'credentialEnv' | 'hostMounts'> & {
  readonly args: (port: number) => readonly string[];
};

function defined<C>(series: C, fixed: Fixed, o: ExporterOptions, source: SourceRef): ExporterDefinition<C> {
  const port = o.port ?? exporterPorts[fixed.exporter];
  return {
    [tag]: 'exporter', series, ...fixed,
    name: o.name ?? fixed.catalog,
    image: o.image ?? exporterImages[fixed.exporter],
    port,
    localPort: o.localPort ?? exporterPorts[fixed.exporter],
    args: fixed.args(port),
    resources: o.resources ?? exporterResources[fixed.exporter],
    source,
  };
}

const listen = (port: number) => `--web.listen-address=:${port}`;

/** The host's /proc, /sys and / (read-only): node_exporter reports the node, not its own container. */
const hostMounts: readonly HostMount[] = [
  { name: 'proc', hostPath: '/proc', mountPath: '/host/proc' },
  { name: 'sys', hostPath: '/sys', mountPath: '/host/sys' },
  { name: 'root', hostPath: '/', mountPath: '/host/root' },
];

/**
 * node_exporter on every node (a DaemonSet on the host network, reading the host's /proc, /sys and / read-only,
 * as nobody), scraped as job `node-exporter`.
 * @example const node = nodeExporter(); // then rate(node.series.node_cpu_seconds_total, '5m'), scope(node.series.node_load1)
 */
export function nodeExporter(o: ExporterOptions = {}) {
  return defined(withLabels(nodeCatalog, 'namespace', 'pod'), {
    exporter: 'node', catalog: nodeCatalog.catalogName, inMonitoringNamespace: true, runsOn: 'every-node', env: [], credentialEnv: [], hostMounts,
    args: (port) => [
      listen(port),
      ...hostMounts.map((m) => `--path.${m.name}fs=${m.mountPath}`),
      // every pod's volumes and virtual interfaces would each be series of their own
      '--collector.filesystem.mount-points-exclude=^/(dev|proc|sys|run/containerd/.+|var/lib/docker/.+|var/lib/kubelet/.+)($|/)',
      '--collector.netdev.device-exclude=^(veth.*|cali.*|[a-f0-9]{15})$',
      '--collector.netclass.ignored-devices=^(veth.*|cali.*|[a-f0-9]{15})$',
    ],
  }, o, callSite());
}

export interface PostgresExporterOptions extends ExporterOptions {
  /** Secret key holding the connection URL, e.g. `postgresql://monitor:…@db:5432/postgres?sslmode=require`. */
  readonly dataSource: SecretKeyRef;
}

/**
 * postgres_exporter, one pod in the app's namespace, connecting with the URL of a Secret key.
 * @example const pg = postgresExporter({ dataSource: secretKey('shop-db-monitor', 'url') });
 */
export function postgresExporter(o: PostgresExporterOptions) {
  return defined(withLabels(postgresCatalog, 'namespace', 'pod'), {
    exporter: 'postgres', catalog: postgresCatalog.catalogName, inMonitoringNamespace: false, runsOn: 'one-pod', env: [], hostMounts: [],
    credentialEnv: [{ env: 'DATA_SOURCE_NAME', option: 'dataSource', ...(o?.dataSource ? { secret: o.dataSource } : {}) }],
    args: (port) => [listen(port)],
  }, o ?? {}, callSite());
}

export interface RedisExporterOptions extends ExporterOptions {
  /** The Redis to watch: an address, never a credential (`password` is). @example 'redis://redis.shop.svc:6379' */
  readonly address: string;
  /** Secret key holding the password. @default none: Redis without AUTH */
  readonly password?: SecretKeyRef;
}

/**
 * redis_exporter, one pod in the app's namespace, watching `address`.
 * @example const redis = redisExporter({ address: 'redis://redis:6379', password: secretKey('redis', 'password') });
 */
export function redisExporter(o: RedisExporterOptions) {
  return defined(withLabels(redisCatalog, 'namespace', 'pod'), {
    exporter: 'redis', catalog: redisCatalog.catalogName, inMonitoringNamespace: false, runsOn: 'one-pod', hostMounts: [],
    env: [{ name: 'REDIS_ADDR', value: o?.address ?? '' }],
    credentialEnv: o?.password ? [{ env: 'REDIS_PASSWORD', option: 'password', secret: o.password }] : [],
    args: (port) => [listen(port)],
  }, o ?? {}, callSite());
}

export interface MysqldExporterOptions extends ExporterOptions {
  /** Secret key holding the DSN, e.g. `monitor:…@(db:3306)/`. */
  readonly dataSource: SecretKeyRef;
}

/**
 * mysqld_exporter, one pod in the app's namespace, connecting with the DSN of a Secret key.
 * @example const mysql = mysqldExporter({ dataSource: secretKey('shop-mysql-monitor', 'dsn') });
 */
export function mysqldExporter(o: MysqldExporterOptions) {
  return defined(withLabels(mysqldCatalog, 'namespace', 'pod'), {
    exporter: 'mysqld', catalog: mysqldCatalog.catalogName, inMonitoringNamespace: false, runsOn: 'one-pod', env: [], hostMounts: [],
    credentialEnv: [{ env: 'DATA_SOURCE_NAME', option: 'dataSource', ...(o?.dataSource ? { secret: o.dataSource } : {}) }],
    args: (port) => [listen(port)],
  }, o ?? {}, callSite());
}
