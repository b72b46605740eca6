// Coverage by construction: every alert has a test where it fires and one where it does not, every recording rule
// a test of what it records; the ones stackc cannot derive must be written in the stack.
import type { Issue } from '../issues.ts';
import type { Stack } from '../model.ts';
import { stackTests } from '../rule-tests/index.ts';

export function checkRuleTests(stack: Stack): readonly Issue[] {
  return stackTests(stack).issues;
}
