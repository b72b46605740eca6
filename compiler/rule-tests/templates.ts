// Renders alert annotations the way Prometheus does, for the `exp_annotations` of generated rule tests: a Go
// text/template interpreter (template/) with the functions, the data and the header Prometheus' ruler gives an
// annotation (rules/alerting.go). tools/judges/template renders the same templates through Prometheus' own engine,
// and test/rule-tests/template-judge.test.ts holds the two to the same bytes.
// What cannot be rendered offline (query, now, externalURL), what Go fails on, and the little Go renders that
// this interpreter does not, throw an UnrenderableTemplate that says which; the alert then needs
// untested('reason') (docs/templates.md).

import type { AlertRule, Stack } from '../model.ts';
import { UnrenderableTemplate, Unsupported } from './template/errors.ts';
import { execute } from './template/exec.ts';
import { functions } from './template/functions.ts';
import { parse } from './template/parse.ts';
import { float, str, stringMap, type GoValue } from './template/values.ts';

export { UnrenderableTemplate } from './template/errors.ts';
export { goFloat, goG } from './template/float.ts';

/** What an annotation is rendered with besides the alert's labels and value: the test's external labels and URL. */
export interface TemplateContext {
  readonly externalLabels?: Readonly<Record<string, string>>;
  readonly externalURL?: string;
}

const functionNames = new Set(functions.keys());
// the variables of the header Prometheus puts before every annotation
const header = ['$labels', '$externalLabels', '$externalURL', '$value'] as const;

/** Renders one annotation for the given result labels and value, as `promtool test rules` shows it. */
export function renderAnnotation(template: string, labels: Readonly<Record<string, string>>, value: number, context: TemplateContext = {}): string {
  const parsed = parse(template, functionNames, header);
  const fields = new Map<string, GoValue>([
    ['Labels', stringMap(labels)],
    ['ExternalLabels', stringMap(context.externalLabels ?? {})],
    ['ExternalURL', str(context.externalURL ?? '')],
    ['Value', float(value)],
  ]);
  const data: GoValue = { type: 'alert', fields };
  return execute(parsed, data, [['$labels', fields.get('Labels')], ['$externalLabels', fields.get('ExternalLabels')], ['$externalURL', fields.get('ExternalURL')], ['$value', fields.get('Value')]]);
}

/** An annotation (or a templated label) of an alert that stackc cannot render for its generated tests. */
export class UnrenderedAnnotation extends UnrenderableTemplate {
  constructor(readonly alert: string, readonly field: string, readonly template: string, readonly problem: UnrenderableTemplate) {
    super(`the ${field} template of alert ${alert} (${JSON.stringify(template.length > 120 ? template.slice(0, 117) + '...' : template)}) ${problem.reason}`);
  }
}

/** What the test groups of `stack` render annotations with: its external labels (emitted as the tests' external_labels). */
export function templateContext(stack: Stack): TemplateContext {
  return { externalLabels: stack.scrape.externalLabels };
}

// stands for a metric name the template data may or may not carry
const someName = '\u0000name';

/** One firing alert of `alert` as promtool reports it: the result's labels with the alert's own on top, and its
 *  annotations rendered for them. Prometheus expands the alert's label values as templates too.
 *  The template sees the result's metric name (`__name__`, which the alert's labels drop) when the expression keeps
 *  it: `metricName` when the caller knows it; when it does not, a template whose text depends on it is refused. */
export function firingAlert(stack: Stack, alert: AlertRule, labels: Readonly<Record<string, string>>, value: number, metricName?: string) {
  const context = templateContext(stack);
  const render = (field: string, template: string) => {
    try {
      if (metricName !== undefined) return renderAnnotation(template, { ...labels, __name__: metricName }, value, context);
      const text = renderAnnotation(template, labels, value, context);
      if (renderAnnotation(template, { ...labels, __name__: someName }, value, context) !== text) {
        throw new Unsupported('the result\'s metric name (__name__, or all of $labels), which stackc does not know for this expression');
      }
      return text;
    } catch (e) {
      if (e instanceof UnrenderableTemplate) throw new UnrenderedAnnotation(alert.name, field, template, e);
      throw e;
    }
  };
  const own = Object.fromEntries(Object.entries(alert.labels).map(([k, t]) => [k, render(`label ${k}`, t)]));
  const annotations = Object.fromEntries(Object.entries(alert.annotations).map(([k, t]) => [k, render(`annotation ${k}`, t)]));
  return { labels: { ...labels, ...own }, annotations };
}
