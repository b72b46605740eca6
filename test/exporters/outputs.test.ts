// A stack with node, postgres and redis exporters compiles to scrape jobs in all three outputs (prometheus.yml, the
// local profile, the operator's PodMonitors) with one label scheme, asserted on the parsed files; the real judges
// (promtool check config on both Prometheus files, amtool, the Kubernetes schemas, the credential scan) accept them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { compileStacks } from '../../compiler/compile.ts';
import { prometheusFile, prometheusLocalFile } from '../../compiler/emit/prometheus-config.ts';
import { targetLabels } from '../../compiler/model.ts';
import { checkAlertmanagerConfig } from '../../compiler/verify/amtool-check-config.ts';
import { scanCredentials } from '../../compiler/verify/credentials.ts';
import { checkManifests } from '../../compiler/verify/kubernetes-schemas.ts';
import { checkConfig } from '../../compiler/verify/promtool-check-config.ts';
import fixture from '../fixtures/exporters-stack.ts';
import { requireTool } from '../helpers/stack.ts';
import { describe, judgeFixture } from '../verify/helpers.ts';

type Yaml = Record<string, any>;
const compiled = compileStacks([fixture])[0]!;
const { stack, files } = compiled;
const yamlOf = (path: string): Yaml => parse(files.get(path)!) as Yaml;
const jobsOf = (path: string): Yaml[] => yamlOf(path).scrape_configs;
const documents = (path: string): Yaml[] => parseAllDocuments(files.get(path)!).map((d) => d.toJS() as Yaml);
const exporterNames = stack.exporters.map((e) => e.name);

/** The labels a job's relabelling writes, by target label: the meta label it reads. */
function relabelTargets(job: Yaml): Record<string, string> {
  return Object.fromEntries((job.relabel_configs as Yaml[]).filter((r) => r.target_label && !r.target_label.startsWith('__')).map((r) => [r.target_label, r.source_labels.join(',')]));
}

test('the fixture lists three exporters, each of a kind of its own', () => {
  assert.equal(stack.exporters.map((e) => e.exporter).sort(), ['node', 'postgres', 'redis']);
});

test('prometheus.yml: each exporter has a pod job in its namespace, labelled exactly as the app job is', () => {
  const jobs = jobsOf(prometheusFile);
  const app = jobs.find((j) => j.job_name === stack.app)!;
  for (const e of stack.exporters) {
    const job = jobs.find((j) => j.job_name === e.name);
    assert.ok(job, `a job ${e.name}`);
    assert.equal(job.kubernetes_sd_configs, [{ role: 'pod', namespaces: { names: [e.namespace] } }]);
    assert.equal(relabelTargets(job), relabelTargets(app), `${e.name} labels its targets as the app job does`);
    assert.equal(relabelTargets(job), { namespace: '__meta_kubernetes_namespace', pod: '__meta_kubernetes_pod_name' });
    assert.ok((job.relabel_configs as Yaml[]).some((r) => r.action === 'keep' && r.regex === `${e.name};stackc-${stack.name}`), `${e.name} keeps its own pods only`);
    assert.ok((job.relabel_configs as Yaml[]).some((r) => r.target_label === '__address__' && r.replacement === `$1:${e.port}`));
  }
});

test('the local profile: each exporter on loopback at its local port, with the namespace and pod of the cluster', () => {
  const jobs = jobsOf(prometheusLocalFile);
  for (const e of stack.exporters) {
    const job = jobs.find((j) => j.job_name === e.name)!;
    assert.equal(job.static_configs, [{ targets: [`127.0.0.1:${e.localPort}`], labels: { namespace: e.namespace, pod: `${e.name}-0` } }]);
  }
  // with Prometheus' job and instance, every target carries exactly the target labels
  const app = jobs.find((j) => j.job_name === stack.app)!;
  for (const job of jobs) assert.equal([...Object.keys(job.static_configs[0].labels), 'job', 'instance'].sort(), [...targetLabels].sort(), job.job_name);
  assert.equal(Object.keys(app.static_configs[0].labels), ['namespace', 'pod']);
});

test('the operator: a PodMonitor per exporter, job from the app label, the operator\'s extra labels dropped', () => {
  const monitors = documents('kubernetes/operator/20-pod-monitor.yaml').filter((d) => exporterNames.includes(d.metadata.name));
  assert.equal(monitors.map((m) => m.metadata.name), exporterNames);
  for (const m of monitors) {
    const e = stack.exporters.find((x) => x.name === m.metadata.name)!;
    assert.is(m.spec.jobLabel, 'app');
    assert.equal(m.spec.namespaceSelector, { matchNames: [e.namespace] });
    assert.equal(m.spec.selector.matchLabels, { app: e.name, 'app.kubernetes.io/part-of': `stackc-${stack.name}` });
    assert.equal(m.spec.podMetricsEndpoints[0].relabelings, [{ action: 'labeldrop', regex: 'container|endpoint' }]);
  }
});

test('the dashboard variables list the exporters\' targets too, so $namespace and $pod select their series', () => {
  const dash = JSON.parse(files.get('grafana/dashboards/ledger-nodes.json')!) as Yaml;
  const variables = (dash.templating.list as Yaml[]).filter((v) => v.name === 'namespace' || v.name === 'pod');
  assert.equal(variables.map((v) => v.name), ['namespace', 'pod']);
  for (const v of variables) assert.match(v.query, `up{job=~"${[stack.app, ...exporterNames].join('|')}"`);
  const load = (dash.panels as Yaml[]).find((p) => p.title === 'Load')!;
  assert.is(load.targets[0].expr, 'node_load1{namespace=~"$namespace",pod=~"$pod"}');
});

test('promtool check config accepts prometheus.yml and the local profile', async () => {
  requireTool('promtool', 'prometheus');
  const v = await judgeFixture(checkConfig, undefined, compiled);
  assert.is(v.status, 'passed', describe(v));
  assert.match(v.summary, /prometheus\.yml valid/);
  assert.match(v.summary, /prometheus\.local\.yml valid/);
});

test('amtool, the Kubernetes schemas and the credential scan accept the stack', async () => {
  requireTool('amtool', 'prometheus-alertmanager');
  for (const judge of [checkAlertmanagerConfig, checkManifests, scanCredentials]) {
    const v = await judgeFixture(judge, undefined, compiled);
    assert.is(v.status, 'passed', describe(v));
  }
});

test('the Kubernetes schemas reject a broken exporter workload, naming it', async () => {
  const v = await judgeFixture(checkManifests, (f) => f.set('kubernetes/55-exporters.yaml', f.get('kubernetes/55-exporters.yaml')!.replace('hostNetwork: true', 'hostNetwork: "yes"')), compiled);
  assert.is(v.status, 'failed');
  assert.match(v.failures[0]!.message, 'DaemonSet/node-exporter');
});

test.run();
