// The live judge's checks of the real exporters the run started (node_exporter): each target is up with the labels
// the cluster's relabelling gives (namespace, pod, instance, job), and the series of its catalog the stack queries
// have data. Exporters the run does not start are named with the reason.
import { localPod } from '../emit/exporter-scrape.ts';
import type { Stack } from '../model.ts';
import { externalSeries } from '../promql/series-index.ts';
import { queriedSeries } from '../queried-series.ts';
import type { LocalExporterPlan } from '../../scripts/local/stack-exporters.ts';
import * as api from './live-api.ts';
import type { JudgeFailure } from './judge.ts';

/** The labels an exporter's target must carry: those prometheus.yml's relabelling gives in the cluster. */
export function expectedTargetLabels(stack: Stack, name: string, target: string): Record<string, string> {
  const e = stack.exporters.find((x) => x.name === name)!;
  return { job: e.name, instance: target, namespace: e.namespace, pod: localPod(e.name) };
}

/** The series of the exporter's catalog that the stack's rules and panels query. */
export function queriedOf(stack: Stack, catalog: string): string[] {
  const queried = queriedSeries(stack);
  return stack.externalMetrics.filter((m) => m.catalog === catalog).flatMap((m) => externalSeries(m).map((s) => s.name)).filter((n) => queried.has(n)).sort();
}

export async function exporterFailures(stack: Stack, prom: string, targets: readonly api.Target[], started: ReadonlyMap<string, string>): Promise<{ failures: JudgeFailure[]; summary: string }> {
  const failures: JudgeFailure[] = [];
  const notes: string[] = [];
  for (const [name, address] of started) {
    const e = stack.exporters.find((x) => x.name === name)!;
    const fail = (message: string) => failures.push({ message, where: e.source, path: [stack.name, 'exporters', name] });
    const mine = targets.filter((t) => t.labels.job === name);
    if (mine.length === 0) fail(`no target of job ${name} is scraped`);
    for (const t of mine) {
      for (const [label, value] of Object.entries(expectedTargetLabels(stack, name, address))) {
        if (t.labels[label] !== value) fail(`the ${name} target carries ${label}="${t.labels[label] ?? ''}"; the cluster's relabelling gives ${label}="${value}"`);
      }
    }
    const queried = queriedOf(stack, e.catalog);
    const withData: string[] = [];
    for (const series of queried) {
      const values = await api.values(prom, `${series}{job="${name}"}`).catch(() => [] as number[]);
      if (values.some(Number.isFinite)) withData.push(series);
    }
    if (queried.length && withData.length === 0) fail(`none of the ${e.catalog} series the stack queries has data from ${name}: ${queried.join(', ')}`);
    notes.push(`${name} scraped with job, instance, namespace and pod; ${queried.length ? `${withData.length} of ${queried.length} queried series have data (${withData.join(', ') || 'none'})` : 'the stack queries none of its series'}`);
  }
  return { failures, summary: notes.join('; ') };
}

/** One line naming the exporters the run did not start, and why. */
export function notStartedSummary(plan: LocalExporterPlan): string {
  return plan.notStarted.map((n) => `${n.exporter.name} not started: ${n.reason}`).join('; ');
}
