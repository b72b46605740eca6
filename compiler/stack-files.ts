// Which files are stack files: every `.ts` file directly in the stacks folder but declarations, in name order.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function isStackFileName(name: string): boolean {
  return name.endsWith('.ts') && !name.endsWith('.d.ts');
}

export function stackFilesIn(dir: string): string[] {
  return readdirSync(dir).filter(isStackFileName).sort().map((f) => join(dir, f));
}
