// The generated catalogs against the exporters Debian installed: each is started on loopback (with its service) and
// scraped; every series it serves must be in its catalog with the same type and labels, and every generated entry
// must be served. Mutations of the catalog and of the scrape, derived from them, prove the comparison bites.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ExternalMetric } from '../../compiler/model.ts';
import type { AnyCatalog } from '../../dsl/catalog.ts';
import { disagreements } from '../../scripts/catalogs/compare.ts';
import type { RealExporter } from '../../scripts/catalogs/exporter.ts';
import { realExporters } from '../../scripts/catalogs/exporters/index.ts';
import { requireInstalled, scrapeExporter, type Scrape } from '../../scripts/catalogs/scrape.ts';

interface Shipped {
  readonly entries: readonly ExternalMetric[];
  /** The names of the catalog's generated part (`<exportName>Served`). */
  readonly generated: ReadonlySet<string>;
}

async function shipped(e: RealExporter): Promise<Shipped> {
  const module = (await import(`../../dsl/catalogs/${e.file}.ts`)) as Record<string, unknown>;
  const catalog = module[e.exportName] as AnyCatalog | undefined;
  const served = module[`${e.exportName}Served`] as Record<string, unknown> | undefined;
  assert.ok(catalog && served, `dsl/catalogs/${e.file}.ts exports no ${e.exportName} and ${e.exportName}Served: run npx tsx scripts/catalogs/generate.ts ${e.file}`);
  return { entries: catalog!.entries, generated: new Set(Object.keys(served!)) };
}

// each exporter is started once for the whole file
const scrapes = new Map<string, Promise<Scrape>>();
const scrapeOf = (e: RealExporter) => scrapes.get(e.file) ?? scrapes.set(e.file, scrapeExporter(e)).get(e.file)!;

for (const e of realExporters) {
  test(`${e.debianPackage}: dsl/catalogs/${e.file}.ts declares every series it serves, typed and labelled alike, and it serves every generated one`, async () => {
    const scrape = await scrapeOf(e);
    const found = disagreements(scrape.series, (await shipped(e)).entries, (await shipped(e)).generated, scrape.source, e.hostDependent);
    assert.ok(found.length === 0, `dsl/catalogs/${e.file}.ts and ${scrape.source} disagree (npx tsx scripts/catalogs/generate.ts ${e.file} regenerates the served part):\n  ${found.join('\n  ')}`);
  });
}

/** The served series with the most labels: the one whose mutations change most. */
function victimOf(scrape: Scrape, generated: ReadonlySet<string>): string {
  const candidates = [...scrape.series.values()].filter((s) => generated.has(s.name));
  return candidates.reduce((best, s) => (s.labels.length > best.labels.length ? s : best)).name;
}

for (const e of realExporters) {
  test(`${e.debianPackage}: the comparison fails, naming the series, when one is removed from the catalog, retyped, loses a label, or is no longer served`, async () => {
    const scrape = await scrapeOf(e);
    const { entries, generated } = await shipped(e);
    const victim = victimOf(scrape, generated);
    const check = (mutated: readonly ExternalMetric[], served = scrape.series) => disagreements(served, mutated, generated, scrape.source);
    assert.equal(check(entries), [], 'the unmutated catalog must agree before its mutations can prove anything');

    const removed = check(entries.filter((x) => x.name !== victim));
    assert.equal(removed.length, 1, removed.join('\n'));
    assert.match(removed[0]!, new RegExp(`^${victim}: served by .* but not in the catalog`));

    const retyped = check(entries.map((x) => (x.name === victim ? { ...x, type: x.type === 'counter' ? 'gauge' : 'counter' } : x)));
    assert.match(retyped.join('\n'), new RegExp(`^${victim}: the catalog says`));

    const own = scrape.series.get(victim)!.labels;
    if (own.length > 0) {
      const relabelled = check(entries.map((x) => (x.name === victim ? { ...x, labels: x.labels.filter((l) => l !== own[0]) } : x)));
      assert.match(relabelled.join('\n'), new RegExp(`^${victim}: labels differ: .*; not declared: ${own[0]}`));
    }

    const gone = new Map(scrape.series);
    gone.delete(victim);
    assert.equal(check(entries, gone), [`${victim}: generated into the catalog but not served by ${scrape.source} (regenerate, or move it to the hand-added part with why)`]);
  });
}

test('an exporter that is not installed fails its test with the Debian package to install', () => {
  const absent: RealExporter = { ...realExporters[0]!, debianPackage: 'prometheus-absent-exporter', binary: 'prometheus-absent-exporter' };
  assert.throws(() => requireInstalled(absent), /prometheus-absent-exporter cannot run: Debian's prometheus-absent-exporter is not installed \(apt-get install -y --no-install-recommends prometheus-absent-exporter/);
});

test.run();
