// All checks of a stack, run together; every issue is collected, none stops the others.
import type { Issue } from '../issues.ts';
import type { Stack } from '../model.ts';
import { checkDashboards } from './dashboards.ts';
import { checkDeploy } from './deploy.ts';
import { checkNaming } from './naming.ts';
import { checkRules } from './rules.ts';
import { checkSettings } from './settings.ts';
import { checkThresholds } from './thresholds.ts';

/** One family of checks: a pure function from the model to the issues it finds. */
export type Check = (stack: Stack) => readonly Issue[];

export const checks: readonly Check[] = [checkSettings, checkNaming, checkThresholds, checkRules, checkDashboards, checkDeploy];

export function validate(stack: Stack): Issue[] {
  const issues = checks.flatMap((check) => check(stack));
  // file order, then line: the order a person fixes them in
  return issues.sort((a, b) => a.where.file.localeCompare(b.where.file) || a.where.line - b.where.line || a.where.column - b.where.column);
}
