// The compiled local profile (out/<stack>/prometheus/prometheus.local.yml, alertmanager/alertmanager.local.yml
// and the rule files), as the live judge runs it: the same files with only the addresses changed to the run's
// free ports (the jobs of exporters the run does not start left out), and each receiver given its own webhook path
// so the judge sees which receiver Alertmanager used.
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
  /** host:port of each of the stack's exporters the run started, by job name; the jobs of the others are left out
   *  (their targets would be down, or something else). @default none started */
  readonly exporterJobTargets?: ReadonlyMap<string, string>;
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
  const started = at.exporterJobTargets ?? new Map<string, string>();
  const notStarted = new Set(stack.exporters.map((e) => e.name).filter((n) => !started.has(n)));
  prometheus.scrape_configs = jobs.filter((j) => !notStarted.has(String(j.job_name)));
  for (const j of jobs.filter((x) => started.has(String(x.job_name)))) {
    for (const sc of (j.static_configs ?? []) as Yaml[]) sc.targets = [started.get(String(j.job_name))!];
  }
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
