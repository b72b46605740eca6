// The compiled local profile (out/<stack>/prometheus/prometheus.local.yml, alertmanager/alertmanager.local.yml
// and the rule files), as the live judge runs it: the same files with only the addresses changed to the run's
// free ports, and each receiver given its own webhook path so the judge sees which receiver Alertmanager used.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { alertmanagerLocalFile } from '../emit/alertmanager.ts';
import { prometheusLocalFile } from '../emit/prometheus-config.ts';
import type { Stack } from '../model.ts';

export interface RunAddresses {
  /** host:port of the simulated exporter. */
  readonly exporterTarget: string;
  /** host:port of Alertmanager. */
  readonly alertmanagerTarget: string;
  /** The webhook URL of each receiver. */
  readonly webhookFor: (receiver: string) => string;
}

type Yaml = Record<string, unknown>;

function read(dir: string, file: string): Yaml {
  const path = join(dir, file);
  if (!existsSync(path)) throw new Error(`${file} is missing from the compiled stack in ${dir}`);
  return parse(readFileSync(path, 'utf8')) as Yaml;
}

/** Writes the run's prometheus.yml (rule files beside it) and alertmanager.yml under `runDir`; returns their paths. */
export function writeRunConfigs(stack: Stack, compiledDir: string, runDir: string, at: RunAddresses): { prometheus: string; alertmanager: string } {
  const prometheus = read(compiledDir, prometheusLocalFile);
  const jobs = (prometheus.scrape_configs ?? []) as Yaml[];
  const job = jobs.find((j) => j.job_name === stack.app);
  if (!job) throw new Error(`${prometheusLocalFile} has no scrape job ${stack.app} for the stack's exporter`);
  for (const sc of (job.static_configs ?? []) as Yaml[]) sc.targets = [at.exporterTarget];
  for (const am of ((prometheus.alerting as Yaml | undefined)?.alertmanagers ?? []) as Yaml[]) {
    for (const sc of (am.static_configs ?? []) as Yaml[]) sc.targets = [at.alertmanagerTarget];
  }
  const promDir = join(runDir, 'prometheus');
  mkdirSync(promDir, { recursive: true });
  const compiledPromDir = join(compiledDir, dirname(prometheusLocalFile));
  for (const rules of (prometheus.rule_files ?? []) as string[]) {
    mkdirSync(dirname(join(promDir, rules)), { recursive: true });
    copyFileSync(join(compiledPromDir, rules), join(promDir, rules));
  }
  const prometheusPath = join(promDir, 'prometheus.yml');
  writeFileSync(prometheusPath, stringify(prometheus));

  const alertmanager = read(compiledDir, alertmanagerLocalFile);
  for (const r of (alertmanager.receivers ?? []) as Yaml[]) {
    for (const w of (r.webhook_configs ?? []) as Yaml[]) w.url = at.webhookFor(String(r.name));
  }
  const amDir = join(runDir, 'alertmanager');
  mkdirSync(amDir, { recursive: true });
  const alertmanagerPath = join(amDir, 'alertmanager.yml');
  writeFileSync(alertmanagerPath, stringify(alertmanager));
  return { prometheus: prometheusPath, alertmanager: alertmanagerPath };
}
