// Shared test helpers: compile a stack definition in memory, find a marked line, require a real tool.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toModel } from '../../dsl/to-model.ts';
import type { StackDefinition } from '../../dsl/stack.ts';
import { emitStack } from '../../compiler/emit/index.ts';
import type { Files } from '../../compiler/emit/files.ts';
import type { Issue } from '../../compiler/issues.ts';
import type { Stack } from '../../compiler/model.ts';
import { validate } from '../../compiler/validate/index.ts';
import { builtJudge } from '../../compiler/verify/built-judges.ts';

export const root = resolve(fileURLToPath(import.meta.url), '../../..');

/** The issues validation finds in a stack. */
export function issuesOf(def: StackDefinition): Issue[] {
  return validate(toModel(def));
}

/** Model and emitted files of a stack that must be valid; fails with the issues otherwise. */
export function compileValid(def: StackDefinition): { model: Stack; files: Files } {
  const model = toModel(def);
  const issues = validate(model);
  if (issues.length) throw new Error(`expected a valid stack, got:\n${issues.map((i) => `${i.code}: ${i.message}`).join('\n')}`);
  return { model, files: emitStack(model) };
}

/** The 1-based line of the first line in `file` (absolute, or an import.meta.url) that ends with `marker`. */
export function lineOf(file: string, marker: string): number {
  const path = file.startsWith('file:') ? fileURLToPath(file) : file;
  const index = readFileSync(path, 'utf8').split('\n').findIndex((l) => l.trimEnd().endsWith(marker));
  if (index < 0) throw new Error(`marker ${marker} not found in ${path}`);
  return index + 1;
}

/** The project-relative path of a test file, as issues report it. */
export function projectPath(fileUrl: string): string {
  return relative(root, fileURLToPath(fileUrl));
}

/** The path of a judge: the one scripts/build-judges.sh built (Prometheus 3, the current Alertmanager), else the
 *  Debian package's on PATH; throws a message naming the package when it is missing. */
export function requireTool(tool: string, debianPackage: string): string {
  const built = builtJudge(tool);
  if (built) return built;
  try {
    return execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`${tool} is not installed. It comes from Debian's ${debianPackage} package: apt-get install -y ${debianPackage}`);
  }
}

/** Node arguments that run `stackc <args>` from source, as the built bin/stackc.js runs it from dist/. */
export function stackc(...args: readonly string[]): string[] {
  return ['--conditions=stackc-source', '--import', 'tsx', resolve(root, 'compiler/stackc.ts'), ...args];
}
