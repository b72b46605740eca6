// Which routes an alert of the stack can reach, without data: a matcher on a label the stack fixes is decided, one on
// a label the expression returns may hold. A route is reachable by an alert when its matchers and those of every
// route above it may hold, and no earlier sibling without `continue` surely takes the alert first.
import type { Matcher } from '../model-routing.ts';
import type { AlertLabels, LabelKnowledge } from './alert-labels.ts';
import { isDynamic } from './alert-labels.ts';
import { matchesValue } from './matchers.ts';
import type { RouteNode } from './tree.ts';

type Maybe = 'yes' | 'no' | 'maybe';

function matcherHolds(m: Matcher, a: LabelKnowledge): Maybe {
  if (isDynamic(a, m.label)) return 'maybe';
  return matchesValue(m, a.known[m.label] ?? '') ? 'yes' : 'no';
}

export function matchersHold(matchers: readonly Matcher[], a: LabelKnowledge): Maybe {
  let out: Maybe = 'yes';
  for (const m of matchers) {
    const h = matcherHolds(m, a);
    if (h === 'no') return 'no';
    if (h === 'maybe') out = 'maybe';
  }
  return out;
}

/** Why `a` cannot reach `node`, or undefined when it may. */
export function blocked(node: RouteNode, a: AlertLabels): { readonly by: 'matchers'; readonly at: RouteNode } | { readonly by: 'sibling'; readonly at: RouteNode } | undefined {
  if (!node.parent) return undefined;
  const above = blocked(node.parent, a);
  if (above) return above;
  if (matchersHold(node.route.matchers, a) === 'no') return { by: 'matchers', at: node };
  for (const sibling of node.parent.children) {
    if (sibling === node) break;
    if (!sibling.route.continue && matchersHold(sibling.route.matchers, a) === 'yes') return { by: 'sibling', at: sibling };
  }
  return undefined;
}

export function canReach(node: RouteNode, a: AlertLabels): boolean {
  return blocked(node, a) === undefined;
}
