// Service-level objectives: an objective Prometheus can hold, windows that make sense, a latency threshold that is a
// bucket boundary, and an SLI that counts only the stack's own service. Their rules are checked like any rule.
import { parseDuration } from '../duration.ts';
import type { Issue } from '../issues.ts';
import type { Slo, Stack } from '../model.ts';
import { parsePromQL, selectorsIn } from '../promql/ast.ts';
import { lookup } from '../rule-tests/cases.ts';
import { issue } from './context.ts';

const seconds = (d: string) => (parseDuration(d) ?? Number.NaN) / 1000;

/** The SLI's selectors must name the stack's job or namespace: the same metric name scraped from another service
 *  (through the annotated-pods job, or another team's exporter) would otherwise count against this objective. */
function scopeIssues(stack: Stack, slo: Slo, path: readonly string[]): Issue[] {
  const selectors = slo.sli.kind === 'ratio' ? [['errors', slo.sli.errors], ['total', slo.sli.total]] as const : [['good', slo.sli.good], ['total', slo.sli.total]] as const;
  return selectors.flatMap(([role, expr]) => {
    const parsed = parsePromQL(expr.text);
    if (!parsed.ok) return [];
    return selectorsIn(parsed.ast).flatMap(({ selector }) => {
      const own = selector.matchers.some((m) => m.op === '=' && ((m.label === 'job' && m.value === stack.app) || (m.label === 'namespace' && m.value === stack.namespace)));
      if (own) return [];
      return [issue('slo/scope', slo.source, path,
        `the ${role} of objective ${slo.name} select ${expr.text}, which also matches the series of other services scraped into the same Prometheus`,
        `narrow it to this stack's own series: .where({ job: '${stack.app}' }) (or namespace: '${stack.namespace}'), for the errors and the total alike`)];
    });
  });
}

function thresholdIssues(stack: Stack, slo: Slo, path: readonly string[]): Issue[] {
  if (slo.sli.kind !== 'latency') return [];
  const { histogram, threshold } = slo.sli;
  const metric = lookup(stack).bucketsOf.get(`${histogram}_bucket`);
  if (!metric || metric.buckets.includes(threshold)) return [];
  const below = metric.buckets.filter((b) => b < threshold).at(-1);
  const above = metric.buckets.find((b) => b > threshold);
  const nearest = [below, above].filter((b) => b !== undefined).join(' or ');
  return [issue('slo/threshold', slo.source, path,
    `the latency threshold ${threshold} of objective ${slo.name} is not a bucket boundary of ${histogram} (${metric.buckets.join(', ')}): Prometheus can only count requests below a boundary`,
    `use ${nearest || 'a boundary'}, or add ${threshold} to the histogram's buckets`)];
}

function settingIssues(slo: Slo, path: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  const problem = (message: string, hint: string) => issues.push(issue('slo/setting', slo.source, path, message, hint));
  if (!(slo.objective > 0 && slo.objective < 100)) {
    problem(`the objective of ${slo.name} is ${slo.objective}; it is the percentage of good events, above 0 and below 100`, 'write it as a percentage, e.g. objective: 99.9');
  }
  if (!(seconds(slo.window) > 0)) problem(`the window of ${slo.name} is "${slo.window}", not a duration`, "write a duration such as '30d' or '28d'");
  for (const a of slo.alerts) {
    for (const w of a.windows) {
      if (!(w.factor > 0 && Number.isFinite(w.factor))) problem(`a ${a.severity} window of ${slo.name} has burn-rate factor ${w.factor}`, 'a factor is how many times faster than the objective allows the budget burns: a positive number, e.g. 14.4');
      if (!(seconds(w.short) < seconds(w.long))) problem(`a ${a.severity} window of ${slo.name} has a short window ${w.short} not shorter than its long window ${w.long}`, 'the short window (about 1/12 of the long one) confirms the burn is still going on: e.g. { long: \'1h\', short: \'5m\' }');
      if (seconds(w.long) > seconds(slo.window)) problem(`a ${a.severity} window of ${slo.name} (${w.long}) is longer than the objective's window ${slo.window}`, 'use windows within the objective\'s window');
    }
  }
  return issues;
}

export function checkSlos(stack: Stack): Issue[] {
  const names = new Map<string, Slo>();
  return stack.slos.flatMap((slo) => {
    const path = [stack.name, `slo ${slo.name}`];
    const twin = names.get(slo.name);
    names.set(slo.name, slo);
    const duplicate = twin ? [issue('slo/duplicate', slo.source, path, `two objectives are named ${slo.name}`, 'give each objective its own name: it is the slo label of its rules and alerts')] : [];
    return [...duplicate, ...settingIssues(slo, path), ...thresholdIssues(stack, slo, path), ...scopeIssues(stack, slo, path)];
  });
}
