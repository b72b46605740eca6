// An imported expression as a promql`…` template: each series a catalog declares becomes a hole holding the
// catalog's object (`${kubeStateMetrics.kube_pod_info}`), so a rename or a typo is a type error; the rest of the text
// is kept exactly, comments and line breaks included.
import { parsePromQL, selectorsIn } from '../promql/ast.ts';
import { classicMetricName } from '../promql/names.ts';
import { templateText } from './ts-text.ts';

/** The TypeScript expression standing for a series name, or undefined to keep the name as text. */
export type SeriesReference = (name: string) => string | undefined;

export function promqlTemplate(expr: string, refOf: SeriesReference): string {
  const parsed = parsePromQL(expr);
  let out = '';
  let at = 0;
  if (parsed.ok) {
    for (const { selector } of selectorsIn(parsed.ast)) {
      const name = selector.name;
      // only a name written as the selector's first token (not {__name__="x"} or {"x"}) can be swapped for a hole
      if (!name || !classicMetricName.test(name) || !expr.startsWith(name, selector.from)) continue;
      const ref = refOf(name);
      if (!ref) continue;
      out += `${templateText(expr.slice(at, selector.from))}\${${ref}}`;
      at = selector.from + name.length;
    }
  }
  return `promql\`${out}${templateText(expr.slice(at))}\``;
}
