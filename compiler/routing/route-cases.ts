// The proof of the routing tree: for every route, an alert of the stack with labels that reach it, and the receivers
// stackc's walk says Alertmanager notifies for those labels. `amtool config routes test` checks each (verify), and
// alertmanager/routes.test.json lists them for anyone to rerun.
import type { Matcher } from '../model-routing.ts';
import type { Stack } from '../model.ts';
import { alertLabels, isDynamic, type AlertLabels } from './alert-labels.ts';
import { anchored } from './matchers.ts';
import { canReach } from './reach.ts';
import { allNodes, walk, type RouteNode } from './tree.ts';

export interface RouteCase {
  /** The route's name (`team="payments" › severity="critical"`), `default` for the root. */
  readonly route: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Every receiver Alertmanager notifies, in the order amtool prints them. */
  readonly receivers: readonly string[];
  /** The alert the labels are of; absent for a made-up alert (a severity no alert has, the default route). */
  readonly alert?: string;
}

export interface UnprovenRoute {
  readonly route: string;
  readonly reason: string;
}

/** Values a label the data sets may take in a test: those the tree's matchers name, then one none of them names. */
function candidates(matchers: readonly Matcher[], label: string): string[] {
  const named = matchers.filter((m) => m.label === label).flatMap((m) => {
    if (m.op === '=' || m.op === '!=') return [m.value];
    // literal alternatives (`a|b|(c)`) are values the regex surely matches
    const alternatives = m.value.replace(/^\((.*)\)$/, '$1').split('|');
    return alternatives.every((v) => /^[-\w.:/ ]+$/.test(v)) ? alternatives : [];
  });
  const other = ['other', 'other-value', 'x'].find((v) => !named.includes(v))!;
  return [...new Set([...named, other])];
}

/** Concrete label sets of one alert: its fixed labels, and each data label the tree matches on given each candidate. */
function labelSets(a: AlertLabels, matchers: readonly Matcher[], limit = 64): Record<string, string>[] {
  const labels = [...new Set(matchers.map((m) => m.label))].filter((l) => isDynamic(a, l)).sort();
  let sets: Record<string, string>[] = [{ ...a.known }];
  for (const label of labels) {
    sets = sets.flatMap((s) => candidates(matchers, label).map((v) => ({ ...s, [label]: v }))).slice(0, limit);
  }
  return sets;
}

/** A made-up alert for a route no alert reaches: the equalities and literal regex alternatives of its path. */
function madeUp(node: RouteNode): Record<string, string> {
  const chain: RouteNode[] = [];
  for (let n: RouteNode | undefined = node; n; n = n.parent) chain.unshift(n);
  const labels: Record<string, string> = {};
  for (const m of chain.flatMap((n) => n.route.matchers)) {
    if (m.op === '=') labels[m.label] = m.value;
    if (m.op === '=~') labels[m.label] = candidates([m], m.label).find((v) => anchored(m.value)?.test(v)) ?? '';
  }
  const severity = labels['severity'];
  return { alertname: severity ? `Any${severity[0]!.toUpperCase()}${severity.slice(1)}Alert` : 'AnyAlert', ...labels };
}

/** One case per route of the tree; routes no label set can be shown to reach are listed with the reason. */
export function routeCases(stack: Stack): { cases: RouteCase[]; unproven: UnprovenRoute[] } {
  const a = stack.alerting;
  const nodes = allNodes(a);
  const matchers = nodes.flatMap((n) => n.route.matchers);
  const alerts = alertLabels(stack);
  const ending = new Map<RouteNode, RouteCase>();
  const passing = new Map<RouteNode, RouteCase>();
  for (const alert of alerts) {
    for (const labels of labelSets(alert, matchers)) {
      const { final, reached } = walk(a, labels);
      const c: RouteCase = { route: '', labels, receivers: final.map((n) => n.receiver), alert: alert.rule.name };
      for (const n of final) if (!ending.has(n)) ending.set(n, { ...c, route: n.name });
      for (const n of reached) if (!passing.has(n)) passing.set(n, { ...c, route: n.name });
    }
  }
  const cases: RouteCase[] = [];
  const unproven: UnprovenRoute[] = [];
  for (const n of nodes.slice(1)) {
    const found = ending.get(n) ?? passing.get(n);
    if (found) { cases.push(found); continue; }
    const labels = madeUp(n);
    const { final, reached } = walk(a, labels);
    if (reached.has(n)) cases.push({ route: n.name, labels, receivers: final.map((x) => x.receiver) });
    else {
      const maybe = alerts.filter((x) => canReach(n, x)).map((x) => x.rule.name);
      unproven.push({ route: n.name, reason: maybe.length ? `${maybe.join(', ')} may reach it, depending on labels the data sets` : 'no alert of the stack reaches it' });
    }
  }
  // the root: an alert no route of the stack names
  const stray = { alertname: 'AlertWithoutSeverity' };
  cases.push({ route: 'default', labels: stray, receivers: walk(a, stray).final.map((n) => n.receiver) });
  return { cases, unproven };
}
