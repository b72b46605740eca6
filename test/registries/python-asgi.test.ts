// The generated ASGI middleware, driven by hand-written ASGI calls (test/registries/python/asgi_check.py) around a
// bare ASGI app given route templates and a real Starlette app: requests are labelled by route template (the one
// Starlette matched, else the templates given, else "unmatched"), methods outside the standard nine are OTHER, an
// app that fails before answering is 500, a client that goes away first is 499, lifespan events are not counted.
// A counter that declares exactly the middleware's methods records them as an open one does.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseExposition, promtoolCheckMetrics } from '../exporter/helpers.ts';
import { compileValid } from '../helpers/stack.ts';
import lab, { callSeconds, calls } from './python-fixture.ts';
import methods, { requests } from './methods-fixture.ts';
import { pythonScratch, requirePython, runPython } from './python.ts';

requirePython();

test('requests are counted by method, route template and status, and timed by route template', () => {
  const scratch = pythonScratch(compileValid(lab).files);
  try {
    const run = runPython(scratch.dir, 'asgi_check.py');
    assert.is(run.status, 0, run.stderr);
    const all = [...parseExposition(run.stdout).values()].flatMap((f) => f.samples);
    const counted = Object.fromEntries(all.filter((s) => s.name === calls.name)
      .map((s) => [`${s.labels.method} ${s.labels.route} ${s.labels.status}`, Number(s.value)]));
    assert.equal(counted, {
      // the bare app, by the templates it was given (a trailing slash matches too)
      'GET /orders/{id} 200': 2,
      'POST /orders 200': 1,
      'OTHER /orders 200': 1,
      'GET unmatched 404': 2, // /nowhere, and Starlette's /items/not-a-number (its int convertor refuses it)
      'GET unmatched 200': 1, // /orders/42/raw/7: one segment too many for /orders/{id}
      'GET /boom 500': 1,
      'GET /slow/{n} 499': 1, // the client disconnected while the app read the body
      'GET /orders/{id} 499': 1, // the server could not write the body
      'GET /hang 499': 1, // the server cancelled the app
      // Starlette's matched route, by its template without the convertor; 405 keeps the template
      'GET /items/{item_id} 200': 2,
      'POST /items/{item_id} 405': 1,
      // inside a Mount Starlette's template leaves out the mount's path: the templates given decide
      'GET /v1/ping 200': 1,
    });
    const timed = all.filter((s) => s.name === `${callSeconds.name}_count`);
    const total = Object.values(counted).reduce((a, b) => a + b, 0);
    assert.is(timed.reduce((sum, s) => sum + Number(s.value), 0), total, 'every counted request is timed');
    for (const s of timed) assert.ok(Object.keys(counted).some((k) => k.split(' ')[1] === s.labels.route), `timed route ${s.labels.route}`);
    const verdict = promtoolCheckMetrics(run.stdout);
    assert.is(verdict.status, 0, verdict.output);
  } finally {
    scratch.remove();
  }
});

test('a counter declaring the middleware\'s methods records each standard method as itself and any other as OTHER, dropping none', () => {
  const scratch = pythonScratch(compileValid(methods).files);
  try {
    const run = runPython(scratch.dir, 'methods_check.py', 'GET PATCH BREW PROPFIND OTHER get');
    assert.is(run.status, 0, run.stderr);
    const all = [...parseExposition(run.stdout).values()].flatMap((f) => f.samples);
    const counted = Object.fromEntries(all.filter((s) => s.name === requests.name).map((s) => [s.labels.method, Number(s.value)]));
    assert.equal(counted, { GET: 1, PATCH: 1, OTHER: 4 });
    assert.not.ok(all.some((s) => s.name.startsWith('stackc_exporter_undeclared_values_dropped') && Number(s.value) > 0), run.stdout);
  } finally {
    scratch.remove();
  }
});

test.run();
