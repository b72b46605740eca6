// The YAML writer (js-yaml) judged by a second implementation (the `yaml` package, as YAML 1.1 reads it).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { toYaml, toYamlByJsYaml } from '../../compiler/emit/yaml.ts';
import shop from '../fixtures/shop.ts';
import { compileValid } from '../helpers/stack.ts';

test('strings that YAML 1.1 would read as something else stay strings', () => {
  const tricky = { a: 'yes', b: 'on', c: 'Off', d: '0755', e: '1e3', f: 'y', g: '12:30', h: 'null', i: '~', j: '', k: '{{ $value }}%', l: 'x: y', m: '- x', n: '#', o: 'multi\nline\n', p: '"quoted"', q: 'tab\there' };
  const text = toYaml(tricky);
  assert.equal(parse(text, { version: '1.1' }), tricky);
  assert.equal(parse(text, { version: '1.2' }), tricky);
});

test('every emitted YAML file parses, and writing what was parsed gives the same bytes', () => {
  const { files } = compileValid(shop);
  let checked = 0;
  for (const [path, content] of files) {
    if (!/\.ya?ml$/.test(path)) continue;
    const body = content.replace(/^# .*\n/, '');
    const docs = parseAllDocuments(body, { version: '1.1' });
    for (const d of docs) assert.equal(d.errors, [], `${path}: ${d.errors.map((e) => e.message).join('; ')}`);
    assert.is(docs.map((d) => toYaml(d.toJS())).join('---\n'), body, path);
    checked++;
  }
  // Prometheus, Alertmanager, Grafana provisioning, the manifests and the operator resources are all YAML
  for (const folder of ['prometheus/', 'alertmanager/', 'grafana/provisioning/', 'kubernetes/', 'kubernetes/operator/']) {
    assert.ok([...files.keys()].some((p) => p.startsWith(folder) && /\.ya?ml$/.test(p)), `a YAML file under ${folder}`);
  }
  assert.is(checked, [...files.keys()].filter((p) => /\.ya?ml$/.test(p)).length);
});

// toYaml lays out blocks itself around js-yaml's scalars: it must write exactly what js-yaml's dump writes
const awkward = [
  '', ' ', 'plain', 'yes', 'No', 'on', 'OFF', 'y', '~', 'null', 'true', '0755', '0x1F', '1e3', '1_000', '12:30:00', '2024-01-01',
  '.inf', '-.nan', '{{ $value }}', '{{ $labels.pod }} is down', 'a: b', 'a #b', '#c', '- x', '? x', '[x]', '{x}', '*x', '&x', '!x', '|', '>',
  '%x', '@x', '`x`', '"q"', "'q'", 'x\\y', 'tab\there', 'bell\u0007', 'é ü 中', '\u{1F600}', 'line\n', 'two\nlines', '\nlead',
  ' lead space', 'trail space ', 'multi\n  indented\n\nblank\n', 'ends\n\n', 'x'.repeat(1100), 'rate(x[5m]) > 0.5 and on (job) up == 1',
];
const numbers = [0, -0, 1, -1, 0.5, 1e21, 1e-7, 123456789012, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53];

function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function value(r: () => number, depth: number): unknown {
  const pick = r();
  if (depth > 4 || pick < 0.45) {
    const kind = Math.floor(r() * 6);
    if (kind === 0) return numbers[Math.floor(r() * numbers.length)];
    if (kind === 1) return r() < 0.5;
    if (kind === 2) return r() < 0.5 ? null : undefined;
    return awkward[Math.floor(r() * awkward.length)];
  }
  const n = Math.floor(r() * 4);
  if (pick < 0.7) return Array.from({ length: n }, () => value(r, depth + 1));
  return Object.fromEntries(Array.from({ length: n }, () => [awkward[Math.floor(r() * awkward.length)], value(r, depth + 1)]));
}

test('toYaml writes exactly what js-yaml writes, for nested data of awkward keys and scalars', () => {
  const r = random(42);
  for (let i = 0; i < 3000; i++) {
    const v = value(r, 0);
    assert.is(toYaml(v), toYamlByJsYaml(v), JSON.stringify(v));
  }
});

test('toYaml writes exactly what js-yaml writes, for every YAML file of a compiled stack', () => {
  const { files } = compileValid(shop);
  for (const [path, content] of files) {
    if (!/\.ya?ml$/.test(path)) continue;
    for (const d of parseAllDocuments(content.replace(/^# .*\n/, ''), { version: '1.1' })) {
      const data = d.toJS();
      assert.is(toYaml(data), toYamlByJsYaml(data), path);
    }
  }
});

test('what toYaml does not lay out itself, js-yaml writes (and refuses)', () => {
  assert.is(toYaml({ when: new Date(0) }), toYamlByJsYaml({ when: new Date(0) }));
  assert.throws(() => toYaml({ f: () => 1 }), /unacceptable kind/);
});

test.run();
