// Input series of tests written in the stack, checked like matchers: the series must exist and every label it sets
// must be one the series carries. A label the test invents gives promtool a series no rule selects, and the test
// then fails (or passes) for the wrong reason.
import type { Issue } from '../issues.ts';
import type { RuleTestCase } from '../model.ts';
import { closest, type SeriesIndex } from '../promql/series-index.ts';
import { issue } from '../validate/context.ts';

function list(labels: Iterable<string>): string {
  return [...labels].sort().join(', ') || '(none)';
}

/** promtool's series notation, token by token: a value (`1`, `-2.5`, `1e3`, `Inf`, `NaN`), an expansion (`1+2x10`,
 *  `5-1x4`, `7x20`), a gap (`_`, `_x3`) or `stale`. Native histograms (`{{…}}`) are left to promtool. */
const number = String.raw`[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[Ii]nf|NaN)`;
const token = new RegExp(String.raw`^(?:${number}(?:[-+]${number})?(?:x\d+)?|_(?:x\d+)?|stale)$`);

/** The tokens of a test input's values that promtool cannot read. */
export function badValues(values: string): string[] {
  if (values.includes('{{')) return [];
  const tokens = values.trim().split(/\s+/).filter(Boolean);
  return tokens.length === 0 ? ['(nothing)'] : tokens.filter((t) => !token.test(t));
}

export function inputIssues(index: SeriesIndex, t: RuleTestCase, path: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  for (const s of t.input) {
    const bad = badValues(s.values);
    if (bad.length) {
      issues.push(issue('rule-tests/input-values', t.source, path, `test "${t.name}" gives ${s.name} the values "${s.values}", which promtool cannot read (${bad.map((b) => `"${b}"`).join(', ')})`,
        `write values in promtool's series notation: numbers, a+bxN (N steps growing by b), axN (a repeated), _ for a missing sample, stale; e.g. '0+10x20' or '1x30 _x5 2'`));
    }
    const info = index.series.get(s.name);
    if (!info) {
      const near = closest(s.name, index.series.keys());
      issues.push(issue('rule-tests/unknown-series', t.source, path, `test "${t.name}" feeds series "${s.name}", which the stack neither exports, records nor declares in a catalog`,
        `${near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? ` : ''}build the input from the metric object: input(metric, labels, values)`));
      continue;
    }
    if (!info.labels) continue;
    for (const label of Object.keys(s.labels)) {
      if (info.labels.has(label)) continue;
      const near = closest(label, info.labels);
      issues.push(issue('rule-tests/unknown-input-label', t.source, path, `test "${t.name}" gives ${s.name} a label "${label}" it does not have`,
        `${near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? ` : ''}its labels are: ${list(info.labels)}`));
    }
  }
  return issues;
}
