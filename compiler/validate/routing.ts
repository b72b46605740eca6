// The routing tree: matchers Alertmanager can parse, label names, durations, time intervals that exist and mean
// something, and no route that no alert of the stack can reach (a typo in a team name, or a route shadowed by an
// earlier one without `continue`).
import { parseDuration } from '../duration.ts';
import type { Issue } from '../issues.ts';
import type { Matcher, TimeInterval } from '../model-routing.ts';
import type { Stack } from '../model.ts';
import { alertLabels, isDynamic, type AlertLabels } from '../routing/alert-labels.ts';
import { labelNamePattern, matcherProblem, matcherText } from '../routing/matchers.ts';
import { blocked } from '../routing/reach.ts';
import { allNodes, type RouteNode } from '../routing/tree.ts';
import { issue } from './context.ts';

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const time = /^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/;
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

/** Why each range field of an interval cannot be read by Alertmanager. */
function intervalProblems(i: TimeInterval): string[] {
  const out: string[] = [];
  const ranges = (values: readonly string[], ok: (v: string) => boolean, what: string) => {
    for (const v of values) if (!v.split(':').every(ok) || v.split(':').length > 2) out.push(`${what} "${v}" is not a ${what} or a range of them`);
  };
  for (const r of i.ranges) {
    for (const t of r.times) {
      if (!time.test(t.start) || !time.test(t.end)) out.push(`time ${t.start}–${t.end} is not HH:MM–HH:MM in 24-hour time`);
      else if (minutes(t.start) >= minutes(t.end)) out.push(`time ${t.start}–${t.end} ends before it starts (split a range across midnight in two)`);
    }
    ranges(r.weekdays, (v) => weekdays.includes(v), 'weekday');
    ranges(r.months, (v) => months.includes(v) || (/^\d+$/.test(v) && +v >= 1 && +v <= 12), 'month');
    ranges(r.daysOfMonth, (v) => /^-?\d+$/.test(v) && Math.abs(+v) >= 1 && Math.abs(+v) <= 31, 'day of month');
    ranges(r.years, (v) => /^\d{4}$/.test(v), 'year');
    if (r.location !== undefined) {
      try { new Intl.DateTimeFormat('en', { timeZone: r.location }); } catch { out.push(`location "${r.location}" is not an IANA time zone`); }
    }
  }
  if (i.ranges.length === 0) out.push('it has no range: it would never hold');
  return out;
}

/** Why no alert reaches the node, said with what the alerts do carry. */
function unreachableHint(node: RouteNode, alerts: readonly AlertLabels[]): string {
  const reasons = alerts.map((a) => blocked(node, a)!);
  const shadow = reasons.find((r) => r.by === 'sibling' && r.at.parent === node.parent);
  if (shadow) return `every alert it matches is taken first by route ${shadow.at.name} (${shadow.at.source.file}:${shadow.at.source.line}), which has no continue: move this route before it, or give that one continue: true`;
  const own = node.route.matchers.find((m) => alerts.every((a) => !isDynamic(a, m.label) && matcherProblem(m) === undefined));
  if (own) {
    const values = [...new Set(alerts.map((a) => a.known[own.label]).filter((v): v is string => v !== undefined))].sort();
    return values.length
      ? `no alert carries ${matcherText(own)}; the stack's alerts carry ${own.label}: ${values.slice(0, 8).map((v) => JSON.stringify(v)).join(', ')}${values.length > 8 ? ', …' : ''}`
      : `no alert of the stack carries the label ${own.label}: set it in the alerts' labels, or match a label they carry`;
  }
  return alerts.length ? 'the routes above it let no alert of the stack through to it' : 'the stack has no alerts';
}

