// The Python side of the shared vector: the generated registry_gen.py under the real prometheus_client, driven by
// test/registries/python/vector_driver.py with the vector as JSON and the names the generator gave each metric and
// label (a label named like a keyword or like a method's parameter is a keyword argument with `_` appended).
import type { Files } from '../../../compiler/emit/files.ts';
import { pythonMetricNames } from '../../../compiler/emit/python-registry.ts';
import type { Stack } from '../../../compiler/model.ts';
import { pythonScratch, runPython } from '../python.ts';
import type { Update } from './updates.ts';

/** The exposition (text format 0.0.4) of the generated module after the updates. */
export function pythonExposition(stack: Stack, files: Files, updates: readonly Update[]): string {
  const names = Object.fromEntries(pythonMetricNames(stack).map((m) => [
    m.metric.name,
    { attribute: m.attribute, params: Object.fromEntries(m.labels.map((l) => [l.label, l.param])) },
  ]));
  const scratch = pythonScratch(files);
  try {
    const run = runPython(scratch.dir, 'vector_driver.py', JSON.stringify({ updates, names }));
    if (run.status !== 0) throw new Error(`vector_driver.py failed (exit ${run.status}):\n${run.stderr}`);
    return run.stdout;
  } finally {
    scratch.remove();
  }
}
