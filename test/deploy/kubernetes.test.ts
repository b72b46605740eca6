import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { kubernetesFiles } from '../../compiler/emit/kubernetes/index.ts';
import { emitStack } from '../../compiler/emit/index.ts';
import { toModel } from '../../dsl/to-model.ts';
import shop from '../fixtures/shop.ts';
import { docsOf, validateManifest, type Doc } from './manifests.ts';

const model = toModel(shop);
const out = emitStack(model);
const all = [...docsOf(out, 'kubernetes/')];
const byKind = (kind: string) => all.filter((d) => d.doc.kind === kind).map((d) => d.doc);
type PodSpec = { securityContext: Record<string, unknown>; containers: Record<string, any>[]; volumes: Record<string, any>[] };
const podOf = (d: Doc) => (d as any).spec.template as { metadata: { labels: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpec };

test('every manifest and operator resource validates against its OpenAPI schema', async () => {
  assert.ok(all.length > 20);
  for (const { path, doc } of all) {
    try { await validateManifest(doc); } catch (e) { assert.unreachable(`${path} ${doc.kind}/${doc.metadata.name}: ${(e as Error).message}`); }
  }
});

test('every ConfigMap entry is byte-identical to the standalone generated file', () => {
  const standalone: Record<string, string> = {
    'prometheus-config': 'prometheus/', 'alertmanager-config': 'alertmanager/', 'blackbox-exporter-config': 'blackbox/',
    'grafana-datasources': 'grafana/provisioning/datasources/', 'grafana-dashboard-providers': 'grafana/provisioning/dashboards/',
    'grafana-dashboards': 'grafana/dashboards/',
  };
  for (const cm of byKind('ConfigMap')) {
    const folder = standalone[cm.metadata.name];
    assert.ok(folder, `ConfigMap ${cm.metadata.name} has no known source folder`);
    for (const [key, value] of Object.entries(cm['data'] as Record<string, string>)) {
      assert.is(value, out.get(`${folder}${key}`), `${cm.metadata.name}/${key}`);
      assert.not.match(value, /Copy content|TODO|placeholder/i);
    }
  }
  const dashboards = byKind('ConfigMap').find((c) => c.metadata.name === 'grafana-dashboards')!;
  assert.equal(Object.keys(dashboards['data'] as object), [...out.keys()].filter((p) => p.startsWith('grafana/dashboards/')).map((p) => p.slice('grafana/dashboards/'.length)));
  const prom = byKind('ConfigMap').find((c) => c.metadata.name === 'prometheus-config')!;
  assert.equal(Object.keys(prom['data'] as object).sort(), ['alerts.yml', 'prometheus.yml', 'recording-rules.yml']);
});

test('Grafana ConfigMaps embed whatever the Grafana emitter produced, and the pod mounts them', async () => {
  const uid = model.dashboards[0]!.uid;
  const earlier = new Map([...out,
    [`grafana/dashboards/${uid}.json`, `{"uid":"${uid}"}\n`],
    ['grafana/provisioning/datasources/prometheus.yaml', '# h\napiVersion: 1\n'],
    ['grafana/provisioning/dashboards/dashboards.yaml', '# h\napiVersion: 1\nproviders: []\n']]);
  const docs = docsOf(kubernetesFiles(model, earlier), 'kubernetes/60').map((d) => d.doc);
  const cms = docs.filter((d) => d.kind === 'ConfigMap');
  assert.equal(cms.map((c) => c.metadata.name).sort(), ['grafana-dashboard-providers', 'grafana-dashboards', 'grafana-datasources']);
  assert.is((cms.find((c) => c.metadata.name === 'grafana-dashboards')!['data'] as any)[`${uid}.json`], `{"uid":"${uid}"}\n`);
  const pod = podOf(docs.find((d) => d.kind === 'Deployment')!);
  const mounts = pod.spec.containers[0]!['volumeMounts'].map((m: any) => m.mountPath);
  assert.ok(mounts.includes('/var/lib/grafana/dashboards') && mounts.includes('/etc/grafana/provisioning/datasources'));
  assert.equal(Object.keys(pod.metadata.annotations!).sort(), ['checksum/grafana-dashboard-providers', 'checksum/grafana-dashboards', 'checksum/grafana-datasources']);
  for (const d of docs) await validateManifest(d);
  // without Grafana files: no empty ConfigMaps, and the Deployment mounts none
  const withoutGrafana = new Map([...out].filter(([p]) => !p.startsWith('grafana/')));
  const bare = docsOf(kubernetesFiles(model, withoutGrafana), 'kubernetes/60').map((d) => d.doc);
  assert.is(bare.filter((d) => d.kind === 'ConfigMap').length, 0);
  assert.is(podOf(bare.find((d) => d.kind === 'Deployment')!).spec.volumes.filter((v) => v.configMap).length, 0);
});

test('a changed rule file changes the Prometheus pod checksum (rolls the pod)', () => {
  const changed = new Map(out); changed.set('prometheus/alerts.yml', `${out.get('prometheus/alerts.yml')}# changed\n`);
  const ann = (files: ReadonlyMap<string, string>) => podOf(docsOf(kubernetesFiles(model, files), 'kubernetes/20').map((d) => d.doc).find((d) => d.kind === 'Deployment')!).metadata.annotations!['checksum/prometheus-config'];
  assert.ok(ann(out)); assert.is.not(ann(out), ann(changed));
});

test('every pod is non-root, read-only, without privilege escalation or capabilities, with limits and probes', () => {
  for (const d of byKind('Deployment')) {
    const pod = podOf(d).spec;
    assert.is(pod.securityContext['runAsNonRoot'], true, d.metadata.name);
    assert.ok(Number(pod.securityContext['runAsUser']) > 0 && pod.securityContext['fsGroup'] !== undefined, d.metadata.name);
    for (const c of pod.containers) {
      assert.equal(c['securityContext'], { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } }, d.metadata.name);
      assert.ok(c['resources'].requests.cpu && c['resources'].limits.memory, d.metadata.name);
      assert.ok(c['livenessProbe'] && c['readinessProbe'], d.metadata.name);
      assert.match(c['image'], /:v?\d+\.\d+\.\d+$/, d.metadata.name);
      // named probe ports exist on the container
      for (const p of [c['livenessProbe'], c['readinessProbe']]) {
        if (typeof p.httpGet.port === 'string') assert.ok(c['ports'].some((x: any) => x.name === p.httpGet.port), `${d.metadata.name} probe port ${p.httpGet.port}`);
      }
    }
  }
  for (const s of byKind('Service')) assert.is((s as any).spec.type, 'ClusterIP');
});

