// `stackc watch`: compile, then compile again on every save, writing out/ as `stackc compile` does. The process stays
// warm: the type checker (tsgo) stays open and re-reads only the saved files, the compiler's modules stay loaded on
// their thread, and esbuild's service stays up, so a save is compiled and written in about a tenth of a second.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { commandArgs } from '../command-args.ts';
import { projectRoot } from '../../dsl/source.ts';
import { ignoredWarnings, writtenLine } from '../compile-cli.ts';
import { formatIssues, type Issue } from '../issues.ts';
import { applyPlans, OutputError, recoverOutput } from '../output.ts';
import { stackFilesIn } from '../stack-files.ts';
import { openChecker } from '../typecheck/checker.ts';
import type { CompileResult } from './compiler-thread.ts';
import { startCompiler } from './compiler.ts';
import { watchStacks } from './watcher.ts';

const usage = `Usage: stackc watch [options] [stack ...]

Compiles every stack in stacks/ (or only the stacks named) into out/<stack>/, as \`stackc compile\` does, then again
each time a stack file, a file it imports, or the set of .ts files in stacks/ changes. Each compile prints one line,
or its problems as compile prints them; nothing is written while a stack has a problem, and the next save compiles
again. Ctrl-C stops it.

Options:
  --stacks DIR   where stack files are (default: stacks)
  --out DIR      where compiled stacks go (default: out)
  -h, --help     show this help

Exit codes: 0 stopped by Ctrl-C or SIGTERM, 2 usage error or a bug in stackc.`;

function attempt(f: () => void): void {
  try {
    f();
  } catch {
    // nothing left to stop
  }
}

const elapsed = (since: number) => `${(performance.now() - since).toFixed(0)} ms`;

export async function main(argv: readonly string[]): Promise<number> {
  const args = commandArgs(argv, { stacks: { type: 'string' }, out: { type: 'string' } }, usage);
  if (typeof args === 'number') return args;
  const root = projectRoot;
  const stacksLabel = args.values.stacks ?? 'stacks';
  const stacksDir = resolve(root, stacksLabel);
  if (!existsSync(stacksDir) || !statSync(stacksDir).isDirectory()) {
    console.error(`${stacksLabel}/ is not a folder: stackc watch watches the stack files in it (--stacks DIR).`);
    return 2;
  }
  const outDir = args.values.out ?? 'out';
  // a write a stopped compile left half done is finished or undone before the first plan reads out/
  for (const note of recoverOutput(root, outDir)) console.error(`note: ${note}`);

  let checker = openChecker(root);
  const compiler = startCompiler({ root, stacksDir, stacksLabel, outDir, wanted: args.positionals });
  let watched: readonly string[] = [];
  let lastUntested: string | undefined;

  /** The type check; a checker that failed (tsgo stopped) is replaced, and the next check reads every file again. */
  const typeCheck = (stackFiles: readonly string[], changed: readonly string[]) => {
    try {
      return checker.check(stackFiles, changed);
    } catch (e) {
      attempt(() => checker.close());
      checker = openChecker(root);
      throw e;
    }
  };

  /** One compile: the type check here, beside loading and compiling on the compiler thread; out/ written only when
   *  both found nothing. */
  const compileOnce = async (changed: readonly string[], since: number) => {
    const compiling = compiler.compile();
    compiling.catch(() => {}); // awaited below, after the type check
    let typeIssues: readonly Issue[] | Error;
    try {
      // a stacks folder that went away: the compile says so
      typeIssues = typeCheck(existsSync(stacksDir) ? stackFilesIn(stacksDir) : [], changed);
    } catch (e) {
      typeIssues = e instanceof Error ? e : new Error(String(e));
    }
    let result: CompileResult;
    try {
      // awaited even when the check failed: one compile at a time on the thread
      result = await compiling;
      if (typeIssues instanceof Error) throw typeIssues;
    } catch (e) {
      console.error(`✖ stackc failed to compile (a bug in stackc; the next save tries again):\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return;
    }
    // a stack that did not load imports nothing: what it imported stays watched, so fixing a helper still compiles
    watched = result.kind === 'planned' ? result.files : [...new Set([...watched, ...result.files])];
    watcher.follow(watched);
    if (typeIssues.length) console.error(formatIssues(typeIssues));
    else if (result.kind === 'problems') console.error(formatIssues(result.issues));
    else if (result.kind === 'message') console.error(result.text);
    else {
      for (const warning of ignoredWarnings(result.plans)) console.error(warning);
      try {
        applyPlans(root, result.plans);
      } catch (e) {
        // the write says what it left in out/ (old, put back, or new with an old copy left over)
        console.error(e instanceof OutputError ? e.message : `stackc could not write ${outDir}/: ${(e as Error).message}`);
        return;
      }
      console.log(`✔ ${result.plans.map(writtenLine).join('; ')} (${elapsed(since)})`);
      if (result.untested !== lastUntested && result.untested) console.log(`ℹ ${result.untested}`);
      lastUntested = result.untested;
    }
  };

  // saves that arrive during a compile are compiled together right after it
  let queue: { files: Set<string>; since: number } | undefined;
  let running: Promise<void> | undefined;
  const schedule = (files: readonly string[], since: number) => {
    queue ??= { files: new Set(), since };
    for (const f of files) queue.files.add(f);
    running ??= (async () => {
      while (queue) {
        const next = queue;
        queue = undefined;
        await compileOnce([...next.files], next.since);
      }
    })().finally(() => (running = undefined));
  };
  const watcher = watchStacks(stacksDir, schedule);
  watcher.follow(stackFilesIn(stacksDir));

  const stopped = new Promise<number>((done) => {
    const stop = () => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      watcher.close();
      queue = undefined;
      // the compile under way finishes (out/ is never left half-written), then tsgo and esbuild are stopped
      // Ctrl-C in a terminal reaches tsgo and esbuild too: closing what already stopped is not an error
      void (running ?? Promise.resolve())
        .then(() => attempt(() => checker.close()))
        .then(() => compiler.close())
        .catch(() => {})
        .finally(() => done(0));
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });

  schedule([], performance.now());
  await running;
  console.log(`watching ${stacksLabel}/ and the files its stacks import (Ctrl-C stops)`);
  return stopped;
}
