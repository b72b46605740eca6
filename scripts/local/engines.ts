// Prometheus and Alertmanager on loopback with the stack's local profile: the compiled rule files next to a
// prometheus.yml from localPrometheusConfig, and alertmanager.yml from localAlertmanagerConfig (same routes and
// inhibitions as the cluster; every receiver posts to one local webhook). Config, data and logs in one folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localAlertmanagerConfig } from '../../compiler/emit/alertmanager.ts';
import type { Files } from '../../compiler/emit/files.ts';
import { localPrometheusConfig, prometheusLocalFile, ruleFileNames } from '../../compiler/emit/prometheus-config.ts';
import type { Stack } from '../../compiler/model.ts';
import type { EngineName } from './binaries.ts';
import { waitForHttp, type ProcessGroup, type Running } from './processes.ts';

export interface EngineOptions {
  readonly stack: Stack;
  /** The compiled files of the stack (paths relative to out/<stack>/); the rule files are taken from here. */
  readonly compiled: Files;
  /** host:port of each exporter to scrape. */
  readonly exporterTargets: readonly string[];
  readonly ports: { readonly prometheus: number; readonly alertmanager: number };
  readonly webhookUrl: string;
  readonly binaries: Record<EngineName, string>;
  /** Holds prometheus/, alertmanager/ (configs) and data/. */
  readonly dir: string;
  readonly processes: ProcessGroup;
  /** How long each engine may take to become ready. @default 30_000 */
  readonly readyTimeoutMs?: number;
}

export interface Engines {
  readonly prometheusUrl: string;
  readonly alertmanagerUrl: string;
  readonly prometheus: Running;
  readonly alertmanager: Running;
}

/** The folder of the compiled prometheus.yml: rule_files are relative to it. */
const prometheusDir = prometheusLocalFile.slice(0, prometheusLocalFile.lastIndexOf('/'));

/** Writes the local profile's files; returns the two config paths. */
export function writeLocalConfigs(o: Pick<EngineOptions, 'stack' | 'compiled' | 'exporterTargets' | 'ports' | 'webhookUrl' | 'dir'>): { prometheus: string; alertmanager: string } {
  const promDir = join(o.dir, 'prometheus');
  const amDir = join(o.dir, 'alertmanager');
  mkdirSync(promDir, { recursive: true });
  mkdirSync(amDir, { recursive: true });
  for (const name of ruleFileNames(o.stack)) {
    const content = o.compiled.get(`${prometheusDir}/${name}`);
    if (content === undefined) throw new Error(`the compiled stack has no ${prometheusDir}/${name}, which prometheus.yml lists in rule_files`);
    writeFileSync(join(promDir, name), content);
  }
  const prometheus = join(promDir, 'prometheus.yml');
  writeFileSync(prometheus, localPrometheusConfig(o.stack, {
    exporterTargets: o.exporterTargets,
    alertmanagerTargets: [`127.0.0.1:${o.ports.alertmanager}`],
  }));
  const alertmanager = join(amDir, 'alertmanager.yml');
  writeFileSync(alertmanager, localAlertmanagerConfig(o.stack, { webhookUrl: o.webhookUrl }));
  return { prometheus, alertmanager };
}

/** Starts Alertmanager, then Prometheus, with the local profile written from the model, and waits until both are ready. */
export function startEngines(o: EngineOptions): Promise<Engines> {
  return launchEngines({ ...o, configs: writeLocalConfigs(o) });
}

export interface LaunchOptions extends Pick<EngineOptions, 'ports' | 'binaries' | 'dir' | 'processes' | 'readyTimeoutMs'> {
  /** Config files already written: prometheus.yml (its rule files beside it) and alertmanager.yml. */
  readonly configs: { readonly prometheus: string; readonly alertmanager: string };
}

/** Starts Alertmanager, then Prometheus, on the given configs, data under `dir`/data, and waits until both are ready. */
export async function launchEngines(o: LaunchOptions): Promise<Engines> {
  const configs = o.configs;
  const data = (name: string) => {
    const path = join(o.dir, 'data', name);
    mkdirSync(path, { recursive: true });
    return path;
  };
  const alertmanagerUrl = `http://127.0.0.1:${o.ports.alertmanager}`;
  const prometheusUrl = `http://127.0.0.1:${o.ports.prometheus}`;
  const alertmanager = o.processes.start('alertmanager', o.binaries.alertmanager, [
    `--config.file=${configs.alertmanager}`,
    `--storage.path=${data('alertmanager')}`,
    `--web.listen-address=127.0.0.1:${o.ports.alertmanager}`,
    // empty: no cluster gossip (it would bind 0.0.0.0:9094)
    '--cluster.listen-address=',
  ]);
  const prometheus = o.processes.start('prometheus', o.binaries.prometheus, [
    `--config.file=${configs.prometheus}`,
    `--storage.tsdb.path=${data('prometheus')}`,
    `--web.listen-address=127.0.0.1:${o.ports.prometheus}`,
  ]);
  const timeout = o.readyTimeoutMs ?? 30_000;
  const watch = [alertmanager, prometheus];
  await Promise.all([waitForHttp(`${alertmanagerUrl}/-/ready`, timeout, watch), waitForHttp(`${prometheusUrl}/-/ready`, timeout, watch)]);
  return { prometheusUrl, alertmanagerUrl, prometheus, alertmanager };
}
