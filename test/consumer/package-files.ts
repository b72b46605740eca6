// What the consumer test requires of the files that leave the repository: the tarball `npm pack` makes, and the
// generated registry an app imports.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers/stack.ts';
import { run, shown, timed } from './project.ts';

export interface Tarball {
  readonly path: string;
  readonly files: readonly string[];
  readonly size: number;
  readonly unpackedSize: number;
}

/** `npm pack` of this repository into `dest`; its scripts run (prepack rebuilds dist/ from the sources). */
export function pack(dest: string): Tarball {
  const r = timed('npm pack', run(root, 'npm', ['pack', '--json', '--pack-destination', dest], { timeoutMs: 300_000 }));
  if (r.status !== 0) throw new Error(shown('npm pack', r));
  // the JSON report is the stdout from its first line that opens an array (a script may print before it)
  const json = r.stdout.slice(r.stdout.search(/^\[/m));
  const [report] = JSON.parse(json) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
  if (!report) throw new Error(`npm pack reported nothing:\n${r.stdout}`);
  return { path: join(dest, report.filename), files: report.files.map((f) => f.path), size: report.size, unpackedSize: report.unpackedSize };
}

/** Why the tarball's file list is not what a user should install; empty when it is. */
export function tarballProblems(files: readonly string[]): string[] {
  const problems: string[] = [];
  const has = (test: (f: string) => boolean, what: string) => {
    if (!files.some(test)) problems.push(`no ${what}`);
  };
  has((f) => f === 'bin/stackc.js', 'bin/stackc.js');
  has((f) => f === 'package.json', 'package.json');
  for (const entry of ['compiler/stackc', 'dsl/index', 'exporter/index']) {
    has((f) => f === `dist/${entry}.js`, `dist/${entry}.js`);
    has((f) => f === `dist/${entry}.d.ts`, `dist/${entry}.d.ts`);
  }
  for (const f of files) {
    if (/^(test|stacks|out|bench|node_modules|\.ci|\.tmp)\//.test(f)) problems.push(`${f}: not part of the tool`);
    else if (/\.[cm]?tsx?$/.test(f) && !/\.d\.[cm]?ts$/.test(f)) problems.push(`${f}: a TypeScript source (only .d.ts files ship)`);
    else if (f.endsWith('.tsbuildinfo')) problems.push(`${f}: the build's cache`);
    else if (/^dist\/.*\.(d\.ts|js)$/.test(f)) {
      // a built file whose source is gone (a renamed module) would still ship without prepack's clean build
      const source = f.replace(/^dist\//, '').replace(/\.(d\.ts|js)$/, '.ts');
      if (!existsSync(join(root, source))) problems.push(`${f}: built from ${source}, which no longer exists`);
    }
  }
  return problems;
}

/** The modules a JavaScript or TypeScript text imports: static, type-only, side-effect, dynamic and require(). */
export function importedModules(text: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.add(m[1]!);
  return [...found].sort();
}

/** The only modules a generated registry may import: the installed runtime and prom-client, never a path. */
export const registryModules = ['prom-client', 'stackc/exporter'];
