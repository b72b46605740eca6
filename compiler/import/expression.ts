// An imported expression as a promql`…` template: each series a catalog declares becomes a hole holding the
// catalog's object (`${kubeStateMetrics.kube_pod_info}`), so a rename or a typo is a type error; the rest of the text
// is kept exactly, comments and line breaks included.
import { parsePromQL, selectorsIn } from '../promql/ast.ts';
import { classicMetricName } from '../promql/names.ts';
import { templateText } from './ts-text.ts';

/** The TypeScript expression standing for a series name, or undefined to keep the name as text. */
export type SeriesReference = (name: string) => string | undefined;

// Grafana's `$__rate_interval`, `${pod}`, `[[x]]`: each stands in as a duration of the same length, so a panel query
// parses and the selectors' offsets still point into the text as written
const grafanaVariable = /\$\{[A-Za-z_]\w*(?::[a-z]+)?\}|\$[A-Za-z_]\w*|\[\[[A-Za-z_]\w*\]\]/g;

/** The expression as PromQL can parse it, Grafana's variables replaced by durations of the same length. */
export function parseableText(expr: string): string {
  return expr.replace(grafanaVariable, (v) => `1${'0'.repeat(v.length - 2)}s`);
}

export function promqlTemplate(expr: string, refOf: SeriesReference): string {
  const parsed = parsePromQL(parseableText(expr));
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
