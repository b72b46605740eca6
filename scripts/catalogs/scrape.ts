// Starts one real exporter (and the service it watches) in a temporary folder, scrapes every page it offers, and
// stops everything it started, whether the scrape worked or not.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RealExporter } from './exporter.ts';
import { ProcessGroup } from '../local/processes.ts';
import { findBinary, installedVersion } from './packages.ts';
import { mergeServed, servedSeries, type ServedSeries } from './served.ts';

export interface Scrape {
  /** `prometheus-node-exporter 1.5.0-1+b6`, and the watched service's package and version when there is one. */
  readonly source: string;
  readonly series: Map<string, ServedSeries>;
}

/** Throws, naming the Debian packages to install, when the exporter or its service is missing. */
export function requireInstalled(exporter: RealExporter): void {
  const missing = [exporter.debianPackage, ...exporter.servicePackages].filter((p) => installedVersion(p) === undefined);
  if (missing.length || !findBinary(exporter.binary)) {
    const packages = missing.length ? missing : [exporter.debianPackage];
    throw new Error(`${exporter.binary} cannot run: Debian's ${packages.join(', ')} ${packages.length > 1 ? 'are' : 'is'} not installed (apt-get install -y --no-install-recommends ${packages.join(' ')}; scripts/test.sh does)`);
  }
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${response.statusText}`);
  return response.text();
}

/** What `exporter` serves on this machine. */
export async function scrapeExporter(exporter: RealExporter): Promise<Scrape> {
  requireInstalled(exporter);
  const dir = mkdtempSync(join(tmpdir(), `stackc-${exporter.file}-`));
  // the services run as their own users when we are root: they must reach their folders inside this one
  chmodSync(dir, 0o711);
  const processes = new ProcessGroup(dir);
  let ok = false;
  try {
    const started = await exporter.start({ processes, dir });
    // one after the other, in the exporter's order: a prober's /metrics counts the connections its probes made
    const texts: string[] = [];
    for (const url of started.scrapeUrls) texts.push(await fetchText(url));
    const source = [`${exporter.debianPackage} ${installedVersion(exporter.debianPackage)}`, started.watching].filter(Boolean).join(' watching ');
    ok = true;
    return { source, series: mergeServed(texts.map(servedSeries)) };
  } catch (e) {
    throw new Error(`${exporter.binary}: ${(e as Error).message} (logs in ${dir})`);
  } finally {
    await processes.stopAll();
    if (ok) rmSync(dir, { recursive: true, force: true });
  }
}
