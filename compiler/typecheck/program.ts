// One TypeScript program over the stack files and everything they import, checked with the project's tsconfig.json.
//
// Why TypeScript 7 (tsgo, the native port, through `typescript/unstable/sync`) and not the TypeScript 6 JS API that
// ts-morph bundles: on the same stack it checks in ~0.5 s including starting its process, against ~6 s for loading and
// running the 9 MB JS compiler; its wording is exactly what `npm run typecheck` (tsc 7) prints; and it reads the
// project's tsconfig.json and lib files itself. Its API is marked unstable, so this file is the only one that starts
// it: the rest of compiler/typecheck/ sees plain diagnostics, the AST and the checker.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { API, DiagnosticCategory, type Diagnostic, type Project } from 'typescript/unstable/sync';

/** The config the program is built from, served from memory so that checking writes nothing. */
const virtualConfig = 'tsconfig.stackc-typecheck.json';

export interface TypeProgram {
  readonly project: Project;
  /** Errors only, every file of the program: the stack files and what they import. */
  readonly errors: readonly Diagnostic[];
  /** Stops the checker's process. */
  close(): void;
}

/** The virtual tsconfig of a check: the project's, with the stack files as the only roots. */
export function programConfig(files: readonly string[], root: string): { readonly configPath: string; readonly config: string } {
  const configPath = resolve(root, virtualConfig);
  const base = resolve(root, 'tsconfig.json');
  const config = JSON.stringify({
    ...(existsSync(base) ? { extends: './tsconfig.json' } : {}),
    // an unused import or parameter does not change what a stack compiles to: `npm run typecheck` still reports it
    compilerOptions: {
      // without a tsconfig.json, the options `stackc init` writes: resolving 'stackc' needs Node's package exports
      ...(existsSync(base) ? {} : { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022' }),
      skipLibCheck: true, noEmit: true, incremental: false, noUnusedLocals: false, noUnusedParameters: false,
    },
    files: files.map((f) => resolve(root, f)),
    include: [],
  });
  return { configPath, config };
}

/** A tsgo API for the project at `root` that reads the virtual tsconfig from memory: `current()` says what it holds
 *  now (a watching checker changes it when the stack files change). */
export function apiServing(root: string, current: () => { readonly configPath: string; readonly config: string }): API {
  return new API({
    cwd: root,
    fs: {
      readFile: (f) => (f === current().configPath ? current().config : undefined),
      fileExists: (f) => (f === current().configPath ? true : undefined),
    },
  });
}

/** Builds and checks the program of `files` (absolute, or relative to `root`) with the compiler options of
 *  `root`/tsconfig.json, forcing skipLibCheck and noEmit and leaving unused names to the linting tsc run.
 *  One program serves every stack file. */
export function checkProgram(files: readonly string[], root: string): TypeProgram {
  const { configPath, config } = programConfig(files, root);
  const api = apiServing(root, () => ({ configPath, config }));
  try {
    const snapshot = api.updateSnapshot({ openProjects: [configPath] });
    const project = snapshot.getProject(configPath);
    if (!project) throw new Error(`TypeScript did not open ${virtualConfig}`);
    return { project, errors: errorsOf(project), close: () => quietClose(api, () => snapshot.dispose()) };
  } catch (e) {
    api.close();
    throw e;
  }
}

/** The errors of a project's program, each once: of every file of it, or of the files `of` picks. */
export function errorsOf(project: Project, of?: { readonly files: (file: string) => boolean; readonly global: boolean }): Diagnostic[] {
  const program = project.program;
  const files = of ? program.getSourceFileNames().filter(of.files) : [undefined];
  const all = [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getProgramDiagnostics(),
    ...files.flatMap((f) => program.getSyntacticDiagnostics(f)),
    // tsgo answers this by checking every file of the program, packages and stackc's own sources included
    ...(of?.global === false ? [] : program.getGlobalDiagnostics()),
    ...files.flatMap((f) => program.getSemanticDiagnostics(f)),
  ];
  return dedupe(all.filter((d) => d.category === DiagnosticCategory.Error));
}

/** Stops tsgo without the "context canceled" it sometimes prints on stderr (which it shares with stackc) when the
 *  API's SIGTERM races its shutdown: once the snapshot is released, nothing is pending, and SIGKILL is silent.
 *  The child is a private field of the API; without it, the API's own close still stops tsgo. */
export function quietClose(api: API, release: () => void): void {
  try {
    release();
    const child = (api as unknown as { client?: { channel?: { child?: ChildProcess } } }).client?.channel?.child;
    child?.kill('SIGKILL');
  } finally {
    api.close();
  }
}

function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.fileName}:${d.pos}:${d.code}:${d.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
