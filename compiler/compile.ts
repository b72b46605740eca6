// Loading stack files and compiling them: the library behind the CLI. Throws CompileError, never exits.
import { readdirSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toolRoot } from '../dsl/source.ts';
import { importStackFile, StackSourceError, type LoadedStackFile } from './loader.ts';
import { isTagged } from '../dsl/tags.ts';
import { toModel } from '../dsl/to-model.ts';
import type { StackDefinition } from '../dsl/stack.ts';
import { emitStack } from './emit/index.ts';
import type { Files } from './emit/files.ts';
import { CompileError, type Issue } from './issues.ts';
import type { Stack } from './model.ts';
import { isStackFileName } from './stack-files.ts';
import { validate } from './validate/index.ts';

export interface CompiledStack {
  readonly stack: Stack;
  readonly files: Files;
}

/** How long one stack file may take to load: a top-level await that never settles must not hang compile. */
export const loadTimeoutMs = Number(process.env.STACKC_LOAD_TIMEOUT_MS ?? 30_000);

function issueAt(file: string, where: { file: string; line: number; column: number }, message: string, hint: string, code = 'load/error'): Issue {
  return { code, where, path: [basename(file, '.ts')], message, hint };
}

/** The first frame of the error in a file of the user's (not stackc's own code, not node_modules), as project-relative
 *  file, line and column: an error thrown in a helper the stack imports points at the helper's line. */
function throwSite(err: Error, root: string): { file: string; line: number; column: number } | undefined {
  const own = ['dsl', 'compiler', 'exporter'].map((d) => join(toolRoot, d) + sep);
  for (const line of (err.stack ?? '').split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?\/[^()]*?):(\d+):(\d+)\)?$/.exec(line.trim());
    if (!m) continue;
    const path = m[1]!.startsWith('file://') ? fileURLToPath(m[1]!) : m[1]!;
    if (!path.startsWith(root + sep) || path.includes(`${sep}node_modules${sep}`) || own.some((d) => path.startsWith(d))) continue;
    return { file: relative(root, path).split(sep).join('/'), line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

function loadIssue(file: string, root: string, error: unknown): Issue {
  const err = error instanceof Error ? error : new Error(String(error));
  const where = throwSite(err, root) ?? { file, line: 1, column: 1 };
  const elsewhere = where.file !== file ? ` (in ${where.file}, which ${file} imports)` : '';
  return issueAt(file, where, `the stack file failed while loading${elsewhere}: ${err.message}`,
    'fix the error above; a stack file runs when it is compiled, so it must not throw');
}

/** Imports one stack file, within the time limit. */
async function importWithin(path: string, root: string, file: string, ms: number): Promise<LoadedStackFile> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LoadTimeout(`${file} did not finish loading within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([importStackFile(path, root), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

class LoadTimeout extends Error {}

/** What a stack file must export, checked after it loaded: a stack, as the default export or a named one. */
function exportIssues(file: string, mod: Record<string, unknown>): Issue[] {
  const at = { file, line: 1, column: 1 };
  const issues: Issue[] = [];
  const promises = Object.entries(mod).filter(([, v]) => v instanceof Promise || (typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function'));
  for (const [name] of promises) {
    issues.push(issueAt(file, at, `${file} exports a Promise as ${name === 'default' ? 'its default export' : `"${name}"`}, not a stack`,
      'export the stack itself: await what it needs at the top level of the file (export default stack(...) after the await)', 'load/export'));
  }
  if ('default' in mod && !isTagged(mod.default, 'stack') && !promises.some(([n]) => n === 'default')) {
    issues.push(issueAt(file, at, `the default export of ${file} is not a stack (it is ${describe(mod.default)})`,
      'export default stack(\'<name>\', { ... }); put shared metrics and helpers in a file outside stacks/ (or in a subfolder) and import them', 'load/export'));
  }
  if (issues.length === 0 && !Object.values(mod).some((v) => isTagged(v, 'stack'))) {
    issues.push(issueAt(file, at, `${file} exports no stack`,
      'add export default stack(\'<name>\', { ... }); every .ts file directly in the stacks folder is a stack file, so move helpers to a subfolder', 'load/export'));
  }
  return issues;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const kind = (value as Record<symbol, unknown>)[Symbol.for('stackc.dsl')];
    return typeof kind === 'string' ? `a ${kind}` : 'an object';
  }
  return typeof value === 'function' ? 'a function' : `a ${typeof value}`;
}

/** Imports every stack file in `dir` and returns the stacks it exports (default or named), in file order. */
export async function loadStacks(dir: string, root: string, timeoutMs = loadTimeoutMs): Promise<LoadedStacks> {
  const stacks: StackDefinition[] = [];
  const issues: Issue[] = [];
  const files = new Set<string>();
  const entries = readdirSync(dir).filter(isStackFileName).sort();
  for (const entry of entries) {
    const file = relative(root, join(dir, entry)).split(sep).join('/');
    files.add(join(dir, entry));
    try {
      const loaded = await importWithin(join(dir, entry), root, file, timeoutMs);
      for (const f of loaded.files) files.add(f);
      const mod = loaded.exports;
      const problems = exportIssues(file, mod);
      issues.push(...problems);
      if (problems.length === 0) stacks.push(...new Set(Object.values(mod).filter((v): v is StackDefinition => isTagged(v, 'stack'))));
    } catch (error) {
      if (error instanceof LoadTimeout) {
        issues.push(issueAt(file, { file, line: 1, column: 1 }, error.message,
          `a stack file must finish loading: look for a top-level await that never settles, or raise STACKC_LOAD_TIMEOUT_MS (now ${timeoutMs})`, 'load/timeout'));
      } else if (error instanceof StackSourceError) {
        const where = { file: relative(root, error.file).split(sep).join('/'), line: error.line, column: error.column };
        const elsewhere = where.file !== file ? ` (in ${where.file}, which ${file} imports)` : '';
        issues.push(issueAt(file, where, `the stack file could not be read${elsewhere}: ${error.message}`, 'fix the syntax or the import at that line', 'load/source'));
      } else {
        issues.push(loadIssue(file, root, error));
      }
    }
  }
  return { stacks, issues, files: [...files].sort() };
}

export interface LoadedStacks {
  readonly stacks: StackDefinition[];
  readonly issues: Issue[];
  /** Every file of the user's the stacks were loaded from: the stack files and what they import (for watch). */
  readonly files: readonly string[];
}

/** Validates and emits every stack. All issues of all stacks come back together, in one CompileError. */
export function compileStacks(defs: readonly StackDefinition[]): CompiledStack[] {
  const issues: Issue[] = [];
  const compiled: CompiledStack[] = [];
  const seen = new Map<string, StackDefinition>();
  for (const def of defs) {
    const earlier = seen.get(def.name);
    if (earlier) {
      issues.push({ code: 'naming/duplicate-stack', where: def.source, path: [def.name], message: `two stacks are named "${def.name}" (the other at ${earlier.source.file}:${earlier.source.line})`, hint: 'each stack compiles to out/<name>/: give each its own name' });
      continue;
    }
    seen.set(def.name, def);
    const stack = toModel(def);
    const found = validate(stack);
    issues.push(...found);
    if (found.length === 0) compiled.push({ stack, files: emitStack(stack) });
  }
  if (issues.length) throw new CompileError(issues);
  return compiled;
}
