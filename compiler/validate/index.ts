// All checks of a stack, run together; every issue is collected, none stops the others.
import type { Issue } from '../issues.ts';
import type { Stack } from '../model.ts';
import { checkComponents } from './components.ts';
import { checkDashboards } from './dashboards.ts';
import { checkDefinitions } from './definitions.ts';
import { checkDeploy } from './deploy.ts';
import { checkExporters } from './exporters.ts';
import { checkGoNames } from './go-names.ts';
import { checkLimits } from './limits.ts';
import { checkValues } from './values.ts';
import { checkLabelValues } from './label-values.ts';
import { checkNaming } from './naming.ts';
import { checkRules } from './rules.ts';
import { checkRouting } from './routing.ts';
import { checkUtf8Names } from './utf8-names.ts';
import { checkRuleTests } from './rule-tests.ts';
import { checkSettings } from './settings.ts';
import { checkSlos } from './slo.ts';
import { checkThresholds } from './thresholds.ts';

/** One family of checks: a pure function from the model to the issues it finds. */
export type Check = (stack: Stack) => readonly Issue[];

export const checks: readonly Check[] = [checkSettings, checkDefinitions, checkLimits, checkLabelValues, checkValues, checkNaming, checkGoNames, checkUtf8Names, checkThresholds, checkRules, checkSlos, checkDashboards, checkDeploy, checkComponents, checkRouting, checkExporters];

const samePath = (a: Issue, b: Issue) => a.path.length === b.path.length && a.path.every((p, i) => p === b.path[i]);

/** Issues about a rule's labels, annotations and tests, when its expression has problems of its own: reported all the
 *  same (every problem of a run at once), but marked, since fixing the expression may change or settle them. */
function markDependents(issues: readonly Issue[]): Issue[] {
  const broken = issues.filter((i) => i.code.startsWith('promql/'));
  return issues.flatMap((i) => {
    if (i.code.startsWith('promql/')) return [i];
    const own = broken.filter((b) => samePath(b, i)).length;
    if (own === 0) return [i];
    // "cannot derive a test" only restates that the expression is broken
    if (i.code === 'rule-tests/cannot-derive') return [];
    return [{ ...i, message: `${i.message} [depends on the rule's expression, which has ${own === 1 ? 'a problem' : `${own} problems`} of its own]` }];
  });
}

export function validate(stack: Stack): Issue[] {
  const issues = markDependents([...checks.flatMap((check) => check(stack)), ...checkRuleTests(stack)]);
  // file order, then line: the order a person fixes them in
  return issues.sort((a, b) => a.where.file.localeCompare(b.where.file) || a.where.line - b.where.line || a.where.column - b.where.column);
}
