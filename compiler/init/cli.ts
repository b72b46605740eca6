// `stackc init [dir]`: scaffolds a repository of monitoring stacks. The dispatcher calls main() and exits with what
// it returns; nothing here exits the process.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { commandArgs } from '../command-args.ts';
import { stackNameFor, stackNameProblem } from './name.ts';
import { ownPackage } from './own-package.ts';
import { mergePackageJson } from './package-json.ts';
import { stackcSpec } from './stackc-spec.ts';
import { packageJsonPath, scaffold } from './templates.ts';
import { clashes, writeFiles } from './write.ts';

export const usage = `Usage: stackc init [dir] [options]

Scaffolds a repository of monitoring stacks in dir (default: the current folder, created when missing):
  package.json                    scripts compile, check, verify; stackc and prom-client as dependencies
  tsconfig.json                   how stackc and your editor type-check the stack files
  stacks/<name>.ts                a first stack: request metrics, a gauge and its alert, a dashboard, a receiver
  .github/workflows/stackc.yml    CI: npm ci, the drift check (stackc check), stackc verify
  .gitignore                      node_modules/

An existing package.json is merged: missing scripts are added, "type": "module" is added when absent, an
existing stackc dependency is kept. Nothing is written when a script of the same name runs another command,
when "type" is "commonjs" and the folder holds .js files, or when any other file above already exists.

Options:
  --name NAME     the stack's name (default: dir's name, lower-cased, other characters as dashes)
  --from SPEC     where npm gets stackc: a tarball, a folder or a git URL (default: ^<this stackc's version>);
                  a relative path is read from the current folder and written relative to dir
  -h, --help      show this help

Exit codes: 0 scaffolded, 1 nothing written (existing files or a package.json that contradicts stackc), 2 usage error.`;

/** Whether the folder holds JavaScript of its own (outside node_modules) that a "type" change would reinterpret. */
function hasJavaScript(dir: string): boolean {
  const walk = (d: string): boolean => readdirSync(d, { withFileTypes: true }).some((e) =>
    e.isDirectory() ? e.name !== 'node_modules' && !e.name.startsWith('.') && walk(join(d, e.name)) : /\.(js|jsx)$/.test(e.name));
  return walk(dir);
}

/** Where init prints; tests pass their own. */
export interface Io {
  readonly cwd: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const processIo = (): Io => ({ cwd: process.cwd(), out: (t) => console.log(t), err: (t) => console.error(t) });

/** `stackc init ...argv`: prints what it did and returns the exit code. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const args = commandArgs(argv, { name: { type: 'string' }, from: { type: 'string' } }, usage, io);
  if (typeof args === 'number') return args;
  if (args.positionals.length > 1) {
    io.err(`stackc init takes one folder, got ${args.positionals.length}: ${args.positionals.join(' ')}\n\n${usage}`);
    return 2;
  }
  const shownDir = (args.positionals[0] ?? '.').replace(/(.)\/+$/, '$1');
  const dir = resolve(io.cwd, shownDir);
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    io.err(`${shownDir} is not a folder`);
    return 2;
  }
  const name = args.values.name ?? stackNameFor(dir);
  const problem = stackNameProblem(name);
  if (problem) {
    io.err(`--name: ${problem}`);
    return 2;
  }
  if (args.values.from === '') {
    io.err('--from needs a tarball, folder or git URL');
    return 2;
  }

  const own = ownPackage();
  const deps = { stackc: stackcSpec(own.version, args.values.from, shownDir, io.cwd), promClient: own.promClient };
  const files = scaffold(name, deps);

  // an existing package.json (from `npm init -y`) is merged, every other existing file is a clash
  const problems: string[] = [];
  let merged: readonly string[] | undefined;
  let stackc = deps.stackc;
  if (existsSync(join(dir, packageJsonPath))) {
    const merge = mergePackageJson(readFileSync(join(dir, packageJsonPath), 'utf8'), deps, { hasCommonJsCode: hasJavaScript(dir) });
    if (merge.ok) {
      files.set(packageJsonPath, merge.text);
      merged = merge.changes;
      stackc = merge.stackc;
    } else {
      problems.push(...merge.conflicts);
    }
  }
  const existing = clashes(dir, [...files.keys()].filter((p) => p !== packageJsonPath));
  if (existing.length || problems.length) {
    io.err(refusal(shownDir, existing, problems));
    return 1;
  }

  if (merged?.length === 0) files.delete(packageJsonPath);
  try {
    writeFiles(dir, files, new Set([packageJsonPath]));
  } catch (e) {
    io.err(`stackc init could not write in ${shownDir}: ${(e as Error).message}`);
    return 1;
  }
  io.out(report(shownDir, name, files, merged));
  if (args.values.from !== undefined && stackc !== deps.stackc) io.out(`\n--from was not used: package.json already asks for stackc ${stackc}, which was kept.`);
  return 0;
}

function refusal(shownDir: string, existing: readonly string[], problems: readonly string[]): string {
  const where = shownDir === '.' ? 'the current folder' : shownDir;
  return [
    `stackc init wrote nothing in ${where}:`,
    ...existing.map((p) => `  ${p} already exists`),
    ...problems.map((p) => `  ${p}`),
    existing.length ? '\nMove the existing files aside (stackc init never overwrites) and run it again.' : '',
  ].filter((l) => l !== '').join('\n');
}

function report(shownDir: string, name: string, files: ReadonlyMap<string, string>, merged: readonly string[] | undefined): string {
  const created = [...files.keys()].filter((p) => merged === undefined || p !== packageJsonPath);
  const lines = [`Created in ${shownDir === '.' ? 'the current folder' : `${shownDir}/`}:`, ...created.map((p) => `  ${p}`)];
  if (merged !== undefined) lines.push(merged.length ? `Updated package.json: added ${merged.join('; ')}` : 'package.json already had what stackc needs');
  lines.push('', 'Next steps:');
  if (shownDir !== '.') lines.push(`  cd ${shownDir}`);
  lines.push(
    '  npm install             # stackc, prom-client and what they need',
    `  npx stackc compile      # writes out/${name}/; edit stacks/${name}.ts and compile again`,
    '  npx stackc verify       # promtool and amtool judge out/ (Debian: apt-get install prometheus prometheus-alertmanager)',
    '',
    'Commit out/ and package-lock.json too: CI (.github/workflows/stackc.yml) runs npm ci, the drift check and verify.',
  );
  return lines.join('\n');
}
