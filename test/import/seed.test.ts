// The demo: the seed's own alerts.yml and recording-rules.yml (test/fixtures/seed-rules/, copied from the seed
// document) imported and compiled. The rule files alone show four of the seed's defects, and the compile reports
// each where it is: histogram buckets of series that are gauges, kube-state-metrics v1 names, rate() over a gauge.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileStacks, loadStacks } from '../../compiler/compile.ts';
import { importRules } from '../../compiler/import/index.ts';
import { readRuleFiles } from '../../compiler/import/rule-files.ts';
import { CompileError, type Issue } from '../../compiler/issues.ts';
import { root } from '../helpers/stack.ts';
import { run, scratch } from './helpers.ts';

const files = ['alerts.yml', 'recording-rules.yml'].map((f) => `test/fixtures/seed-rules/${f}`);
const work = scratch('import-seed');
const result = importRules(readRuleFiles(files.map((f) => join(root, f)), (p) => p.slice(root.length + 1)), { stackName: 'seed', namespace: 'seed', sources: files });
mkdirSync(join(work.dir, 'stacks'));
writeFileSync(join(work.dir, 'stacks', 'seed.ts'), result.source);

async function compileIssues(): Promise<readonly Issue[]> {
  const loaded = await loadStacks(join(work.dir, 'stacks'), root);
  assert.equal(loaded.issues, []);
  try {
    compileStacks(loaded.stacks);
  } catch (e) {
    if (e instanceof CompileError) return e.issues;
    throw e;
  }
  return [];
}

test('the import says which series it leaves undeclared, and why', () => {
  assert.is(result.ruleCount, 40);
  assert.equal(result.notes, [
    'not declared: cpu_usage_bucket reads the buckets of a histogram cpu_usage, but cpu_usage is also queried as a series of its own (alert HighCPUUsage); a histogram has no bare series',
    'not declared: kube_hpa_spec_max_replicas is in no shipped catalog; did you mean kube_horizontalpodautoscaler_spec_max_replicas?',
    'not declared: kube_hpa_status_current_replicas is in no shipped catalog; did you mean kube_horizontalpodautoscaler_status_current_replicas?',
    'not declared: response_time_bucket reads the buckets of a histogram response_time, but response_time is also queried as a series of its own (alert HighResponseTime); a histogram has no bare series',
  ]);
});

test("compiling the import reports the seed's defects as errors, each at its rule", async () => {
  const issues = await compileIssues();
  const found = issues.map((i) => `${i.code} ${i.path.slice(1).join(' › ')}: ${i.expr ? i.expr.text.slice(i.expr.from, i.expr.to) : ''}`).sort();
  assert.equal(found, [
    'promql/rate-over-gauge platform_aggregations › record error_rate:rate_5m: rate(error_rate[5m])',
    'promql/unknown-series kubernetes › alert HPAMaxedOut: kube_hpa_spec_max_replicas',
    'promql/unknown-series kubernetes › alert HPAMaxedOut: kube_hpa_status_current_replicas',
    'promql/unknown-series platform_aggregations › record cpu_usage:p95_5m: cpu_usage_bucket',
    'promql/unknown-series platform_aggregations › record response_time:p50_5m: response_time_bucket',
    'promql/unknown-series platform_aggregations › record response_time:p95_5m: response_time_bucket',
    'promql/unknown-series platform_aggregations › record response_time:p99_5m: response_time_bucket',
  ]);
  const hpa = issues.find((i) => i.message.includes('kube_hpa_status_current_replicas'))!;
  assert.match(hpa.hint, /did you mean kube_horizontalpodautoscaler_status_current_replicas/);
  assert.ok(issues.every((i) => i.where.file === `${work.rel}/stacks/seed.ts`), 'located in the imported stack file');
});

test('the CLI compile fails the same way, after the stack file passed the type check', () => {
  const r = run('compile', '--stacks', `${work.rel}/stacks`, '--out', `${work.rel}/out`);
  assert.is(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /7 problems found; nothing was written\./);
  assert.match(r.stderr, /rate\(\) needs a counter, but error_rate is a gauge \(catalog imported\)/);
});

test.after(() => work.remove());
test.run();
