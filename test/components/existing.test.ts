// Each component pointed at an existing one: nothing of it is deployed (no manifests, no RBAC, no Secret check in
// deploy.sh), and what talks to it uses the given address. Every judge still passes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { existing } from '../../dsl/index.ts';
import { assertJudgesPass, compile, kinds, manifestsOf } from './helpers.ts';

type PromConfig = {
  alerting: { alertmanagers: { scheme?: string; path_prefix?: string; static_configs: { targets: string[] }[] }[] };
  scrape_configs: { job_name: string; scheme?: string; metrics_path?: string; static_configs?: { targets: string[] }[]; relabel_configs?: { target_label?: string; replacement?: string }[] }[];
};
const promConfig = (files: ReadonlyMap<string, string>) => parse(files.get('prometheus/prometheus.yml')!) as PromConfig;
/** The Secrets deploy.sh checks before applying. */
const secretsChecked = (script: string): string[] => [.../^secret_names=\((.*)\)$/m.exec(script)![1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
const names = (kind: string, c: ReturnType<typeof compile>) => kinds(c, kind).map((d) => d.metadata.name);

const deployed = compile({});

test('by default every component is deployed, kube-state-metrics with its RBAC', () => {
  for (const file of ['20-prometheus', '30-alertmanager', '40-blackbox-exporter', '50-kube-state-metrics', '60-grafana']) {
    assert.ok(deployed.files.has(`kubernetes/${file}.yaml`), file);
  }
  assert.equal(names('ServiceAccount', deployed), ['prometheus', 'kube-state-metrics']);
});

test('an existing Alertmanager: not deployed, its Secrets not required, alerts sent to its URL with scheme and path', async () => {
  const c = compile({ components: { alertmanager: existing({ url: 'https://alerts.example.org/alertmanager/' }) } });
  assert.not.ok(c.files.has('kubernetes/30-alertmanager.yaml'));
  assert.not.ok(manifestsOf(c).some((d) => d.doc.metadata.name.startsWith('alertmanager')));
  const am = promConfig(c.files).alerting.alertmanagers[0]!;
  assert.equal({ scheme: am.scheme, prefix: am.path_prefix, targets: am.static_configs[0]!.targets }, { scheme: 'https', prefix: '/alertmanager', targets: ['alerts.example.org:443'] });
  const receiverSecret = c.stack.alerting.receivers.flatMap((r) => r.notifiers).map((n) => (n.kind === 'slack' ? n.apiUrl.secret : ''))[0]!;
  assert.ok(secretsChecked(deployed.files.get('kubernetes/deploy.sh')!).includes(receiverSecret));
  assert.not.ok(secretsChecked(c.files.get('kubernetes/deploy.sh')!).includes(receiverSecret), 'no receiver Secret to check');
  assert.ok(c.files.has('alertmanager/alertmanager.yml'), 'the routing tree, to load into the existing Alertmanager');
  await assertJudgesPass(c);
});

test('an existing blackbox exporter: not deployed, the services probe goes through its address', async () => {
  const c = compile({ components: { blackboxExporter: existing({ url: 'http://probe.infra.svc:9115' }) } });
  assert.not.ok(c.files.has('kubernetes/40-blackbox-exporter.yaml'));
  const probe = promConfig(c.files).scrape_configs.find((j) => j.job_name === 'kubernetes-services')!;
  assert.ok(probe.relabel_configs!.some((r) => r.target_label === '__address__' && r.replacement === 'probe.infra.svc:9115'));
  assert.is(probe.metrics_path, '/probe');
  await assertJudgesPass(c);
});

test('an existing kube-state-metrics: not deployed, no RBAC of its own, scraped at its URL', async () => {
  const c = compile({ components: { kubeStateMetrics: existing({ url: 'http://kube-state-metrics.kube-system.svc:8080' }) } });
  assert.not.ok(c.files.has('kubernetes/50-kube-state-metrics.yaml'));
  assert.equal(names('ServiceAccount', c), ['prometheus']);
  assert.not.ok(names('ClusterRole', c).some((n) => n.includes('kube-state-metrics')));
  const job = promConfig(c.files).scrape_configs.find((j) => j.job_name === 'kube-state-metrics')!;
  assert.equal(job.static_configs, [{ targets: ['kube-state-metrics.kube-system.svc:8080'] }]);
  await assertJudgesPass(c);
});

test('an existing Prometheus: not deployed, no RBAC; Grafana queries it; its config is still written for its owner', async () => {
  const url = 'http://prometheus-main.telemetry.svc:9090';
  const c = compile({ components: { prometheus: existing({ url }), kubeStateMetrics: existing({}) } });
  assert.not.ok(c.files.has('kubernetes/20-prometheus.yaml'));
  assert.equal(names('ServiceAccount', c), [], 'no Prometheus and no kube-state-metrics: nothing talks to the API server');
  assert.equal(names('ClusterRole', c), []);
  assert.ok(c.files.has('prometheus/prometheus.yml'));
  assert.not.ok(promConfig(c.files).scrape_configs.some((j) => j.job_name === 'kube-state-metrics'), 'the existing Prometheus scrapes it already');
  const datasource = parse(c.files.get('grafana/provisioning/datasources/prometheus.yaml')!) as { datasources: { url: string }[] };
  assert.is(datasource.datasources[0]!.url, url);
  await assertJudgesPass(c);
});

test('an existing Grafana: no Deployment, no provisioning; each dashboard a ConfigMap for its sidecar, in the folder', async () => {
  const c = compile({ components: { grafana: existing({ url: 'https://grafana.example.org', folder: 'Depot' }) } });
  const grafana = manifestsOf(c).filter((d) => d.path === 'kubernetes/60-grafana.yaml').map((d) => d.doc);
  assert.equal(grafana.map((d) => d.kind), c.stack.dashboards.map(() => 'ConfigMap'));
  for (const [i, cm] of grafana.entries()) {
    assert.is(cm.metadata.labels!['grafana_dashboard'], '1');
    assert.equal((cm as { metadata: { annotations?: Record<string, string> } }).metadata.annotations, { grafana_folder: 'Depot' });
    const [key, json] = Object.entries(cm['data'] as Record<string, string>)[0]!;
    assert.is(json, c.files.get(`grafana/dashboards/${key}`), 'the dashboard file, byte for byte');
    assert.is(key, `${c.stack.dashboards[i]!.uid}.json`);
  }
  assert.not.ok([...c.files.keys()].some((p) => p.startsWith('grafana/provisioning/')));
  const script = c.files.get('kubernetes/deploy.sh')!;
  assert.not.ok(secretsChecked(script).includes(c.stack.deploy.grafanaAdminSecret), 'no admin Secret to check');
  assert.match(script, /the existing Grafana at https:\/\/grafana\.example\.org loads the dashboards/);
  await assertJudgesPass(c);
});

test("Grafana 'none': no Grafana manifests at all, the dashboards stay files", () => {
  const c = compile({ components: { grafana: 'none' } });
  assert.not.ok(c.files.has('kubernetes/60-grafana.yaml'));
  assert.ok(c.stack.dashboards.every((d) => c.files.has(`grafana/dashboards/${d.uid}.json`)));
});

test.run();
