import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceRef } from '../compiler/model.ts';

const dslDir = dirname(fileURLToPath(import.meta.url));
/** The project root: paths in errors and the model are relative to it, never absolute. */
export const projectRoot = resolve(dslDir, '..');

const frame = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?$/;

/** The first stack frame outside dsl/ (and node_modules): the line of the user's stack that called us. */
export function callSite(): SourceRef {
  const lines = (new Error().stack ?? '').split('\n').slice(1);
  for (const line of lines) {
    const m = frame.exec(line.trim());
    if (!m) continue;
    const file = m[1]!.startsWith('file://') ? fileURLToPath(m[1]!) : m[1]!;
    if (file.startsWith('node:') || !file.startsWith('/')) continue;
    if (file.startsWith(dslDir + sep) || file.includes(`${sep}node_modules${sep}`)) continue;
    return { file: relative(projectRoot, file).split(sep).join('/'), line: Number(m[2]), column: Number(m[3]) };
  }
  return { file: '<unknown>', line: 0, column: 0 };
}
