// All checks of a stack, run together; every issue is collected, none stops the others.
import type { Issue } from '../issues.ts';
import type { Stack } from '../model.ts';
import { checkDashboards } from './dashboards.ts';
import { checkDefinitions } from './definitions.ts';
import { checkDeploy } from './deploy.ts';
import { checkNaming } from './naming.ts';
import { checkRules } from './rules.ts';
import { checkRuleTests } from './rule-tests.ts';
import { checkSettings } from './settings.ts';
import { checkThresholds } from './thresholds.ts';

/** One family of checks: a pure function from the model to the issues it finds. */
export type Check = (stack: Stack) => readonly Issue[];

export const checks: readonly Check[] = [checkSettings, checkDefinitions, checkNaming, checkThresholds, checkRules, checkDashboards, checkDeploy];

const samePath = (a: Issue, b: Issue) => a.path.length === b.path.length && a.path.every((p, i) => p === b.path[i]);

export function validate(stack: Stack): Issue[] {
  const found = checks.flatMap((check) => check(stack));
  // a rule that is wrong cannot be tested: report its test coverage only once the rule itself is right
  const coverage = checkRuleTests(stack).filter((c) => !found.some((i) => samePath(i, c)));
  const issues = [...found, ...coverage];
  // file order, then line: the order a person fixes them in
  return issues.sort((a, b) => a.where.file.localeCompare(b.where.file) || a.where.line - b.where.line || a.where.column - b.where.column);
}