test('every Service and the PodMonitor select the pods they target; every PVC, ConfigMap and Secret volume resolves', () => {
  const deployments = byKind('Deployment');
  const matches = (sel: Record<string, string>, labels: Record<string, string>) => Object.entries(sel).every(([k, v]) => labels[k] === v);
  for (const s of byKind('Service')) {
    const targets = deployments.filter((d) => matches((s as any).spec.selector, podOf(d).metadata.labels));
    assert.is(targets.length, 1, `Service ${s.metadata.name}`);
    for (const p of (s as any).spec.ports) assert.ok(podOf(targets[0]!).spec.containers.some((c) => c['ports'].some((x: any) => x.name === p.targetPort)), `${s.metadata.name} → ${p.targetPort}`);
  }
  for (const d of deployments) {
    assert.ok(matches((d as any).spec.selector.matchLabels, podOf(d).metadata.labels), `${d.metadata.name} selector`);
    for (const v of podOf(d).spec.volumes) {
      if (v.persistentVolumeClaim) assert.ok(byKind('PersistentVolumeClaim').some((p) => p.metadata.name === v.persistentVolumeClaim.claimName));
      if (v.configMap) assert.ok(byKind('ConfigMap').some((c) => c.metadata.name === v.configMap.name));
    }
  }
  const pm = byKind('PodMonitor')[0] as any;
  assert.equal(pm.spec.selector.matchLabels, { app: model.app });
  assert.equal(pm.spec.namespaceSelector.matchNames, [model.namespace]);
  // the Alertmanager pod mounts every Secret the receivers read, where alertmanager.yml looks
  const am = podOf(deployments.find((d) => d.metadata.name === 'alertmanager')!);
  const amYml = out.get('alertmanager/alertmanager.yml')!;
  for (const file of amYml.match(/\/etc\/alertmanager\/secrets\/[^\s]+/g)!) {
    const secret = file.split('/')[4]!;
    assert.ok(am.spec.volumes.some((v) => v.secret?.secretName === secret), `secret ${secret} mounted`);
    assert.ok(am.spec.containers[0]!['volumeMounts'].some((m: any) => m.mountPath === `/etc/alertmanager/secrets/${secret}`));
  }
});

test('the stack\'s deploy settings reach the manifests: namespace, storage class, retention, scrape endpoint', () => {
  for (const { path, doc } of all) {
    const clusterWide = ['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(doc.kind);
    if (!clusterWide) assert.is(doc.metadata.namespace, model.monitoringNamespace, `${path} ${doc.kind}/${doc.metadata.name}`);
  }
  assert.equal(byKind('Namespace').map((n) => n.metadata.name), [model.monitoringNamespace]);
  const claims = byKind('PersistentVolumeClaim');
  assert.ok(claims.length > 0);
  for (const c of claims) assert.is((c as any).spec.storageClassName, model.deploy.storageClass, c.metadata.name);
  const prometheus = podOf(byKind('Deployment').find((d) => d.metadata.name === 'prometheus')!);
  assert.ok(prometheus.spec.containers[0]!['args'].includes(`--storage.tsdb.retention.time=${model.deploy.retention}`));
  const endpoint = (byKind('PodMonitor')[0] as any).spec.podMetricsEndpoints[0];
  assert.is(endpoint.path, model.scrape.metricsPath);
  assert.is(endpoint.interval, model.scrape.interval);
  assert.is(endpoint.relabelings[0].replacement, `$1:${model.scrape.port}`);
});

test('RBAC is read-only and limited to the discovery roles in use; ingresses only via networking.k8s.io', () => {
  for (const role of byKind('ClusterRole')) {
    for (const r of (role as any).rules) {
      assert.ok(r.verbs.every((v: string) => ['get', 'list', 'watch'].includes(v)), role.metadata.name);
      assert.not.ok((r.apiGroups ?? []).includes('extensions'));
      assert.not.ok((r.resources ?? []).includes('secrets'));
    }
  }
});

test('the PrometheusRule holds exactly the groups of the generated rule files', () => {
  const rule = byKind('PrometheusRule')[0] as any;
  const groups = [...parse(out.get('prometheus/alerts.yml')!).groups, ...parse(out.get('prometheus/recording-rules.yml')!).groups];
  assert.equal(rule.spec.groups, groups);
  assert.equal(rule.metadata.labels.role, 'alert-rules');
});

test.run();
