// A metric's cardinality limit is what the registry's guard enforces: it must be a positive whole number.
import { test } from 'uvu';
import { counter, gauge, stack } from '../../dsl/index.ts';
import { runCases } from './cases.ts';

const bad = (metrics: Parameters<typeof stack>[1]['metrics']) => stack('bad', { namespace: 'bad', metrics, groups: [] });

runCases(import.meta.url, [
  { name: 'a negative limit', code: 'limits/cardinality', message: /cardinalityLimit of jobs_total is -1; it must be a whole number/, hint: /cardinalityLimit: 1000/,
    marker: 'at:negative', stack: () => bad([counter({ name: 'jobs_total', help: 'h', labels: ['queue'], cardinalityLimit: -1 })]) }, // at:negative
  { name: 'a fraction', code: 'limits/cardinality', message: /is 1\.5;/,
    marker: 'at:fraction', stack: () => bad([gauge({ name: 'queue_depth', help: 'h', labels: ['queue'], cardinalityLimit: 1.5 })]) }, // at:fraction
  { name: 'zero', code: 'limits/cardinality', message: /is 0;/,
    marker: 'at:zero', stack: () => bad([gauge({ name: 'queue_depth', help: 'h', labels: ['queue'], cardinalityLimit: 0 })]) }, // at:zero
  { name: 'not a number', code: 'limits/cardinality', message: /is NaN;/,
    marker: 'at:nan', stack: () => bad([gauge({ name: 'queue_depth', help: 'h', labels: ['queue'], cardinalityLimit: Number.NaN })]) }, // at:nan
]);

test.run();
