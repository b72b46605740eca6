// Prometheus 3 reads UTF-8 metric and label names (`{"http.server.request.duration"}`, `by ("service.name")`);
// Prometheus 2, and so a stack targeting it, classic names only. Names written in rules are checked here: the
// selectors and labels of each expression, recording rule names, and rule and group labels.
import type { Issue } from '../issues.ts';
import type { Stack } from '../model.ts';
import { parsePromQL, type LabelRef, type Node, type Span } from '../promql/ast.ts';
import { classicLabelName, classicMetricName } from '../promql/names.ts';
import { allRules, issue, rulePath } from './context.ts';

const hint = "use a classic name (letters, digits, underscores; colons in recording rules), or target Prometheus 3: stack(…, { target: { prometheus: '3' } })";

/** Every metric and label name an expression writes, with where. */
function namesIn(n: Node): { kind: 'metric' | 'label'; name: string; span: Span }[] {
  const labels = (refs: readonly LabelRef[] | undefined) => (refs ?? []).map((r) => ({ kind: 'label' as const, name: r.name, span: r }));
  switch (n.type) {
    case 'selector':
      return [...(n.name !== undefined ? [{ kind: 'metric' as const, name: n.name, span: n }] : []), ...n.matchers.map((m) => ({ kind: 'label' as const, name: m.label, span: m }))];
    case 'matrix': return namesIn(n.selector);
    case 'subquery': case 'unary': case 'paren': case 'offset': return namesIn(n.expr);
    case 'call': return n.args.flatMap(namesIn);
    case 'aggregate': return [...labels(n.grouping?.labels), ...n.args.flatMap(namesIn)];
    case 'binary': return [...namesIn(n.lhs), ...labels(n.matching?.labels), ...labels(n.matching?.group?.labels), ...namesIn(n.rhs)];
    default: return [];
  }
}

export function checkUtf8Names(stack: Stack): Issue[] {
  if (stack.target.prometheus !== '2') return [];
  const out: Issue[] = [];
  const classic = (kind: 'metric' | 'label', name: string) => (kind === 'metric' ? classicMetricName : classicLabelName).test(name);
  for (const group of stack.ruleGroups) {
    for (const name of Object.keys(group.labels).filter((l) => !classic('label', l))) {
      out.push(issue('naming/utf8', group.source, [stack.name, group.name], `label "${name}" of rule group ${group.name} is a UTF-8 name, which Prometheus 2 does not read`, hint));
    }
  }
  for (const { group, rule } of allRules(stack)) {
    const path = rulePath(stack, group, rule);
    if (rule.kind === 'recording' && !classic('metric', rule.name)) {
      out.push(issue('naming/utf8', rule.source, path, `recording rule name "${rule.name}" is a UTF-8 name, which Prometheus 2 does not read`, hint));
    }
    for (const name of Object.keys(rule.labels).filter((l) => !classic('label', l) && group.labels[l] !== rule.labels[l])) {
      out.push(issue('naming/utf8', rule.source, path, `label "${name}" is a UTF-8 name, which Prometheus 2 does not read`, hint));
    }
    const parsed = parsePromQL(rule.expr.text);
    if (!parsed.ok) continue;
    for (const n of namesIn(parsed.ast).filter((x) => !classic(x.kind, x.name))) {
      out.push({
        ...issue('naming/utf8', rule.expr.source, path, `${n.kind} name "${n.name}" is a UTF-8 name, which Prometheus 2 does not read`, hint),
        expr: { text: rule.expr.text, from: n.span.from, to: n.span.to },
      });
    }
  }
  return out;
}
