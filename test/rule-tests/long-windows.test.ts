// Derived tests of rules over long windows ([3d], [30d]) stay within promtool's limits: promtool runs them and agrees.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { avgOverTime, counter, gauge, histogram, histogramQuantile, increase, maxOverTime, rate, record, ruleGroup, stack, sum } from '../../dsl/index.ts';
import { promtoolMaxSamples } from '../../compiler/rule-tests/spacing.ts';
import { parseDuration } from '../../compiler/duration.ts';
import { testRules } from '../../compiler/verify/promtool-test-rules.ts';
import { withScratch } from '../../compiler/verify/scratch.ts';
import { compileValid, requireTool } from '../helpers/stack.ts';

const promtool = requireTool('promtool', 'prometheus');

const orders = counter({ name: 'shop_orders_total', help: 'Orders placed', labels: ['region'] });
const checkout = histogram({ name: 'shop_checkout_seconds', help: 'Checkout time', unit: 'seconds', labels: ['step'], buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
const stock = gauge({ name: 'shop_stock_ratio', help: 'Share of items in stock', unit: 'ratio' });

const longWindows = stack('long', {
  namespace: 'shop',
  metrics: [orders, checkout, stock],
  groups: [
    ruleGroup('long_windows', { rules: [
      record('region:shop_orders:rate3d', sum(rate(orders, '3d'), { by: ['region'] })),
      record('shop:orders:increase30d', sum(increase(orders, '30d'))),
      record('step:shop_checkout_seconds:p99_3d', histogramQuantile(0.99, sum(rate(checkout.bucket, '3d'), { by: ['le', 'step'] }))),
      record('shop:stock_ratio:avg30d', avgOverTime(stock, '30d')),
      record('shop:stock_ratio:max1w', maxOverTime(stock, '1w')),
      record('region:shop_orders:rate5m', sum(rate(orders, '5m'), { by: ['region'] })),
    ] }),
  ],
});

type TestFile = { evaluation_interval: string; tests: { interval: string; input_series: { values: string }[]; promql_expr_test: { expr: string; eval_time: string }[] }[] };

/** Samples one input series holds: promtool's expanding notation `a+bxN` / `axN` is N+1 samples, a plain value one. */
function sampleCount(values: string): number {
  return values.split(' ').reduce((n, v) => n + (/x(\d+)$/.exec(v) ? Number(/x(\d+)$/.exec(v)![1]) + 1 : 1), 0);
}

test('promtool test rules runs every derived test of rules over [3d], [1w] and [30d], and agrees with each', () => {
  const { files } = compileValid(longWindows);
  const testFiles = [...files.keys()].filter((p) => p.startsWith('prometheus/tests/'));
  const dir = mkdtempSync(join(tmpdir(), 'stackc-long-'));
  try {
    for (const [path, content] of files) {
      if (!path.startsWith('prometheus/')) continue;
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    const r = spawnSync(promtool, ['test', 'rules', ...testFiles.map((p) => join(dir, p))], { encoding: 'utf8', timeout: 120_000 });
    assert.is(r.status, 0, `${r.stdout}${r.stderr}`);
    assert.is((r.stdout.match(/SUCCESS/g) ?? []).length, testFiles.length, r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every recording rule has its derived test, with inputs far below promtool\'s sample limit and evaluations on the rule\'s time', () => {
  const { model, files } = compileValid(longWindows);
  const docs = [...files].filter(([p]) => p.startsWith('prometheus/tests/')).map(([, c]) => parse(c) as TestFile);
  const tested = docs.flatMap((d) => d.tests.flatMap((t) => t.promql_expr_test.map((e) => e.expr)));
  const rules = model.ruleGroups.flatMap((g) => g.rules).map((r) => r.name);
  assert.equal([...tested].sort(), [...rules].sort());
  for (const doc of docs) {
    for (const t of doc.tests) {
      const samples = t.input_series.reduce((n, s) => n + sampleCount(s.values), 0);
      assert.ok(samples <= promtoolMaxSamples / 2, `${t.promql_expr_test[0]!.expr}: ${samples} input samples`);
      assert.is(t.interval, doc.evaluation_interval, 'inputs and evaluations share one spacing');
      for (const e of t.promql_expr_test) assert.is(parseDuration(e.eval_time)! % parseDuration(t.interval)!, 0, 'the rule is evaluated exactly at eval_time');
    }
  }
});

test('a short-window rule keeps the scrape interval and the stack\'s evaluation interval', () => {
  const { files } = compileValid(longWindows);
  const doc = parse(files.get('prometheus/tests/recording-rules.test.yml')!) as TestFile;
  assert.is(doc.evaluation_interval, '15s');
  assert.equal(doc.tests.map((t) => t.promql_expr_test[0]!.expr), ['region:shop_orders:rate5m']);
});

test('verify\'s promtool judge runs every test file, the long-window ones included', async () => {
  const { model, files } = compileValid(longWindows);
  const verdict = await withScratch(model.name, files, (dir) => testRules({ stack: model, files, dir }));
  assert.is(verdict.status, 'passed', verdict.failures.map((f) => f.message).join('\n'));
  const rules = model.ruleGroups.flatMap((g) => g.rules).length;
  assert.match(verdict.summary, new RegExp(`${rules} rules, ${rules} test cases`));
});

test.run();