export function checkRouting(stack: Stack): Issue[] {
  const out: Issue[] = [];
  const a = stack.alerting;
  const at = (code: string, where: RouteNode['source'], path: string, message: string, hint: string) => out.push(issue(code, where, [stack.name, 'alerting', path], message, hint));
  if (!a.defaultReceiver) at('alerting/default-receiver', a.source, 'default', 'a routing tree needs the receiver of alerts no route takes', 'add defaultReceiver: <receiver> to alerting({ ... })');
  const matcherIssues = (matchers: readonly Matcher[], where: RouteNode['source'], path: string) => {
    let bad = false;
    for (const m of matchers) {
      const problem = matcherProblem(m);
      if (problem) { bad = true; at('alerting/bad-matcher', where, path, `matcher ${matcherText(m)}: ${problem}`, "match a label name with a string (=), a RegExp without flags (=~) or not(...) (!=, !~)"); }
    }
    return bad;
  };
  const labelNames = (names: readonly string[], where: RouteNode['source'], path: string, what: string) => {
    for (const n of names) if (n !== '...' && !labelNamePattern.test(n)) at('alerting/label-name', where, path, `${what} "${n}" is not a label name`, 'use letters, digits and underscores, not starting with a digit');
  };
  const intervals = new Map<string, TimeInterval>();
  for (const i of a.timeIntervals) {
    const path = `time interval ${i.name}`;
    if (intervals.has(i.name)) at('alerting/duplicate-time-interval', i.source, path, `two different time intervals are named "${i.name}"`, 'give each its own name, or reuse the same timeInterval object');
    intervals.set(i.name, i);
    if (!labelNamePattern.test(i.name.replace(/-/g, '_'))) at('alerting/time-interval', i.source, path, `time interval name "${i.name}" is not a plain name`, 'use letters, digits, dashes and underscores');
    for (const p of intervalProblems(i)) at('alerting/time-interval', i.source, path, `time interval ${i.name}: ${p}`, "write e.g. { weekdays: ['monday:friday'], times: [{ start: '09:00', end: '17:00' }], location: 'Europe/Berlin' }");
  }
  labelNames(a.groupBy, a.source, 'default', 'groupBy label');
  const alerts = alertLabels(stack);
  for (const node of allNodes(a).slice(1)) {
    const r = node.route;
    const path = `route ${node.name}`;
    const bad = matcherIssues(r.matchers, r.source, path);
    if (r.groupBy) labelNames(r.groupBy, r.source, path, 'groupBy label');
    for (const [key, value] of [['groupWait', r.groupWait], ['groupInterval', r.groupInterval], ['repeatInterval', r.repeatInterval]] as const) {
      if (value !== undefined && !parseDuration(value)) at('alerting/invalid-duration', r.source, path, `${key} "${value}" is not a valid duration`, 'write a duration such as 30s, 5m or 4h');
    }
    for (const name of [...r.muteWhen, ...r.activeWhen]) {
      if (!intervals.has(name)) at('alerting/unknown-time-interval', r.source, path, `route ${node.name} names time interval "${name}", which the stack does not define`, "pass the object timeInterval('<name>', { ... }) returns, not its name");
    }
    if (!bad && !r.derived && !alerts.some((x) => blocked(node, x) === undefined)) {
      at('alerting/unreachable-route', r.source, path, `no alert of the stack can reach route ${node.name} (receiver ${node.receiver})`, unreachableHint(node, alerts));
    }
  }
  for (const i of a.inhibitions) {
    const path = `inhibit ${[...i.sourceMatchers, ...i.targetMatchers].map(matcherText).join(', ')}`;
    matcherIssues([...i.sourceMatchers, ...i.targetMatchers], i.source, path);
    if (i.sourceMatchers.length === 0 || i.targetMatchers.length === 0) {
      at('alerting/inhibit-matches-all', i.source, path, `an inhibition with no ${i.sourceMatchers.length ? 'target' : 'source'} matchers would involve every alert`, 'name the alerts: inhibit({ source: { alertname: ... }, target: { severity: ... } })');
    }
    labelNames(i.equal, i.source, path, 'equal label');
  }
  return out;
}
