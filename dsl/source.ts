import { existsSync } from 'node:fs';
import { findSourceMap } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceRef } from '../compiler/model.ts';

const dslDir = dirname(fileURLToPath(import.meta.url));
/** stackc's own files: this repository when run from source, the package's dist/ when installed. */
export const toolRoot = resolve(dslDir, '..');

/** The nearest folder from `dir` upward that holds a package.json, else `dir`: where `npx stackc` finds stacks/. */
export function findProjectRoot(dir: string): string {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) return d;
    if (dirname(d) === d) return resolve(dir);
  }
}

/** The user's project: paths in errors and the model are relative to it, never absolute. */
export const projectRoot = findProjectRoot(process.cwd());

interface RawFrame { readonly file: string; readonly line: number; readonly column: number }

function isUserFile(path: string): boolean {
  return path.startsWith('/') && !path.startsWith(dslDir + sep) && !path.includes(`${sep}node_modules${sep}`);
}

/** A frame's file name (a file: URL for ES modules) → its path when it is the user's, else null. A stack calls the
 *  DSL tens of thousands of times from a handful of files: each name is converted and judged once. */
const userPaths = new Map<string, string | null>();
function userPath(name: string): string | null {
  let path = userPaths.get(name);
  if (path === undefined) {
    const converted = name.startsWith('file://') ? fileURLToPath(name) : name;
    path = isUserFile(converted) ? converted : null;
    userPaths.set(name, path);
  }
  return path;
}

interface UserSite { readonly path: string; readonly site: NodeJS.CallSite }

/** The first frame outside dsl/, from V8's raw call sites, judged by file name only. */
function userSite(): UserSite | undefined {
  const previous = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 12;
  Error.prepareStackTrace = (_error, sites) => {
    for (const site of sites) {
      const path = userPath(site.getFileName() ?? '');
      if (path !== null) return { path, site };
    }
    return undefined;
  };
  try {
    return new Error().stack as unknown as UserSite | undefined;
  } finally {
    Error.prepareStackTrace = previous;
    Error.stackTraceLimit = limit;
  }
}

/** Maps a generated position back to the TypeScript source: stack files run as a bundle with a source map
 *  (compiler/loader.ts), or transpiled in place (tsx, when stackc itself runs from source). */
function original(frame: RawFrame): RawFrame {
  const map = findSourceMap(frame.file);
  const entry = map?.findEntry(frame.line - 1, frame.column - 1);
  if (!entry || !('originalLine' in entry)) return frame;
  const source = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : entry.originalSource;
  return { file: source.startsWith('/') ? source : frame.file, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

function resolveSite({ path, site }: UserSite): SourceRef {
  const { file, line, column } = original({ file: path, line: site.getLineNumber() ?? 0, column: site.getColumnNumber() ?? 0 });
  return { file: relative(projectRoot, file).split(sep).join('/'), line, column };
}

/** The place in the user's stack file that called the DSL: the first stack frame outside dsl/ and node_modules.
 *
 *  Its file, line and column are worked out when first read. V8 finds a frame's line by walking its function's
 *  source positions, so in a generated stack (one top-level function of 10,000 metrics) each lookup took ~15 µs,
 *  and a stack calls this 40,000 times, while only the positions of reported problems are ever read. The getters are
 *  the object's own enumerable properties, so spreading, JSON and structured clone see plain data. */
export function callSite(): SourceRef {
  const found = userSite();
  if (!found) return { file: '<unknown>', line: 0, column: 0 };
  let resolved: SourceRef | undefined;
  const get = () => (resolved ??= resolveSite(found));
  return Object.defineProperties({} as SourceRef, {
    file: { get: () => get().file, enumerable: true },
    line: { get: () => get().line, enumerable: true },
    column: { get: () => get().column, enumerable: true },
  });
}
