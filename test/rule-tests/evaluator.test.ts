// The template renderer and the steady-state evaluator against values Prometheus documents or computes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parsePromQL } from '../../compiler/promql/ast.ts';
import { goFloat, goG, renderAnnotation, UnrenderableTemplate } from '../../compiler/rule-tests/templates.ts';
import { SteadyState, Unsupported, type SteadySeries } from '../../compiler/rule-tests/steady-state.ts';

test('Go float formatting: %v and %.4g', () => {
  assert.is(goFloat(85), '85');
  assert.is(goFloat(0.15), '0.15');
  assert.is(goFloat(1e-5), '1e-05');
  assert.is(goFloat(1e21), '1e+21');
  assert.is(goG(1234.5, 4), '1234');
  assert.is(goG(12345, 4), '1.234e+04');
  assert.is(goG(0.000012345, 4), '1.234e-05');
  assert.is(goG(2.5, 4), '2.5');
  // %v switches to an exponent from 1e6 (strconv's shortest %g), not from 1e21 as JavaScript does
  assert.is(goFloat(1e6), '1e+06');
  assert.is(goFloat(123456), '123456');
  assert.is(goFloat(-0), '-0');
});

test('annotations render like Prometheus templates', () => {
  assert.is(renderAnnotation('CPU is {{ $value }}% on {{ $labels.pod }}', { pod: 'p-0' }, 95), 'CPU is 95% on p-0');
  assert.is(renderAnnotation('{{ $value | humanizePercentage }}', {}, 0.575), '57.5%');
  assert.is(renderAnnotation('{{ $value | humanizeDuration }}', {}, 1.4), '1.4s');
  assert.is(renderAnnotation('{{ $value | humanizeDuration }}', {}, 90), '1m 30s');
  assert.is(renderAnnotation('{{ $value | humanizeDuration }}', {}, 0.25), '250ms');
  assert.is(renderAnnotation('{{ humanize $value }}', {}, 1234567), '1.235M');
  // Prometheus executes with missingkey=zero: a missing label is the empty string
  assert.is(renderAnnotation('{{ .Labels.node }} {{ $labels.missing }}', { node: 'n1' }, 0), 'n1 ');
  // Go rounds the exact binary value half to even: 2.675 is 2.67499…, 0.125 is exactly half
  assert.is(renderAnnotation('{{ printf "%.2f" $value }}', {}, 2.675), '2.67');
  assert.is(renderAnnotation('{{ printf "%.2f" $value }}', {}, 0.125), '0.12');
  assert.is(renderAnnotation('{{ with $labels.pod }}pod {{ . }}{{ else }}no pod{{ end }}', {}, 1), 'no pod');
  assert.is(renderAnnotation('{{ "43200" | humanizeDuration }}', {}, 1), '12h 0m 0s');
  assert.is(renderAnnotation('{{ $externalLabels.cluster }}', {}, 1, { externalLabels: { cluster: 'eu' } }), 'eu');
  assert.throws(() => renderAnnotation('{{ query "up" | first | value }}', {}, 1), (e: Error) => e instanceof UnrenderableTemplate && /only a running Prometheus/.test(e.message));
  assert.throws(() => renderAnnotation('{{ humanize $labels.pod }}', { pod: 'p' }, 1), (e: Error) => e instanceof UnrenderableTemplate && /invalid syntax/.test(e.message));
});

const evaluate = (expr: string, series: SteadySeries[], at = 600, target: '2' | '3' = '3') => {
  const parsed = parsePromQL(expr);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return new SteadyState(series, at, 15, target).evaluate(parsed.ast);
};
const bucket = (le: string, perSecond: number): SteadySeries => ({ name: 'x_bucket', labels: { le }, kind: 'counter', value: perSecond });

test('histogram_quantile interpolates inside the bucket, as Prometheus does', () => {
  // cumulative rates 0, 4, 12, 16, 16 (+Inf): the median (rank 8) lies in (0.1, 0.2], halfway
  const series = [bucket('0.05', 0), bucket('0.1', 4), bucket('0.2', 12), bucket('0.5', 16), bucket('+Inf', 16)];
  const v = evaluate('histogram_quantile(0.5, sum by (le) (rate(x_bucket[5m])))', series);
  assert.equal(v, { type: 'vector', samples: [{ labels: {}, value: 0.1 + (0.2 - 0.1) * (4 / 8) }] });
  const top = evaluate('histogram_quantile(1, sum by (le) (rate(x_bucket[5m])))', series);
  assert.equal(top, { type: 'vector', samples: [{ labels: {}, value: 0.5 }] });
});

test('over-time functions see the window, 2.x style (both ends included) on target 2', () => {
  const g: SteadySeries[] = [{ name: 'g', labels: {}, kind: 'gauge', value: 0, last: 21 }];
  const one = (expr: string) => { const v = evaluate(expr, g, 600, '2'); return v.type === 'vector' ? v.samples[0]!.value : NaN; };
  // 5m of samples every 15 s, both ends: 21 samples, 20 zeros then 21
  assert.is(one('avg_over_time(g[5m])'), 1);
  assert.is(one('max_over_time(g[5m])'), 21);
  assert.is(one('min_over_time(g[5m])'), 0);
  assert.is(one('quantile_over_time(0.99, g[5m])'), 21 * (19.8 - 19));
  assert.throws(() => evaluate('deriv(g[5m])', g), (e: Error) => e instanceof Unsupported);
});

test('over-time functions see the window left-open on target 3: the sample at its start is out', () => {
  const g: SteadySeries[] = [{ name: 'g', labels: {}, kind: 'gauge', value: 0, last: 21 }];
  const one = (expr: string) => { const v = evaluate(expr, g); return v.type === 'vector' ? v.samples[0]!.value : NaN; };
  // 20 samples: 19 zeros then 21
  assert.is(one('avg_over_time(g[5m])'), 21 / 20);
  assert.is(one('max_over_time(g[5m])'), 21);
  assert.is(one('min_over_time(g[5m])'), 0);
  assert.is(one('quantile_over_time(0.99, g[5m])'), 21 * (0.99 * 19 - 18));
});

test('sum() adds with Kahan compensation on target 3, plainly on 2, as each Prometheus does', () => {
  const g = (v: number, i: string): SteadySeries => ({ name: 'g', labels: { i }, kind: 'gauge', value: v });
  const series = [g(0.1, 'a'), g(0.2, 'b'), g(0.3, 'c')];
  const one = (target: '2' | '3') => { const v = evaluate('sum(g)', series, 600, target); return v.type === 'vector' ? v.samples[0]!.value : NaN; };
  assert.is(one('2'), 0.1 + 0.2 + 0.3);
  assert.is(one('3'), 0.6);
});

test('vector matching pairs equal label sets and drops the rest', () => {
  const s = (name: string, a: string, v: number): SteadySeries => ({ name, labels: { a }, kind: 'counter', value: v });
  const v = evaluate('rate(ok_total[5m]) / rate(all_total[5m])', [s('ok_total', 'x', 1), s('all_total', 'x', 4), s('all_total', 'y', 2)]);
  assert.equal(v, { type: 'vector', samples: [{ labels: { a: 'x' }, value: 0.25 }] });
  assert.throws(() => evaluate('label_replace(rate(ok_total[5m]), "b", "$1", "a", "(.*)")', []), (e: Error) => e instanceof Unsupported);
});

test.run();
