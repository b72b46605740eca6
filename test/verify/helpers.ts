// Shared by the verify tests: the fixture stack compiled once, and a judge run on its files, optionally changed.
import { compileStacks, type CompiledStack } from '../../compiler/compile.ts';
import type { JudgeResult } from '../../compiler/verify/judge.ts';
import type { Judge, Verdict } from '../../compiler/verify/input.ts';
import { withScratch } from '../../compiler/verify/scratch.ts';
import queue from '../fixtures/verify-stacks/queue.ts';
import { lineOf } from '../helpers/stack.ts';

export const fixtureUrl = new URL('../fixtures/verify-stacks/queue.ts', import.meta.url).href;
export const fixtureFile = 'test/fixtures/verify-stacks/queue.ts';
export const queueStack: CompiledStack = compileStacks([queue])[0]!;

/** The line of the fixture that ends with `// MARK-<name>`. */
export const marked = (name: string): number => lineOf(fixtureUrl, `// MARK-${name}`);

/** Runs `judge` on the fixture's files after `change` edits them (a mutation of the output). */
export function judgeFixture(judge: Judge, change: (files: Map<string, string>) => void = () => {}, compiled = queueStack): Promise<Verdict> {
  const files = new Map(compiled.files);
  change(files);
  return withScratch(compiled.stack.name, files, (dir) => judge({ stack: compiled.stack, files, dir }));
}

/** Replaces `from` by `to` in one file; fails the test when `from` is not there (the mutation would not bite). */
export function replaceIn(files: Map<string, string>, path: string, from: string | RegExp, to: string): void {
  const text = files.get(path);
  if (text === undefined) throw new Error(`no file ${path}`);
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`${String(from)} not found in ${path}`);
  files.set(path, changed);
}

export const describe = (v: Verdict | JudgeResult): string => `${v.status}: ${v.summary}\n${v.failures.map((f) => f.message).join('\n')}`;
