// `stackc verify [--live] [stack …]`: compiles the stacks in memory and runs the real judges on their files.
// The only place of verify that prints and exits.
import { resolve } from 'node:path';
import { commandArgs } from '../command-args.ts';
import { projectRoot } from '../../dsl/source.ts';
import type { JudgeResult } from './judge.ts';
import { selectStacks } from './compile.ts';
import { failureReport, resultLines, totals, totalsLine } from './report.ts';
import { verifyStack } from './verify.ts';

const usage = `Usage: stackc verify [options] [stack ...]

Compiles every stack exported by a file in stacks/ (or only the stacks named) in memory and runs the real judges
on the files: promtool (check rules, test rules, check config), amtool (check-config, config routes test), the
Kubernetes OpenAPI schemas, Grafana's published dashboard types, YAML/JSON round trips and the credential scan.
Nothing is written to out/. See docs/verify.md.

Options:
  --live         also run the live judge: Prometheus and Alertmanager on loopback with the local profile
  --stacks DIR   where stack files are (default: stacks)
  -h, --help     show this help

Exit codes: 0 every judge passed (skipped judges say why), 1 a judge failed or a stack did not compile,
2 usage error.`;

export async function main(argv: readonly string[]): Promise<number> {
  const args = commandArgs(argv, { live: { type: 'boolean' }, stacks: { type: 'string' } }, usage);
  if (typeof args === 'number') return args;
  const stacksDir = resolve(projectRoot, args.values.stacks ?? 'stacks');
  const selection = await selectStacks(stacksDir, projectRoot, args.positionals);
  if (selection.unknown.length) {
    console.error(`No stack named ${selection.unknown.join(', ')}. Stacks: ${selection.available.join(', ') || '(none)'}`);
    return 2;
  }
  if (selection.compiled.length === 0 && selection.problems.length === 0) {
    console.error(`No stacks found in ${args.values.stacks ?? 'stacks'}/: export stack(...) from a .ts file there.`);
    return 2;
  }
  const results: JudgeResult[] = [...selection.problems];
  for (const line of resultLines(selection.problems)) console.log(line);
  for (const compiled of selection.compiled) {
    const judged = await verifyStack(compiled, { live: args.values.live ?? false });
    for (const line of resultLines(judged)) console.log(line);
    results.push(...judged);
  }
  const failures = failureReport(results);
  if (failures) console.log(`\nFailures:\n\n${failures}`);
  const t = totals(results);
  console.log(`\n${totalsLine(t)}`);
  return t.failed === 0 ? 0 : 1;
}

