// Helpers of the catalog tests: run promtool's own judge on a compiled stack, read its derived recording tests.
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { recordingTestsFile } from '../../compiler/emit/rule-tests.ts';
import { testRules } from '../../compiler/verify/promtool-test-rules.ts';
import { withScratch } from '../../compiler/verify/scratch.ts';
import type { StackDefinition } from '../../dsl/stack.ts';
import { compileValid, requireTool } from '../helpers/stack.ts';

requireTool('promtool', 'prometheus');

export interface RecordingTest {
  readonly name: string;
  readonly input_series: readonly { readonly series: string; readonly values: string }[];
  readonly promql_expr_test: readonly { readonly expr: string; readonly exp_samples: readonly { labels: string; value: number }[] }[];
}

/** Compiles a stack that must be valid, runs `promtool test rules` on its tests, and returns its recording tests (if any). */
export async function passesPromtool(def: StackDefinition): Promise<RecordingTest[]> {
  const { model, files } = compileValid(def);
  const v = await withScratch(model.name, files, (dir) => testRules({ stack: model, files, dir }));
  assert.is(v.status, 'passed', `${v.summary}\n${v.failures.map((f) => f.message).join('\n')}`);
  const recordings = files.get(recordingTestsFile);
  return recordings === undefined ? [] : (parse(recordings) as { tests: RecordingTest[] }).tests;
}

/** The derived test of one recording rule. */
export function testOf(tests: readonly RecordingTest[], rule: string): RecordingTest {
  const t = tests.find((x) => x.promql_expr_test.some((e) => e.expr === rule));
  assert.ok(t, `no test of ${rule}`);
  return t!;
}
