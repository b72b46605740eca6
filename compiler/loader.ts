// How a user's stack file, TypeScript, is run by Node 20, which runs only JavaScript: esbuild bundles the stack file
// with the user's own files it imports (helpers, shared metrics) into one ES module in a temporary folder, with an
// inline source map, and Node imports that. Packages, stackc's own modules and Node's built-ins stay imports, by
// absolute URL, so the stack and the compiler share one copy of the DSL, as an app and its registry share one
// prom-client.
//
// Why not a loader hook (tsx): on Node 20 hooks run on their own thread and every later import, the compiler's too,
// waits on it, ~0.3 s of a 0.5 s compile. A bundle is one esbuild call (its service stays warm for `stackc watch`)
// and it says which files a stack is made of, which is what `watch` watches.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';

const fromSource = import.meta.url.endsWith('.ts');
/** stackc's package folder: the repository, or node_modules/stackc; from source, its .ts files; built, dist/. */
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', fromSource ? '.' : '..');
const ownDirs = ['dsl', 'compiler', 'exporter', 'scripts'].flatMap((d) => [join(packageDir, d) + sep, join(packageDir, 'dist', d) + sep]);

/** A file of stackc itself or of a package: imported where it is, never bundled into a stack. */
export function isExternal(path: string): boolean {
  return path.includes(`${sep}node_modules${sep}`) || ownDirs.some((d) => path.startsWith(d));
}

/** `import.meta.url` (and Node's dirname/filename) of a bundled file still name the file, not the bundle. */
function withOwnImportMeta(source: string, path: string): string {
  const values: Record<string, string> = { url: pathToFileURL(path).href, dirname: dirname(path), filename: path };
  return source.replace(/\bimport\.meta\.(url|dirname|filename)\b/g, (_, key: string) => JSON.stringify(values[key]));
}

const loaders = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx' } as const;

const stackcImports: Plugin = {
  name: 'stackc-imports',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind === 'entry-point' || args.pluginData === 'stackc') return undefined;
      // Node resolves a file: URL, esbuild does not: it is a path (a user's own file is still bundled)
      if (args.path.startsWith('file:')) {
        const path = fileURLToPath(args.path);
        return isExternal(path) ? { path: args.path, external: true } : { path };
      }
      const found = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'stackc' });
      if (found.errors.length) return { errors: found.errors };
      if (found.external) return { path: args.path, external: true };
      return isExternal(found.path) ? { path: pathToFileURL(found.path).href, external: true } : { path: found.path };
    });
    build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
      const ext = args.path.slice(args.path.lastIndexOf('.')) as keyof typeof loaders;
      return { contents: withOwnImportMeta(readFileSync(args.path, 'utf8'), args.path), loader: loaders[ext] ?? 'ts', resolveDir: dirname(args.path) };
    });
  },
};

export interface LoadedStackFile {
  readonly exports: Record<string, unknown>;
  /** The user's files the stack file is made of: itself and what it imports, absolute, packages excluded. */
  readonly files: readonly string[];
}

/** A located syntax or resolution error of a stack file or a file it imports, as esbuild reports it. */
export class StackSourceError extends Error {
  constructor(message: string, readonly file: string, readonly line: number, readonly column: number) {
    super(message);
  }
}

let counter = 0;

/** Bundles and imports one stack file. Each call loads the user's files afresh (watch mode reloads them). */
export async function importStackFile(path: string, root: string): Promise<LoadedStackFile> {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'stackc-load-'));
  const outfile = join(dir, `${basename(path).replace(/\.[^.]*$/, '')}.${process.pid}.${++counter}.mjs`);
  try {
    const result = await build({
      entryPoints: [path], bundle: true, write: false, outfile, format: 'esm', platform: 'node', target: 'node20',
      sourcemap: 'inline', sourcesContent: false, metafile: true, logLevel: 'silent', absWorkingDir: root,
      conditions: fromSource ? ['stackc-source'] : [], plugins: [stackcImports],
    }).catch((e: { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }) => {
      const first = e.errors?.find((m) => m.location) ?? e.errors?.[0];
      if (!first) throw e;
      const at = first.location;
      throw new StackSourceError(first.text, at ? resolve(root, at.file) : path, at?.line ?? 1, (at?.column ?? 0) + 1);
    });
    writeFileSync(outfile, result.outputFiles[0]!.text);
    // stack traces and the DSL's call sites read the source map to name the .ts file and line
    process.setSourceMapsEnabled(true);
    const exports = (await import(pathToFileURL(outfile).href)) as Record<string, unknown>;
    const files = Object.keys(result.metafile.inputs).map((f) => resolve(root, f));
    return { exports, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
