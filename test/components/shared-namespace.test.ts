// Two stacks deployed to one monitoring namespace with deploy({ sharedNamespace: true }): no Kubernetes object is
// named twice (kind, namespace, name; cluster-wide RBAC included), Services select only their own stack's pods,
// the configs point at the prefixed names, and the judges pass.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import type { Doc } from '../deploy/manifests.ts';
import { assertJudgesPass, compile, kinds, manifestsOf } from './helpers.ts';

const monitoringNamespace = 'monitoring-shared';
// node_exporter listens on each node's port: the second stack's gets another one
const first = compile({ sharedNamespace: true }, { name: 'depot', monitoringNamespace });
const second = compile({ sharedNamespace: true }, { name: 'ledger', monitoringNamespace, nodeExporterPort: 9101 });
const key = (d: Doc) => `${d.kind} ${d.metadata.namespace ?? '(cluster)'} ${d.metadata.name}`;

test('no (kind, namespace, name) appears twice across both stacks', () => {
  const all = [first, second].flatMap((c) => manifestsOf(c).map((d) => key(d.doc)));
  const twice = all.filter((k, i) => all.indexOf(k) !== i);
  assert.equal(twice, []);
  assert.ok(all.filter((k) => k.includes(` ${monitoringNamespace} `)).length > 20, 'both stacks put their components in the shared namespace');
});

test('without sharedNamespace the same two stacks do clash: the test would see it', () => {
  const a = compile({}, { name: 'depot', monitoringNamespace });
  const b = compile({}, { name: 'ledger', monitoringNamespace, nodeExporterPort: 9101 });
  const keysA = new Set(manifestsOf(a).map((d) => key(d.doc)));
  assert.ok(manifestsOf(b).some((d) => keysA.has(key(d.doc))));
});

test('no Namespace object: a shared namespace is nobody\'s to declare, deploy.sh creates it when missing', () => {
  for (const c of [first, second]) {
    assert.equal(kinds(c, 'Namespace'), []);
    assert.match(c.files.get('kubernetes/deploy.sh')!, /kubectl create namespace "\$namespace"/);
  }
});

test('every Service and workload selects only pods of its own stack', () => {
  for (const c of [first, second]) {
    const own = `stackc-${c.stack.name}`;
    const pods = manifestsOf(c).map((d) => d.doc).filter((d) => d.kind === 'Deployment' || d.kind === 'DaemonSet')
      .map((d) => (d['spec'] as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels);
    for (const s of kinds(c, 'Service')) {
      const selector = (s['spec'] as { selector: Record<string, string> }).selector;
      const selected = pods.filter((labels) => Object.entries(selector).every(([k, v]) => labels[k] === v));
      assert.is(selected.length, 1, `${s.metadata.name} selects one workload's pods`);
      assert.is(selected[0]!['app.kubernetes.io/part-of'], own);
    }
    const otherPods = manifestsOf(c === first ? second : first).map((d) => d.doc).filter((d) => d.kind === 'Deployment' || d.kind === 'DaemonSet');
    for (const w of manifestsOf(c).map((d) => d.doc).filter((d) => d.kind === 'Deployment' || d.kind === 'DaemonSet')) {
      const selector = (w['spec'] as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels;
      for (const o of otherPods) {
        const labels = (o['spec'] as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
        assert.not.ok(Object.entries(selector).every(([k, v]) => labels[k] === v), `${w.metadata.name} would select ${o.metadata.name}`);
      }
    }
  }
});

test('the configs point at the prefixed names', () => {
  for (const c of [first, second]) {
    const prefix = `${c.stack.name}-`;
    const prom = parse(c.files.get('prometheus/prometheus.yml')!) as { alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] } };
    assert.equal(prom.alerting.alertmanagers[0]!.static_configs[0]!.targets, [`${prefix}alertmanager.${monitoringNamespace}.svc:9093`]);
    const services = new Set(kinds(c, 'Service').map((s) => s.metadata.name));
    assert.ok(services.has(`${prefix}alertmanager`));
    const ds = parse(c.files.get('grafana/provisioning/datasources/prometheus.yaml')!) as { datasources: { url: string }[] };
    assert.ok(services.has(new URL(ds.datasources[0]!.url).hostname.split('.')[0]!));
    // every ConfigMap, PVC and ServiceAccount a pod names exists under that (prefixed) name
    const names = new Set(manifestsOf(c).map((d) => d.doc.metadata.name));
    for (const w of kinds(c, 'Deployment')) {
      const spec = (w['spec'] as { template: { spec: { serviceAccountName?: string; volumes: { configMap?: { name: string }; persistentVolumeClaim?: { claimName: string } }[] } } }).template.spec;
      const referenced = [spec.serviceAccountName, ...spec.volumes.map((v) => v.configMap?.name ?? v.persistentVolumeClaim?.claimName)].filter((n): n is string => !!n);
      for (const n of referenced) assert.ok(names.has(n) && n.startsWith(prefix), `${w.metadata.name} names ${n}`);
    }
    for (const b of kinds(c, 'ClusterRoleBinding')) {
      const subjects = b['subjects'] as { name: string; namespace: string }[];
      assert.ok(subjects.every((s) => names.has(s.name) && s.name.startsWith(prefix)));
    }
  }
});

test('promtool, amtool, the Kubernetes schemas and the credential scan pass on both', async () => {
  await assertJudgesPass(first);
  await assertJudgesPass(second);
});

test.run();
