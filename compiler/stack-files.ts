// Which files are stack files: every `.ts` file directly in the stacks folder but declarations, in name order.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function stackFilesIn(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort().map((f) => join(dir, f));
}
