// stackc's command line: the only place that prints and exits.
import { resolve } from 'node:path';
import { commandArgs } from './command-args.ts';
import { projectRoot } from '../dsl/source.ts';
import type { compileStacks, loadStacks } from './compile.ts';
import { CompileError, formatIssues, type Issue } from './issues.ts';
import type { StackPlan } from './output.ts';
import { warmLoader } from './loader-warm.ts';
import { stackFilesIn } from './stack-files.ts';
import { typecheckInBackground } from './typecheck/background.ts';
import { mark, timingsLine } from './timings.ts';

// The compiler's modules are imported after the type check and esbuild have started, so both start up while Node
// loads the ~150 modules of the compiler.
export const loadCompiler = () => Promise.all([import('./compile.ts'), import('./output.ts'), import('./rule-tests/untested.ts')])
  .then(([compile, output, untested]) => ({ ...compile, ...output, ...untested }));
export type Compiler = Awaited<ReturnType<typeof loadCompiler>>;

const usage = `Usage: stackc compile [options] [stack ...]
       stackc check [options] [stack ...]    (the same as compile --check)

Compiles every stack exported by a file in stacks/ (or only the stacks named) into out/<stack>/.
Nothing is written unless every stack compiles; only files stackc generated are replaced or removed.
Each out/<stack>/ is replaced as a whole, so a compile that is killed or fails leaves it old or new;
the next compile or check finishes or undoes such a write first.
When every stack is compiled, out/<name>/ of a stack that no longer exists is removed (its manifest
says stackc generated it; files stackc did not generate are kept).
Stack files and what they import are type-checked first (TypeScript 7, the project's tsconfig.json):
a type error, such as a label a series does not have, stops the run before any stack is loaded.

Options:
  --check        compile in memory and compare with out/: exit 0 when identical, 1 with the
                 added / changed / removed files and a unified diff when out/ is stale
  --stacks DIR   where stack files are (default: stacks)
  --out DIR      where compiled stacks go (default: out)
  --timings      print where the time went (process start, load, validate + emit, write; the type check
                 runs beside them) on stderr
  -h, --help     show this help

Exit codes: 0 success, 1 problems in a stack or stale out/ (--check), 2 usage error or a bug in stackc.`;

