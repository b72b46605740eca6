// The YAML writer (js-yaml) judged by a second implementation (the `yaml` package, as YAML 1.1 reads it).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { toYaml } from '../../compiler/emit/yaml.ts';
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

test.run();
