// The model of the exporters a stack runs beside its app (node_exporter, the PostgreSQL, Redis and MySQL
// exporters): where each runs, how it is scraped and how it reads its credentials. Plain readonly data like
// compiler/model.ts; dsl/exporters.ts fills in every default.
import type { Resources, SecretKeyRef } from './model-deploy.ts';
import type { SourceRef } from './model.ts';

/** The exporters stackc knows how to deploy, each with its shipped catalog. */
export const exporterKinds = ['node', 'postgres', 'redis', 'mysqld'] as const;
export type ExporterKind = (typeof exporterKinds)[number];

/** An environment variable read from a Secret key; `secret` is undefined when the stack left a required one out. */
export interface ExporterCredentialEnv {
  readonly env: string;
  /** What the stack option is called, for messages (`dataSource`, `password`). */
  readonly option: string;
  readonly secret?: SecretKeyRef;
}

/** A host folder the exporter reads, mounted read-only. */
export interface HostMount {
  readonly name: string;
  readonly hostPath: string;
  readonly mountPath: string;
}

export interface Exporter {
  readonly kind: 'exporter';
  readonly exporter: ExporterKind;
  /** Its scrape job's name, its pods' `app` label and its workload's name, e.g. `node-exporter`. */
  readonly name: string;
  /** The catalog of the series it serves (dsl/catalogs/). */
  readonly catalog: string;
  /** Namespace its pods run in: node_exporter in the monitoring namespace, the others beside the app and its
   *  database's Secret. */
  readonly namespace: string;
  /** Image pinned by version. */
  readonly image: string;
  /** Container port of its metrics endpoint (on the node for a host-network DaemonSet). */
  readonly port: number;
  readonly metricsPath: string;
  /** Loopback port of the local profile's target. */
  readonly localPort: number;
  /** One pod on every node (a DaemonSet on the host's network, reading host folders) or one pod (a Deployment). */
  readonly runsOn: 'every-node' | 'one-pod';
  readonly args: readonly string[];
  /** Plain settings: addresses, never credentials. */
  readonly env: readonly { readonly name: string; readonly value: string }[];
  readonly credentialEnv: readonly ExporterCredentialEnv[];
  readonly hostMounts: readonly HostMount[];
  readonly resources: Resources;
  readonly source: SourceRef;
}
