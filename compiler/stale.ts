// What `stackc check` prints for a stale stack: the lists of files, then a unified diff of each. Its own module,
// imported only when out/ is stale, since the diff library is a fifth of the modules a compile would load.
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { readIfExists, type StackPlan } from './output.ts';

/** What --check prints for a stale stack: the lists, then a unified diff of every difference. */
export function describeStale(root: string, plan: StackPlan): string {
  const lines: string[] = [];
  const absDir = join(root, plan.dir);
  if (plan.goneFrom !== undefined) lines.push(`  ${plan.dir}/ was generated from ${plan.goneFrom}, which no longer defines a stack named ${plan.stack}`);
  for (const [label, paths] of [['added', plan.added], ['changed', plan.changed], ['removed', plan.removed]] as const) {
    for (const p of paths) lines.push(`  ${label.padEnd(8)} ${plan.dir}/${p}`);
  }
  for (const p of [...plan.added, ...plan.changed, ...plan.removed]) {
    const before = readIfExists(join(absDir, p)) ?? '';
    const after = plan.files.get(p) ?? '';
    lines.push(createTwoFilesPatch(`a/${plan.dir}/${p}`, `b/${plan.dir}/${p}`, before, after, '', '', { context: 3 }).replace(/^=+\n/, '').trimEnd());
  }
  return lines.join('\n');
}
