// stackc's annotation renderer against Prometheus' own template engine (tools/judges/template): every template of
// the corpus, for every label set and value, renders to the same bytes, or stackc refuses it and says why: because
// Prometheus fails on it too, because it needs a running Prometheus, or because it is one of the corpus' few
// templates marked as beyond stackc's renderer.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderAnnotation } from '../../compiler/rule-tests/templates.ts';
import { NotOffline, UnrenderableTemplate, Unsupported } from '../../compiler/rule-tests/template/errors.ts';
import { judgeTemplates, type TemplateCase } from '../helpers/template-judge.ts';
import { corpus } from './template-corpus.ts';

interface Data {
  readonly labels: Readonly<Record<string, string>>;
  readonly externalLabels: Readonly<Record<string, string>>;
  readonly values: readonly number[];
}

const data: readonly Data[] = [
  {
    labels: { alertname: 'DiskFull', instance: 'node-1.example.com:9100', job: 'node', severity: 'critical', namespace: 'default', pod: 'api-7d9f-x2', device: '/dev/sda1', service: 'api' },
    externalLabels: { cluster: 'eu-1', region: 'west' },
    values: [0.8765, 85, 1e6, 43200, 2.675, 0.125, 1.005, 99.995],
  },
  { labels: {}, externalLabels: {}, values: [0, -0, 1, 0.5] },
  {
    labels: { instance: '[::1]:9090', job: 'a "quoted" <job> & \'more\'', namespace: 'ns_with-dash.and.dots', pod: 'ÉCOLE ß straße ǆ', severity: '', team: '{{ $value }}', device: 'x\ny\tz', container: 'c', reason: '\u0000\u2028' },
    externalLabels: { cluster: '' },
    values: [NaN, Infinity, -Infinity, -1234567.891, 1.23e-7, 9.87e22, 1e21, 123456],
  },
  {
    labels: { instance: '10.0.0.1:8080', job: 'Node Exporter', severity: 'warning', pod: 'x.y.z', team: 'db', __name__: 'up' },
    externalLabels: { cluster: 'c', region: 'r', zone: 'z' },
    values: [-0.000123, 1e-5, 9.2233720368547758e18, 1e300, 5e-324, 0.1 + 0.2, 1700000000.123],
  },
];

const cases: (TemplateCase & { readonly refused?: 'offline' | 'unsupported' })[] = corpus.flatMap((c) => data.flatMap((d) => d.values.map((value) => ({
  template: c.template, labels: d.labels, value, externalLabels: d.externalLabels, externalURL: '', ...(c.refused ? { refused: c.refused } : {}),
}))));
const judged = judgeTemplates(cases);

function ours(c: TemplateCase): { output: string } | { refused: UnrenderableTemplate } {
  try {
    return { output: renderAnnotation(c.template, c.labels, c.value, { externalLabels: c.externalLabels, externalURL: c.externalURL }) };
  } catch (e) {
    if (e instanceof UnrenderableTemplate) return { refused: e };
    throw new Error(`rendering ${JSON.stringify(c.template)} crashed: ${(e as Error).stack}`);
  }
}

test(`the corpus is large: ${corpus.length} templates, ${cases.length} renderings`, () => {
  assert.ok(corpus.length >= 150, `${corpus.length} templates`);
});

test('every rendering equals Prometheus\' byte for byte, or is refused for a reason that holds', () => {
  const wrongBy = new Map<string, string[]>();
  cases.forEach((c, i) => {
    const wrong = wrongBy.get(c.template) ?? [];
    wrongBy.set(c.template, wrong);
    const judge = judged[i]!;
    const mine = ours(c);
    const at = `${JSON.stringify(c.template)} with value ${c.value} and labels ${JSON.stringify(c.labels).slice(0, 80)}`;
    if (c.refused) {
      const kind = c.refused === 'offline' ? NotOffline : Unsupported;
      if (!('refused' in mine) || !(mine.refused instanceof kind)) wrong.push(`${at}: expected a refusal (${c.refused}), got ${JSON.stringify(mine)}`);
      return;
    }
    if ('error' in judge) {
      // any refusal will do (an invalid regular expression is refused as one stackc cannot translate)
      if (!('refused' in mine)) wrong.push(`${at}: Prometheus fails (${judge.error}), stackc gave ${JSON.stringify(mine.output)}`);
      return;
    }
    if (!('output' in mine)) wrong.push(`${at}: Prometheus renders ${JSON.stringify(judge.output)}, stackc refused: ${mine.refused.message}`);
    else if (mine.output !== judge.output) wrong.push(`${at}:\n    Prometheus ${JSON.stringify(judge.output)}\n    stackc     ${JSON.stringify(mine.output)}`);
  });
  // the first difference of each template, and how many more it has
  const report = [...wrongBy.values()].filter((w) => w.length).map((w) => `${w[0]}${w.length > 1 ? `\n    (and ${w.length - 1} more renderings of this template)` : ''}`);
  const count = [...wrongBy.values()].reduce((n, w) => n + w.length, 0);
  assert.ok(count === 0, `${count} of ${cases.length} renderings differ, in ${report.length} templates:\n${report.join('\n')}`);
});

test.run();
