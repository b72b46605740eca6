// Values a cast or a JavaScript caller can get past the types are refused at compile, at the definition.
import { test } from 'uvu';
import { alert, gauge, histogram, promql, ruleGroup, stack } from '../../dsl/index.ts';
import type { Severity, Unit } from '../../compiler/model.ts';
import { runCases } from './cases.ts';

const depth = gauge({ name: 'queue_depth', help: 'Jobs waiting' });
const bad = (metrics: Parameters<typeof stack>[1]['metrics'], rules: Parameters<typeof ruleGroup>[1]['rules'] = []) =>
  stack('bad', { namespace: 'bad', metrics: [depth, ...metrics], groups: rules.length ? [ruleGroup('g', { rules })] : [] });

runCases(import.meta.url, [
  { name: 'unsorted buckets', code: 'values/buckets', message: /buckets of wait_seconds are not finite and strictly ascending \(0\.5, 0\.1, 1\): bucket 2 is 0\.1/, hint: /ascending/,
    marker: 'at:unsorted', stack: () => bad([histogram({ name: 'wait_seconds', help: 'h', unit: 'seconds', buckets: [0.5, 0.1, 1] })]) }, // at:unsorted
  { name: 'duplicate buckets', code: 'values/buckets', message: /bucket 3 is 1/,
    marker: 'at:duplicate', stack: () => bad([histogram({ name: 'wait_seconds', help: 'h', unit: 'seconds', buckets: [0.5, 1, 1] })]) }, // at:duplicate
  { name: '+Inf listed', code: 'values/buckets', message: /bucket 2 is Infinity/, hint: /without \+Inf/,
    marker: 'at:inf', stack: () => bad([histogram({ name: 'wait_seconds', help: 'h', unit: 'seconds', buckets: [1, Infinity] })]) }, // at:inf
  { name: 'a unit outside the list', code: 'values/unit', message: /unit "minutes" of idle_time is not one stackc knows/,
    marker: 'at:unit', stack: () => bad([gauge({ name: 'idle_time', help: 'h', unit: 'minutes' as Unit })]) }, // at:unit
  { name: 'a severity outside the list', code: 'values/severity', message: /severity "page" is not one of info, warning, critical/,
    marker: 'at:severity', stack: () => bad([], [alert({ name: 'Deep', severity: 'page' as Severity, expr: promql`${depth} > 10`, summary: 's', description: 'd' })]) }, // at:severity
]);

test.run();