/** Compiles the stacks that loaded; the load failures of the others are reported with their problems. */
export function compileAll(c: Compiler, stacks: Parameters<typeof compileStacks>[0], loadIssues: readonly Issue[]) {
  try {
    const compiled = c.compileStacks(stacks);
    if (loadIssues.length) throw new CompileError(loadIssues);
    return compiled;
  } catch (e) {
    if (e instanceof CompileError && loadIssues.length) throw new CompileError([...loadIssues, ...e.issues.filter((i) => !loadIssues.includes(i))]);
    throw e;
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const args = commandArgs(argv, { check: { type: 'boolean' }, stacks: { type: 'string' }, out: { type: 'string' }, timings: { type: 'boolean' } }, usage);
  if (typeof args === 'number') return args;
  mark('start');
  const root = projectRoot;
  const stacksDir = resolve(root, args.values.stacks ?? 'stacks');
  const outDir = args.values.out ?? 'out';
  // tsx strips types when it loads a stack: check them too, so a wrong label is an error here, not only in an
  // editor. The check runs on a worker while the stacks load and compile; its errors come before anything else.
  const typeCheck = typecheckInBackground(stackFilesIn(stacksDir), root).finally(() => mark('type check'));
  const typeErrors = async () => {
    const issues = await typeCheck;
    if (issues.length) console.error(formatIssues(issues));
    return issues.length > 0;
  };
  void warmLoader();
  const c = await loadCompiler();
  const loaded = await c.loadStacks(stacksDir, root);
  mark('load');
  const code = await compileLoaded(c, loaded, args.positionals, args.values.stacks ?? 'stacks', outDir, root, args.values.check ?? false, typeErrors);
  if (args.values.timings) console.error(timingsLine());
  return code;
}

/** The stacks named on the command line (by name, by file name without .ts, or by file), all when none is named;
 *  `unknown` lists the names no stack answers to. */
export function selectStacks(loaded: Awaited<ReturnType<typeof loadStacks>>, wanted: readonly string[]) {
  const named = (s: (typeof loaded.stacks)[number], w: string) => s.name === w || s.source.file.endsWith(`/${w}.ts`) || s.source.file === w;
  return {
    selected: wanted.length ? loaded.stacks.filter((s) => wanted.some((w) => named(s, w))) : loaded.stacks,
    unknown: wanted.filter((w) => !loaded.stacks.some((s) => named(s, w))),
  };
}

/** Compiles the selected stacks and plans what changes in out/: the stacks' folders, and (when every stack was
 *  compiled) the folders of stacks that are gone. Throws CompileError with every problem of the run. */
export function planStacks(
  c: Compiler, loaded: Awaited<ReturnType<typeof loadStacks>>, selected: Parameters<typeof compileStacks>[0], wanted: readonly string[], root: string, outDir: string,
) {
  const stacks = compileAll(c, selected, loaded.issues);
  mark('validate + emit');
  const compiled = c.planOutput(root, outDir, stacks);
  const untested = c.untestedSummary(stacks.map((s) => s.stack));
  // folders of stacks that are gone, known only when every stack was compiled
  const gone = wanted.length ? [] : c.planGone(root, outDir, new Set(loaded.stacks.map((s) => s.name)));
  return { plans: [...compiled, ...gone], untested };
}

/** What a written plan did to its folder, as compile reports it. */
export function writtenLine(p: StackPlan): string {
  return p.goneFrom !== undefined
    ? `${p.dir}: removed (${p.removed.length} generated files; ${p.goneFrom} no longer defines stack ${p.stack})`
    : `${p.dir}: ${p.added.length} added, ${p.changed.length} changed, ${p.removed.length} removed, ${p.unchanged.length} unchanged`;
}

/** Warnings of manifest entries stackc ignored. */
export function ignoredWarnings(plans: readonly StackPlan[]): string[] {
  return plans.flatMap((p) => p.ignored.map((entry) => `warning: ${p.dir}/.stackc-manifest lists "${entry}", which is not a file inside ${p.dir}/; it was ignored, nothing was deleted through it`));
}

/** Compiles what loaded and writes or compares it; `typeErrors` is awaited before anything is printed or written. */
async function compileLoaded(
  c: Compiler, loaded: Awaited<ReturnType<typeof loadStacks>>, wanted: readonly string[], stacksLabel: string, outDir: string, root: string, check: boolean,
  typeErrors: () => Promise<boolean>,
): Promise<number> {
  const { selected, unknown } = selectStacks(loaded, wanted);
  if (unknown.length) {
    if (await typeErrors()) return 1;
    console.error(`No stack named ${unknown.join(', ')}. Stacks: ${loaded.stacks.map((s) => s.name).join(', ') || '(none)'}`);
    return 2;
  }
  try {
    // a write that a stopped stackc left half done is finished or undone first (even when this run then fails), so
    // out/ is whole again and the plans compare with it
    for (const note of c.recoverOutput(root, outDir)) console.error(`note: ${note}`);
    if (selected.length === 0 && loaded.issues.length === 0) {
      if (await typeErrors()) return 1;
      console.error(`No stacks found in ${stacksLabel}/: export stack(...) from a .ts file there.`);
      return 2;
    }
    const { plans, untested } = planStacks(c, loaded, selected, wanted, root, outDir);
    mark('compare');
    if (await typeErrors()) return 1;
    for (const warning of ignoredWarnings(plans)) console.error(warning);
    if (check) {
      const stale = plans.filter((p) => !c.isCurrent(p));
      for (const p of plans) if (c.isCurrent(p)) console.log(`✔ ${p.dir} is up to date (${p.files.size} files)`);
      if (untested) console.log(`ℹ ${untested}`);
      if (stale.length === 0) return 0;
      const { describeStale } = await import('./stale.ts');
      for (const p of stale) console.log(`✖ ${p.dir} is stale:\n${describeStale(root, p)}`);
      console.log(`\nout/ does not match the stacks. Run \`npm run compile\` and commit the result.`);
      return 1;
    }
    c.applyPlans(root, plans);
    mark('write');
    for (const p of plans) console.log(`✔ ${writtenLine(p)}`);
    if (untested) console.log(`ℹ ${untested}`);
    return 0;
  } catch (e) {
    if (await typeErrors()) return 1;
    if (e instanceof CompileError) {
      console.error(formatIssues(e.issues));
      return 1;
    }
    // the write says what it left in out/
    if (e instanceof c.OutputError) {
      console.error(e.message);
      return 2;
    }
    // anything else failed before the write began (reading out/ to plan it)
    if ((e as NodeJS.ErrnoException).code && (e as NodeJS.ErrnoException).syscall) {
      console.error(`stackc could not read ${outDir}/: ${(e as Error).message}\nNothing in ${outDir}/ was changed.`);
      return 2;
    }
    throw e;
  }
}

