// stackc's version, from the package.json next to the tool (the repository, or the installed package).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageJsonOf(start: string): { name?: string; version?: string } {
  for (let dir = start; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'stackc') return pkg;
    } catch {
      // no package.json here: look further up
    }
    if (dirname(dir) === dir) return {};
  }
}

export const version = packageJsonOf(dirname(fileURLToPath(import.meta.url))).version ?? 'unknown';
