// mypy --strict judges the generated Python registry: the module and a typed use of it (Starlette's add_middleware
// included) pass; each mistake in bad_usage.py — an undeclared value, a missing, unknown or misspelt label, a
// method the metric's kind has not, the wrong metrics handed to the middleware — fails with the error code its
// line is marked with, and no other line fails. The same for a stack whose request counter declares its methods
// (methods_usage.py): exactly the middleware's methods fit it, fewer or a declared route set do not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { counter, histogram, stack } from '../../dsl/index.ts';
import { compileValid } from '../helpers/stack.ts';
import lab from './python-fixture.ts';
import methods from './methods-fixture.ts';
import { mypyStrict, pythonScratch, requirePython } from './python.ts';

requirePython();

/** `file:line code` of every error in mypy's output (notes left out). */
function errors(output: string): string[] {
  return [...output.matchAll(/^(\w+\.py):(\d+): error: .*\[([a-z-]+)\]$/gm)].map(([, file, line, code]) => `${file}:${line} ${code}`).sort();
}

/** `file:line code` of every line marked `# E: code`. */
function marked(dir: string, file: string): string[] {
  return readFileSync(join(dir, file), 'utf8').split('\n').flatMap((line, i) => {
    const code = /# E: ([a-z-]+)$/.exec(line)?.[1];
    return code ? [`${file}:${i + 1} ${code}`] : [];
  }).sort();
}

test('the registry, a typed use of it and the scripts the other tests run pass mypy --strict; each marked mistake fails with its code', () => {
  const scratch = pythonScratch(compileValid(lab).files);
  try {
    const run = mypyStrict(scratch.dir, ['registry_gen.py', 'typed_usage.py', 'scrape.py', 'asgi_check.py', 'vector_driver.py', 'bad_usage.py']);
    const expected = marked(scratch.dir, 'bad_usage.py');
    assert.ok(expected.length >= 10, 'bad_usage.py marks its mistakes');
    // a deduplicated list: a line may fail twice with one code (a misspelt label is unknown, and the right one missing)
    assert.equal([...new Set(errors(run.stdout))], expected, run.stdout + run.stderr);
    assert.is(run.status, 1, 'mypy exits 1 when it finds errors');
    assert.match(run.stdout, /"later"|'later'/, 'the undeclared value is named');
  } finally {
    scratch.remove();
  }
});

test('a request counter declaring exactly the methods the middleware records fits it; fewer methods or declared routes do not', () => {
  const { files } = compileValid(methods);
  assert.match(files.get('exporter/python/registry_gen.py')!, 'class RequestMetricsMiddleware');
  const scratch = pythonScratch(files);
  try {
    const run = mypyStrict(scratch.dir, ['registry_gen.py', 'methods_usage.py', 'methods_check.py']);
    const expected = marked(scratch.dir, 'methods_usage.py');
    assert.ok(expected.length >= 3, 'methods_usage.py marks its mistakes');
    assert.equal([...new Set(errors(run.stdout))], expected, run.stdout + run.stderr);
  } finally {
    scratch.remove();
  }
});

test('a stack without the request metrics gets no middleware, and its registry still passes mypy --strict', () => {
  // the counter declares its methods, so it is not the open {method, route, status} counter the middleware needs
  const calls = counter({ name: 'calls_total', help: 'Calls', labels: { method: ['GET', 'PUT'], route: ['/a'], status: ['200'] } });
  const seconds = histogram({ name: 'call_seconds', help: 'Call duration', labels: ['route'], unit: 'seconds', buckets: [1] });
  const { files } = compileValid(stack('plain', { registries: ['python'], namespace: 'plain', metrics: [calls, seconds], groups: [] }));
  const scratch = pythonScratch(files);
  try {
    assert.not.match(files.get('exporter/python/registry_gen.py')!, 'RequestMetricsMiddleware');
    const run = mypyStrict(scratch.dir, ['registry_gen.py']);
    assert.is(run.status, 0, run.stdout + run.stderr);
  } finally {
    scratch.remove();
  }
});

test.run();
