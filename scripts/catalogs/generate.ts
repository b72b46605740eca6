// `npx tsx scripts/catalogs/generate.ts [exporter …]`: starts each real exporter Debian ships (with the service it
// watches) on loopback, scrapes it, and rewrites the served part of dsl/catalogs/<exporter>.ts; the hand-added part
// below the marker is kept. Names the exporters to regenerate (node-exporter, redis-exporter, …), or all of them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realExporters } from './exporters/index.ts';
import { emptyHandAdded, handAddedMarker, renderCatalog } from './render.ts';
import { scrapeExporter } from './scrape.ts';

const root = join(fileURLToPath(import.meta.url), '../../..');

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !realExporters.some((e) => e.file === w));
if (unknown.length) {
  console.error(`unknown exporter ${unknown.join(', ')}; known: ${realExporters.map((e) => e.file).join(', ')}`);
  process.exit(2);
}

let failed = false;
for (const exporter of realExporters.filter((e) => wanted.length === 0 || wanted.includes(e.file))) {
  const file = join(root, 'dsl/catalogs', `${exporter.file}.ts`);
  try {
    const scrape = await scrapeExporter(exporter);
    const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const at = previous.indexOf(handAddedMarker);
    const handAdded = at >= 0 ? previous.slice(at) : emptyHandAdded(exporter);
    writeFileSync(file, renderCatalog(exporter, scrape.source, scrape.series, handAdded));
    // a hand-added series the exporter now serves is declared twice; the hand-added one wins, which hides the served one
    const twice = [...scrape.series.keys()].filter((name) => new RegExp(`^\\s*${name}:`, 'm').test(handAdded));
    console.log(`${relative(root, file)}: ${scrape.series.size} series from ${scrape.source}`);
    if (twice.length) console.log(`  served now, so no longer needed by hand: ${twice.join(', ')}`);
  } catch (e) {
    failed = true;
    console.error(`${relative(root, file)}: ${(e as Error).message}`);
  }
}
process.exit(failed ? 1 : 0);
