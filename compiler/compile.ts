// Loading stack files and compiling them: the library behind the CLI. Throws CompileError, never exits.
import { readdirSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isTagged } from '../dsl/tags.ts';
import { toModel } from '../dsl/to-model.ts';
import type { StackDefinition } from '../dsl/stack.ts';
import { emitStack } from './emit/index.ts';
import type { Files } from './emit/files.ts';
import { CompileError, type Issue } from './issues.ts';
import type { Stack } from './model.ts';
import { validate } from './validate/index.ts';

export interface CompiledStack {
  readonly stack: Stack;
  readonly files: Files;
}

function loadIssue(file: string, root: string, error: unknown): Issue {
  const err = error instanceof Error ? error : new Error(String(error));
  const abs = resolve(root, file);
  const frame = (err.stack ?? '').split('\n').find((l) => l.includes(abs));
  const m = frame ? /:(\d+):(\d+)\)?$/.exec(frame) : null;
  return {
    code: 'load/error',
    where: { file, line: m ? Number(m[1]) : 1, column: m ? Number(m[2]) : 1 },
    path: [basename(file, '.ts')],
    message: `the stack file failed while loading: ${err.message}`,
    hint: 'fix the error above; a stack file runs when it is compiled, so it must not throw',
  };
}

/** Imports every stack file in `dir` and returns the stacks it exports (default or named), in file order. */
export async function loadStacks(dir: string, root: string): Promise<{ stacks: StackDefinition[]; issues: Issue[] }> {
  const stacks: StackDefinition[] = [];
  const issues: Issue[] = [];
  const entries = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort();
  for (const entry of entries) {
    const file = relative(root, join(dir, entry)).split(sep).join('/');
    try {
      const mod = (await import(pathToFileURL(join(dir, entry)).href)) as Record<string, unknown>;
      const found = new Set(Object.values(mod).filter((v): v is StackDefinition => isTagged(v, 'stack')));
      stacks.push(...found);
    } catch (error) {
      issues.push(loadIssue(file, root, error));
    }
  }
  return { stacks, issues };
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
