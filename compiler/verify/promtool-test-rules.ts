// `promtool test rules` on every generated rule test file: the rules, evaluated by Prometheus' engine, must do what
// the stack says (fire past the threshold, stay silent at it, record the expected samples).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ruleTestFiles } from '../emit/rule-tests.ts';
import { ruleFileGroups } from '../emit/rules.ts';
import type { Stack } from '../model.ts';
import { asExposed } from '../rule-tests/exposed.ts';
import { untestedList } from '../rule-tests/untested.ts';
import type { JudgeFailure } from './judge.ts';
import { skipped, verdict, type JudgeInput, type Verdict } from './input.ts';
import { labelsOfKey, ruleMentionedIn, ruleNamed, ruleTestNamed, writtenTestNamed, type Located } from './locate.ts';
import { promtoolsFor } from './promtools.ts';
import { missingTool, ranBy, runTool } from './tools.ts';

/** Every test file the stack emitted: alerts, recording rules, and one per evaluation interval for long windows. */
const isTestFile = (path: string) => path.startsWith('prometheus/tests/') && path.endsWith('.test.yml');

/** promtool prints each failed check as a block: `name: <test>,` (when the test has one), then `alertname: <alert>,
 *  time: …` or `expr: "<expr>", time: …`, then the expected and the actual result, indented. */
export function failedChecks(output: string): string[] {
  const blocks: string[][] = [];
  let afterName = false;
  for (const line of output.split('\n')) {
    const starts = /^ {4}\S/.test(line);
    if (starts && !afterName) blocks.push([line]);
    else if (blocks.length && (starts || /^ {5,}\S/.test(line))) blocks.at(-1)!.push(line);
    afterName = starts && /^ {4}name: /.test(line);
  }
  return blocks.map((b) => b.join('\n').trimEnd());
}

/** Why a written test may fail although its inputs look right: their leading 0 samples were written as absent,
 *  because the exporter shows that series only from its first update (compiler/rule-tests/exposed.ts). */
function bornNote(stack: Stack, block: string): string {
  const test = /^ {4}name: (.*),$/m.exec(block)?.[1];
  if (test === undefined) return '';
  const unborn = writtenTestNamed(stack, test)?.test.input.filter((s) => asExposed(stack, s) !== s).map((s) => s.name) ?? [];
  if (unborn.length === 0) return '';
  return `\nnote: the generated registry exposes ${[...new Set(unborn)].join(', ')} only from its first update (a label without declared values), so the test's leading 0 samples are absent ones; declare the label values to have the registry start every series at 0, or start the input at its first value`;
}

/** The test written in the stack, else the alert or recording rule the check names (by the labels of the first
 *  alert it reports, or of the selector it queries, when rules share the name). */
function locate(stack: Stack, block: string): Located {
  const test = /^ {4}name: (.*),$/m.exec(block)?.[1];
  const alert = /^ {4}alertname: ([^,]+),/m.exec(block)?.[1];
  const expr = /^ {4}expr: ("(?:[^"\\]|\\.)*")/m.exec(block)?.[1];
  const fromExpr = expr === undefined ? undefined : (JSON.parse(expr) as string);
  const alertLabels = labelsOfKey(`x${/Labels:(\{.*?\})/.exec(block)?.[1] ?? ''}`)?.labels;
  const selector = fromExpr === undefined ? undefined : labelsOfKey(fromExpr);
  return (test !== undefined ? ruleTestNamed(stack, test) : undefined)
    ?? (alert !== undefined ? ruleNamed(stack, alert, alertLabels) : undefined)
    ?? (selector !== undefined ? ruleNamed(stack, selector.name, selector.labels) : undefined)
    ?? (fromExpr !== undefined ? ruleMentionedIn(stack, fromExpr) : undefined)
    ?? ruleMentionedIn(stack, block)
    ?? {};
}

function countOf(files: JudgeInput['files'], present: readonly string[]): { rules: number; cases: number } {
  let rules = 0;
  let cases = 0;
  const ruleFiles = new Set<string>();
  for (const path of present) {
    const doc = parse(files.get(path)!) as { rule_files?: string[]; tests?: unknown[] };
    cases += doc.tests?.length ?? 0;
    for (const f of doc.rule_files ?? []) ruleFiles.add(`prometheus/${f.replace(/^\.\.\//, '')}`);
  }
  for (const f of ruleFiles) {
    const doc = parse(files.get(f) ?? 'groups: []') as { groups?: { rules?: unknown[] }[] };
    rules += (doc.groups ?? []).reduce((n, g) => n + (g.rules?.length ?? 0), 0);
  }
  return { rules, cases };
}

export async function testRules({ stack, files, dir }: JudgeInput): Promise<Verdict> {
  const present = [...files.keys()].filter(isTestFile).sort();
  const untested = untestedList(stack);
  if (present.length === 0) return skipped(ruleFileGroups(stack).size ? `the stack has rules but no rule tests were emitted${untested ? `; ${untested}` : ''}` : 'the stack has no rules');
  const promtools = await promtoolsFor(stack);
  if (promtools.length === 0) return skipped(missingTool('promtool'));
  // the tests predict what the target's Prometheus evaluates (range windows left-open in 3, closed in 2)
  const target = stack.target.prometheus;
  const own = promtools.find((p) => p.major === target);
  const other = promtools.find((p) => p.major === '2' || p.major === '3');
  if (!own && !other) return skipped(`no promtool 2 or 3 here (${promtools.map((p) => p.version).join(', ')})`);
  // without a promtool of the target's version (an npm install has only Debian's 2.42 on PATH), the rules are still
  // judged: under the other version, by the tests predicted for it, which are often the same files
  const tests = own ? { paths: present, note: '' } : testsFor(stack, files, dir, other!.major as Stack['target']['prometheus']);
  const promtool = (own ?? other)!.path;
  const run = await runTool(promtool, ['test', 'rules', ...tests.paths], dir);
  const failures: JudgeFailure[] = failedChecks(run.output).map((block) => ({ message: block.replace(/^ {4}/gm, '') + bornNote(stack, block), ...locate(stack, block) }));
  if (run.code !== 0 && failures.length === 0) failures.push({ message: `promtool test rules exited ${run.code}: ${run.output.trim()}` });
  const { rules, cases } = countOf(files, present);
  return ranBy(promtool, verdict(failures, `${rules} rules, ${cases} test cases${tests.note}${untested ? `; ${untested}` : ''}`));
}

/** The stack's test files as predicted for Prometheus `major`: the emitted ones when they are the same, else written
 *  beside them (prometheus/tests-<major>/, reading the same rule files). */
function testsFor(stack: Stack, files: JudgeInput['files'], dir: string, major: Stack['target']['prometheus']): { paths: string[]; note: string } {
  const other = ruleTestFiles({ ...stack, target: { ...stack.target, prometheus: major } }, files);
  const same = [...other].every(([path, text]) => files.get(path) === text) && [...files.keys()].filter(isTestFile).every((p) => other.has(p));
  const note = ` (under Prometheus ${major}: no promtool ${stack.target.prometheus} here; ${same ? 'the tests predict the same for both' : 'tests predicted for it'})`;
  if (same) return { paths: [...other.keys()].sort(), note };
  const folder = `prometheus/tests-${major}`;
  mkdirSync(join(dir, folder), { recursive: true });
  const paths = [...other].map(([path, text]) => {
    const moved = path.replace(/^prometheus\/tests\//, `${folder}/`);
    writeFileSync(join(dir, moved), text);
    return moved;
  });
  return { paths: paths.sort(), note };
}
