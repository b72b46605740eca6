// The routing tree as Alertmanager walks it (dispatch.Route.Match): a route that matches tries its children in
// order, stops after the first child that matched unless that child says `continue`, and is itself the end of the
// walk when no child matched. stackc's own walk predicts receivers; amtool proves the prediction (verify).
import type { Alerting } from '../model-deploy.ts';
import type { Route } from '../model-routing.ts';
import type { SourceRef } from '../model.ts';
import { matchesAll, matcherText } from './matchers.ts';

/** A route with what it inherits resolved: its receiver, and the matchers of every route above it. */
export interface RouteNode {
  readonly route: Route;
  /** `team="payments" › severity="critical"`; `default` for the root. */
  readonly name: string;
  readonly receiver: string;
  readonly depth: number;
  /** Routes above it, root first (the root is a node without a route of the model). */
  readonly parent?: RouteNode;
  readonly children: readonly RouteNode[];
  readonly source: SourceRef;
}

const rootRoute = (a: Alerting): Route => ({
  kind: 'route', matchers: [], receiver: a.defaultReceiver, continue: false, muteWhen: [], activeWhen: [], routes: a.routes, derived: true, source: a.source,
});

function node(route: Route, receiver: string, name: string, depth: number, parent?: RouteNode): RouteNode {
  const self: { -readonly [K in keyof RouteNode]: RouteNode[K] } = { route, name, receiver, depth, ...(parent ? { parent } : {}), children: [], source: route.source };
  const seen = new Map<string, number>();
  self.children = route.routes.map((r) => {
    const text = r.matchers.map(matcherText).join(', ') || '(every alert)';
    // siblings with the same matchers (one with continue, say) are told apart by their order
    const nth = (seen.get(text) ?? 0) + 1;
    seen.set(text, nth);
    const own = nth > 1 ? `${text} #${nth}` : text;
    return node(r, r.receiver ?? receiver, depth === 0 ? own : `${name} › ${own}`, depth + 1, self);
  });
  return self;
}

const trees = new WeakMap<Alerting, RouteNode>();

/** The root of the stack's routing tree (built once per model). */
export function routeTree(a: Alerting): RouteNode {
  let root = trees.get(a);
  if (!root) {
    root = node(rootRoute(a), a.defaultReceiver, 'default', 0);
    trees.set(a, root);
  }
  return root;
}

/** Every node, depth first in the order Alertmanager tries them, the root first. */
export function allNodes(a: Alerting): RouteNode[] {
  const out: RouteNode[] = [];
  const visit = (n: RouteNode) => { out.push(n); n.children.forEach(visit); };
  visit(routeTree(a));
  return out;
}

/** The walk of one alert: `final` are the routes it ends at (their receivers are notified, in this order), `reached`
 *  every route that matched it on the way. */
export function walk(a: Alerting, labels: Readonly<Record<string, string>>): { final: RouteNode[]; reached: Set<RouteNode> } {
  const reached = new Set<RouteNode>();
  const match = (n: RouteNode): RouteNode[] => {
    if (!matchesAll(n.route.matchers, labels)) return [];
    reached.add(n);
    const all: RouteNode[] = [];
    for (const child of n.children) {
      const got = match(child);
      all.push(...got);
      if (got.length && !child.route.continue) break;
    }
    return all.length ? all : [n];
  };
  return { final: match(routeTree(a)), reached };
}

/** The receivers an alert with these labels is sent to, in the order amtool prints them. */
export function receiversFor(a: Alerting, labels: Readonly<Record<string, string>>): string[] {
  return walk(a, labels).final.map((n) => n.receiver);
}
