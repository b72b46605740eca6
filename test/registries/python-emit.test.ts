// The Python registry as the emitter writes it: an importable module name, the generated-file header, the same
// bytes on every run, nothing imported beyond the standard library and prometheus_client, the TypeScript runtime's
// self-metrics, and string literals that Python reads back as exactly the strings of the stack.
import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generatedMarker } from '../../compiler/emit/header.ts';
import { pythonRegistryPath } from '../../compiler/emit/python-registry.ts';
import { pythonSelfMetrics } from '../../compiler/emit/python/runtime.ts';
import { pyString } from '../../compiler/emit/python/syntax.ts';
import { selfMetricSpecs } from '../../exporter/self-metrics.ts';
import { compileValid } from '../helpers/stack.ts';
import lab from './python-fixture.ts';
import { requirePython } from './python.ts';

const emitted = () => compileValid(lab).files.get(pythonRegistryPath)!;

test('the module has an importable name, the generated header, and the same bytes on every run', () => {
  assert.match(pythonRegistryPath.split('/').pop()!, /^[A-Za-z_][A-Za-z0-9_]*\.py$/);
  const text = emitted();
  assert.ok(text.startsWith(`# ${generatedMarker} from `), text.slice(0, 80));
  assert.is(emitted(), text);
});

test('it imports only the standard library and prometheus_client', () => {
  const allowed = ['__future__', 'asyncio', 'collections.abc', 'itertools', 'logging', 'threading', 'time', 'typing', 'prometheus_client', 'prometheus_client.metrics_core'];
  const modules = [...emitted().matchAll(/^(?:from (\S+) import|import (\S+))/gm)].map((m) => m[1] ?? m[2]);
  assert.ok(modules.length > 0);
  for (const m of modules) assert.ok(allowed.includes(m!), `imports ${m}`);
});

test('its self-metrics are the TypeScript runtime\'s: names, help and labels', () => {
  assert.equal(
    pythonSelfMetrics.map((m) => ({ name: m.name, help: m.help, labels: [m.label] })),
    selfMetricSpecs.map((s) => ({ name: s.name, help: s.help, labels: [...s.labels] })),
  );
  for (const m of pythonSelfMetrics) assert.match(emitted(), pyString(m.name));
});

test('Python reads each string literal back as the exact string', () => {
  requirePython();
  const strings = ['plain', 'say "hi"', "it's", 'back\\slash', 'trailing\\', 'line\nbreak', '\r\t\u0000\u007f', 'ünï ✓ 日本語', '🚀 astral', '', '\\n literally'];
  const program = `import ast, json, sys\nprint(json.dumps([ast.literal_eval(line) for line in sys.stdin.read().split("\\n") if line]))`;
  const r = spawnSync('python3', ['-c', program], { input: strings.map(pyString).join('\n'), encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), strings);
});

test.run();
