// kubePrometheus(): the stack emits only what kube-prometheus lacks, PrometheusRule and PodMonitors with the
// operator's selector labels, dashboards as ConfigMaps for its Grafana's sidecar, and the exporters it runs beside
// the app; deploy.sh applies only those, judged by the Kubernetes and prometheus-operator schemas.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existing, kubePrometheus } from '../../dsl/index.ts';
import { componentsStack } from '../fixtures/components-stack.ts';
import { issuesOf } from '../helpers/stack.ts';
import { assertJudgesPass, compile, manifestsOf } from './helpers.ts';

const ruleLabels = { release: 'kube-prom', role: 'alert-rules' };
const monitorLabels = { release: 'kube-prom' };
const c = compile({ components: { prometheus: kubePrometheus(), grafana: existing({ folder: 'Depot' }) }, operator: { ruleLabels, monitorLabels } });
const docs = manifestsOf(c);

test('only operator resources, the exporters and sidecar dashboard ConfigMaps: no Prometheus, Alertmanager or Grafana', () => {
  const kinds = [...new Set(docs.map((d) => `${d.doc.apiVersion} ${d.doc.kind}`))].sort();
  assert.equal(kinds, ['apps/v1 DaemonSet', 'monitoring.coreos.com/v1 PodMonitor', 'monitoring.coreos.com/v1 PrometheusRule', 'v1 ConfigMap']);
  assert.equal(docs.filter((d) => !d.path.startsWith('kubernetes/operator/')).map((d) => d.path), ['kubernetes/55-exporters.yaml']);
  assert.not.ok(c.files.has('prometheus/prometheus.yml'), 'the operator writes its Prometheus\' config');
  assert.ok(c.files.has('prometheus/alerts.yml') && c.files.has('prometheus/prometheus.local.yml'), 'rule files and the local profile stay');
});

test('rules and monitors carry the operator\'s selector labels; dashboards the sidecar\'s label and folder', () => {
  for (const d of docs.filter((x) => x.doc.kind === 'PrometheusRule')) assert.equal({ ...d.doc.metadata.labels, ...ruleLabels }, d.doc.metadata.labels);
  for (const d of docs.filter((x) => x.doc.kind === 'PodMonitor')) assert.equal({ ...d.doc.metadata.labels, ...monitorLabels }, d.doc.metadata.labels);
  const dashboards = docs.filter((d) => d.doc.kind === 'ConfigMap');
  assert.is(dashboards.length, c.stack.dashboards.length);
  for (const d of dashboards) {
    assert.is(d.path, 'kubernetes/operator/30-grafana-dashboards.yaml');
    assert.is(d.doc.metadata.labels!['grafana_dashboard'], '1');
    assert.is(d.doc.metadata.namespace, c.stack.monitoringNamespace);
  }
});

test('pointing Alertmanager elsewhere under kube-prometheus is refused', () => {
  const issues = issuesOf(componentsStack({ components: { prometheus: kubePrometheus(), alertmanager: existing({ url: 'http://am.monitoring.svc:9093' }) } }));
  assert.equal(issues.map((i) => i.code), ['deploy/operator-components']);
});

test('deploy.sh applies only the operator resources and the exporters, checks no component Secret, waits for no Deployment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stackc-operator-only-'));
  try {
    for (const [path, content] of c.files) { mkdirSync(dirname(join(dir, path)), { recursive: true }); writeFileSync(join(dir, path), content); }
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const log = join(bin, 'calls.log');
    writeFileSync(join(bin, 'kubectl'), `#!/bin/sh\necho "$*" >> '${log}'\nexit 0\n`);
    chmodSync(join(bin, 'kubectl'), 0o755);
    const output = execFileSync('bash', [join(dir, 'kubernetes/deploy.sh')], { encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin` } });
    const applied = readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('apply')).map((l) => l.slice(l.indexOf('kubernetes/')));
    assert.equal(applied, ['kubernetes/55-exporters.yaml', 'kubernetes/operator/10-prometheus-rule.yaml', 'kubernetes/operator/20-pod-monitor.yaml', 'kubernetes/operator/30-grafana-dashboards.yaml']);
    assert.not.match(readFileSync(log, 'utf8'), /get secret|rollout status deployment/);
    assert.match(output, /done/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the Kubernetes schemas (prometheus-operator models for the CRDs), promtool, amtool and the credential scan pass', async () => {
  await assertJudgesPass(c);
});

test.run();
