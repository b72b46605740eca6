// Prometheus' own template engine as a judge: tools/judges/template, built from its pins by
// scripts/build-template-judge.sh (which says why when it cannot: no Go, no module proxy).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { formatFloat } from '../../compiler/rule-tests/template/float.ts';
import { root } from './stack.ts';

export interface TemplateCase {
  readonly template: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  readonly externalLabels: Readonly<Record<string, string>>;
  readonly externalURL: string;
}

/** What Prometheus makes of one case: the annotation, or the error it would put in `<error expanding template: …>`. */
export type JudgeResult = { readonly output: string } | { readonly error: string };

/** The judge binary, built when missing; a failed build fails the caller with the script's reason. */
export function templateJudge(): string {
  try {
    return execFileSync('bash', [join(root, 'scripts/build-template-judge.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`the template judge (Prometheus' template package, tools/judges/template) could not be built: ${stderr || (e as Error).message}`);
  }
}

/** Renders every case through Prometheus' template engine, in one run of the judge. */
export function judgeTemplates(cases: readonly TemplateCase[]): JudgeResult[] {
  // JSON has no NaN, Inf or -0: the value goes as a Go float literal
  const input = JSON.stringify(cases.map((c) => ({ ...c, value: formatFloat(c.value, 'g', -1) })));
  return JSON.parse(execFileSync(templateJudge(), { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })) as JudgeResult[];
}
