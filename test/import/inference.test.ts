// How the importer decides what it cannot read from a rule file: series types and labels from their use, which
// catalog a name belongs to, what it writes for a severity stackc does not route by, and rule files it refuses.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { importRules, type ImportResult } from '../../compiler/import/index.ts';
import { parseRuleFile, RuleFileError } from '../../compiler/import/rule-files.ts';

function importOf(rules: string): ImportResult {
  const yaml = `groups:\n  - name: g\n    rules:\n${rules.trim().split('\n').map((l) => `      ${l}`).join('\n')}\n`;
  return importRules(parseRuleFile(yaml, 'rules.yml'), { stackName: 's', namespace: 's', sources: ['rules.yml'] });
}

const family = (r: ImportResult, name: string) => r.families.find((f) => f.name === name);

test('types: rate() or a _total name say counter; a gauge function wins over rate() for a name without _total', () => {
  const r = importOf(`
- record: a
  expr: rate(jobs_done[5m])
- record: b
  expr: rate(level[5m]) + deriv(level[5m])
- record: c
  expr: deriv(errors_total[5m])
- record: d
  expr: temperature > 30`);
  assert.equal(r.families.map((f) => [f.name, f.type]), [['errors_total', 'counter'], ['jobs_done', 'counter'], ['level', 'gauge'], ['temperature', 'gauge']]);
  assert.match(family(r, 'level')!.why, /gauge: deriv\(\) in record b, and its name does not end in _total, though rate\(\) in record b treats it as a counter/);
});

test('types: _bucket with _sum and _count is a histogram, a quantile-selected series with _sum a summary', () => {
  const r = importOf(`
- record: p99
  expr: histogram_quantile(0.99, sum by (le, route) (rate(latency_seconds_bucket[5m])))
- record: mean
  expr: rate(latency_seconds_sum[5m]) / rate(latency_seconds_count[5m])
- record: gc
  expr: gc_pause_seconds{quantile="0.5"} + rate(gc_pause_seconds_sum[5m])`);
  assert.equal(r.families.map((f) => [f.name, f.type, f.labels]), [['gc_pause_seconds', 'summary', []], ['latency_seconds', 'histogram', ['route']]]);
  assert.match(r.source, /\$\{imported\.latency_seconds\.bucket\}/);
  assert.match(r.source, /\$\{imported\.gc_pause_seconds\.quantiles\}\{quantile="0\.5"\}/);
});

test('labels: on() reaches both sides, group_left() the one side, a one-to-one match evens the sides, annotations the result', () => {
  const r = importOf(`
- alert: Joined
  expr: sum by (app, zone) (rate(req_total[5m])) / on (app) group_left (owner) app_info > 1 and on (app) app_enabled == 1
  labels: { severity: warning }
  annotations: { summary: "{{ $labels.owner }}" }
- alert: Ratio
  expr: errs_total{code="500"} / reqs_total > 0.1
  labels: { severity: warning }
  annotations: { summary: "{{ $labels.path }}" }`);
  assert.equal(Object.fromEntries(r.families.map((f) => [f.name, f.labels])), {
    app_enabled: ['app'], app_info: ['app', 'owner'], errs_total: ['code', 'path'], req_total: ['app', 'zone'], reqs_total: ['code', 'path'],
  });
});

test("labels: a shipped catalog's series is never given a label; the compile reports the rule instead", () => {
  const r = importOf(`
- alert: Down
  expr: up{team="db"} == 0
  labels: { severity: critical }`);
  assert.equal(r.families, []);
  assert.match(r.source, /import \{ prometheusSeries \} from 'stackc\/catalogs\/prometheus';/);
  assert.not.match(r.source, /catalogs: \[/, 'Prometheus\' own series are always there: not listed');
});

test('catalogs: a name every Go exporter serves goes to a catalog the other names need, else to the stack\'s own', () => {
  const alone = importOf('- record: a\n  expr: go_goroutines > 100');
  assert.equal(alone.families.map((f) => f.name), ['go_goroutines']);
  const withNode = importOf('- record: a\n  expr: go_goroutines > node_load1');
  assert.equal(withNode.families, []);
  assert.match(withNode.source, /\$\{nodeExporter\.go_goroutines\} > \$\{nodeExporter\.node_load1\}/);
  assert.match(withNode.source, /catalogs: \[nodeExporter\],/);
});

test("severity: a missing or unknown severity is written as warning, said in a check comment and a note", () => {
  const r = importOf(`
- alert: NoSeverity
  expr: vector(1)
- alert: Paging
  expr: vector(1)
  labels: { severity: page, team: db }`);
  assert.equal(r.notes, ["alert NoSeverity: severity missing, written as 'warning'", 'alert Paging: severity "page", written as \'warning\'']);
  assert.match(r.source, /\/\/ check: no severity label in the rule; stackc routes by one, so the import says warning\n\s+severity: 'warning',/);
  assert.match(r.source, /\/\/ check: severity was "page"; stackc routes by info, warning or critical\n\s+severity: 'warning',\n\s+labels: \{ team: 'db' \},/);
});

test('a rule file Prometheus would not read is refused with the place', () => {
  assert.throws(() => parseRuleFile('groups: [{ name: g, rules: [{ alert: A }] }]', 'r.yml'), (e: Error) => e instanceof RuleFileError);
  assert.throws(() => parseRuleFile('groups: [{ name: g, rules: [{ alert: A }] }]', 'r.yml'), /r\.yml: group g: rules\[0\] has no expr/);
  assert.throws(() => parseRuleFile('groups: [{ name: g, rules: [{ alert: A, expr: up, severity: page }] }]', 'r.yml'), /rules\[0\] has "severity", which Prometheus does not read/);
  assert.throws(() => parseRuleFile('groups: [{ name: g, rules: [{ record: r, expr: up, for: 5m }] }]', 'r.yml'), /is a recording rule: for, keep_firing_for and annotations belong to alerts/);
  assert.throws(() => parseRuleFile('rules: []', 'r.yml'), /r\.yml is not a rule file: it has no list of groups/);
});

test.run();
