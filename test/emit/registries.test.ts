// `registries` picks the exporter registries a stack gets: TypeScript's alone by default, Python's and Go's for the
// languages its apps are written in. A stack without Go gets no Go-identifier check: its names clash nowhere.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { counter, stack } from '../../dsl/index.ts';
import { compileValid, issuesOf } from '../helpers/stack.ts';

// two names one Go identifier would merge (a_b and a__b)
const metrics = [counter({ name: 'jobs_a_b_total', help: 'A' }), counter({ name: 'jobs_a__b_total', help: 'B' })];
const exporterFiles = (registries?: readonly ('typescript' | 'python' | 'go')[]) =>
  [...compileValid(stack('jobs', { namespace: 'jobs', metrics: [metrics[0]!], groups: [], ...(registries ? { registries } : {}) })).files.keys()]
    .filter((p) => p.startsWith('exporter/')).sort();

test('TypeScript alone by default; each listed language its own file', () => {
  assert.equal(exporterFiles(), ['exporter/registry.gen.d.ts', 'exporter/registry.gen.js', 'exporter/registry.gen.ts']);
  assert.equal(exporterFiles(['python', 'go']), ['exporter/go/metrics.gen.go', 'exporter/python/registry_gen.py']);
  assert.equal(exporterFiles(['go', 'typescript', 'go']).length, 4, 'listed once each');
});

test('Go-identifier clashes are checked only when the stack has a Go registry', () => {
  const clash = (registries?: readonly ('typescript' | 'go')[]) =>
    issuesOf(stack('jobs', { namespace: 'jobs', metrics, groups: [], ...(registries ? { registries } : {}) })).filter((i) => i.code === 'naming/go-identifier');
  assert.equal(clash(), []);
  assert.ok(clash(['typescript', 'go']).length > 0);
});

test.run();
