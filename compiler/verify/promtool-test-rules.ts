// `promtool test rules` on every generated rule test file: the rules, evaluated by Prometheus' engine, must do what
// the stack says (fire past the threshold, stay silent at it, record the expected samples).
import { parse } from 'yaml';
import { ruleFileGroups } from '../emit/rules.ts';
import type { Stack } from '../model.ts';
import { untestedList } from '../rule-tests/untested.ts';
import type { JudgeFailure } from './judge.ts';
import { skipped, verdict, type JudgeInput, type Verdict } from './input.ts';
import { labelsOfKey, ruleMentionedIn, ruleNamed, ruleTestNamed, type Located } from './locate.ts';
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
  const promtool = promtools.find((p) => p.major === target)?.path;
  if (!promtool) return skipped(`the stack targets Prometheus ${target} and its tests predict what ${target} evaluates; here is only ${promtools.map((p) => p.version).join(', ')} (${target === '3' ? 'bash scripts/build-judges.sh builds promtool 3' : 'apt-get install -y prometheus installs promtool 2.42'})`);
  const run = await runTool(promtool, ['test', 'rules', ...present], dir);
  const failures: JudgeFailure[] = failedChecks(run.output).map((block) => ({ message: block.replace(/^ {4}/gm, ''), ...locate(stack, block) }));
  if (run.code !== 0 && failures.length === 0) failures.push({ message: `promtool test rules exited ${run.code}: ${run.output.trim()}` });
  const { rules, cases } = countOf(files, present);
  return ranBy(promtool, verdict(failures, `${rules} rules, ${cases} test cases${untested ? `; ${untested}` : ''}`));
}
