// The real exporters a local run can start for a stack that lists them: node_exporter from Debian's package, on a
// free loopback port. The database exporters need their database running and a credential: a local run does not
// start them, and says so.
import type { Exporter, ExporterKind } from '../../compiler/model-exporters.ts';
import type { Stack } from '../../compiler/model.ts';
import { onPath } from './binaries.ts';
import { freePort } from './ports.ts';
import { waitForHttp, type ProcessGroup } from './processes.ts';

interface LocalExporter {
  /** Binary names, Debian's first. */
  readonly names: readonly string[];
  readonly debianPackage: string;
}

/** Exporters a local run starts, by kind; a kind missing here is never started, for the reason given. */
const startable: Partial<Record<ExporterKind, LocalExporter>> = {
  node: { names: ['prometheus-node-exporter', 'node_exporter'], debianPackage: 'prometheus-node-exporter' },
};
const whyNot: Readonly<Record<ExporterKind, string>> = {
  node: '',
  postgres: 'it needs a PostgreSQL server and a credential, which a local run does not have',
  redis: 'it needs a Redis server, which a local run does not have',
  mysqld: 'it needs a MySQL server and a credential, which a local run does not have',
};

export interface LocalExporterPlan {
  /** The binary of each exporter that will start, by name. */
  readonly binaries: ReadonlyMap<string, string>;
  readonly notStarted: readonly { readonly exporter: Exporter; readonly reason: string }[];
}

/** Which of the stack's exporters a local run starts (those whose binary is installed), and why not the others. */
export function localExporterPlan(stack: Stack, path = process.env.PATH ?? ''): LocalExporterPlan {
  const binaries = new Map<string, string>();
  const notStarted: { exporter: Exporter; reason: string }[] = [];
  for (const e of stack.exporters) {
    const runner = startable[e.exporter];
    const binary = runner?.names.map((n) => onPath(n, path)).find(Boolean);
    if (binary) binaries.set(e.name, binary);
    else notStarted.push({ exporter: e, reason: runner ? `${runner.names[0]} is not installed (Debian package ${runner.debianPackage})` : whyNot[e.exporter] });
  }
  return { binaries, notStarted };
}

/** Starts each planned exporter on a free loopback port and waits until it serves; returns host:port by name. */
export async function startLocalExporters(stack: Stack, plan: LocalExporterPlan, processes: ProcessGroup, timeoutMs = 30_000): Promise<Map<string, string>> {
  const targets = new Map<string, string>();
  for (const e of stack.exporters.filter((x) => plan.binaries.has(x.name))) {
    const target = `127.0.0.1:${await freePort()}`;
    const running = processes.start(e.name, plan.binaries.get(e.name)!, [`--web.listen-address=${target}`]);
    await waitForHttp(`http://${target}${e.metricsPath}`, timeoutMs, [running]);
    targets.set(e.name, target);
  }
  return targets;
}
