// The TypeScript side of the shared vector: the generated registry.gen.js itself, written into a scratch folder
// inside this package (so its `import … from 'stackc/exporter'` resolves to the runtime here, as it does in an
// installed app), imported, and driven as plain JavaScript drives it: no compiler holds the calls to the declared
// labels or values, so an undeclared value reaches the runtime's guard.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Registry } from 'prom-client';
import { camelCase, registryJsPath } from '../../../compiler/emit/exporter.ts';
import type { Files } from '../../../compiler/emit/files.ts';
import { root } from '../../helpers/stack.ts';
import type { Update } from './updates.ts';

/** Any handle, as an untyped caller sees it. */
type Untyped = { readonly spec: { readonly labels: readonly string[] } } & Record<string, (...args: unknown[]) => void>;

/** The exposition (text format 0.0.4) of the generated registry after the updates. */
export async function typescriptExposition(files: Files, updates: readonly Update[]): Promise<string> {
  const source = files.get(registryJsPath);
  if (source === undefined) throw new Error(`the emitter wrote no ${registryJsPath}`);
  const scratch = join(root, '.cache', 'vector');
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, 'ts-'));
  try {
    writeFileSync(join(dir, 'registry.gen.js'), source);
    const generated = (await import(pathToFileURL(join(dir, 'registry.gen.js')).href)) as {
      createMetrics(): { readonly registry: Registry; readonly metrics: Record<string, Untyped> };
    };
    const { registry, metrics } = generated.createMetrics();
    for (const u of updates) {
      const handle = metrics[camelCase(u.metric)];
      if (!handle) throw new Error(`the generated registry has no ${camelCase(u.metric)} for ${u.metric}`);
      // a metric without labels takes no label argument
      const args = [...(handle.spec.labels.length ? [u.labels] : []), ...(u.value === undefined ? [] : [u.value])];
      handle[u.op]!(...args);
    }
    return await registry.metrics();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
