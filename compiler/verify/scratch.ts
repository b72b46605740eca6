// A scratch folder holding a stack's compiled files laid out as out/<stack>/, removed afterwards.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Files } from '../emit/files.ts';

/** Writes `files` under <tmp>/<stack>/ and passes that folder to `use`; the folder is removed whatever happens. */
export async function withScratch<T>(stackName: string, files: Files, use: (dir: string) => Promise<T>): Promise<T> {
  const root = mkdtempSync(join(tmpdir(), 'stackc-verify-'));
  try {
    const dir = join(root, stackName);
    for (const [path, content] of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    return await use(dir);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
