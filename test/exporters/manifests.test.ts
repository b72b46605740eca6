// The exporters' manifests are least privilege: non-root, read-only root, no capabilities, no API token (so no RBAC);
// node_exporter reads the host read-only; credentials come only from Secret keys; deploy.sh checks those Secrets in
// the exporters' namespace and waits for their rollout, in operator mode too. A stack without exporters gets none.
import { execFileSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { gauge, stack } from '../../dsl/index.ts';
import fixture from '../fixtures/exporters-stack.ts';
import { compileValid } from '../helpers/stack.ts';

type Yaml = Record<string, any>;
const { model, files } = compileValid(fixture);
const workloads = parseAllDocuments(files.get('kubernetes/55-exporters.yaml')!).map((d) => d.toJS() as Yaml);
const podOf = (w: Yaml) => w.spec.template.spec as Yaml;

test('one workload per exporter: a DaemonSet for node_exporter in the monitoring namespace, Deployments beside the app', () => {
  assert.equal(workloads.map((w) => `${w.kind}/${w.metadata.namespace}/${w.metadata.name}`),
    model.exporters.map((e) => `${e.runsOn === 'every-node' ? 'DaemonSet' : 'Deployment'}/${e.namespace}/${e.name}`));
  assert.is(workloads[0]!.metadata.namespace, model.monitoringNamespace);
});

test('every exporter pod is non-root, read-only, without capabilities or an API token', () => {
  for (const w of workloads) {
    const pod = podOf(w);
    assert.is(pod.automountServiceAccountToken, false, w.metadata.name);
    assert.is(pod.serviceAccountName, undefined);
    assert.is(pod.securityContext.runAsNonRoot, true);
    assert.is(pod.hostPID, undefined, 'the host PID namespace is not needed: the host /proc mount shows the node');
    for (const c of pod.containers as Yaml[]) {
      assert.equal(c.securityContext, { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      assert.match(c.image, /:v\d+\.\d+\.\d+$/);
    }
  }
  assert.not.ok(files.has('kubernetes/10-rbac.yaml') && /node-exporter|postgres-exporter|redis-exporter/.test(files.get('kubernetes/10-rbac.yaml')!), 'no RBAC for exporters');
});

test('node_exporter mounts the host\'s /proc, /sys and / read-only, on the node\'s network', () => {
  const pod = podOf(workloads.find((w) => w.kind === 'DaemonSet')!);
  assert.is(pod.hostNetwork, true);
  assert.equal((pod.volumes as Yaml[]).map((v) => v.hostPath.path), ['/proc', '/sys', '/']);
  for (const m of pod.containers[0].volumeMounts as Yaml[]) assert.is(m.readOnly, true, m.name);
  assert.ok((pod.containers[0].args as string[]).includes('--path.rootfs=/host/root'));
});

test('credentials are read from Secret keys only', () => {
  for (const e of model.exporters) {
    const c = podOf(workloads.find((w) => w.metadata.name === e.name)!).containers[0] as Yaml;
    const fromSecrets = ((c.env ?? []) as Yaml[]).filter((v) => v.valueFrom);
    assert.equal(fromSecrets.map((v) => v.valueFrom.secretKeyRef), e.credentialEnv.map((s) => ({ name: s.secret!.secret, key: s.secret!.key })));
    for (const v of (c.env ?? []) as Yaml[]) if (v.value !== undefined) assert.not.match(v.value, /@|password/i, `${e.name} ${v.name}`);
  }
});

test('deploy.sh checks the exporters\' Secrets in their namespace and waits for their rollouts, in operator mode too', () => {
  const script = files.get('kubernetes/deploy.sh')!;
  execFileSync('bash', ['-n'], { input: script });
  for (const e of model.exporters) {
    assert.match(script, `'${e.namespace} ${e.runsOn === 'every-node' ? 'daemonset' : 'deployment'}/${e.name}'`);
    for (const s of e.credentialEnv) assert.match(script, `'${e.namespace}/${s.secret!.secret}'`);
  }
  // operator mode applies the exporters' workloads with the PodMonitors: the operator scrapes them, it does not run them
  assert.match(script, /manifests=\('55-exporters\.yaml' 'operator\/10-prometheus-rule\.yaml'/);
});

test('a stack without exporters gets no exporter workload, job or PodMonitor', () => {
  const bare = compileValid(stack('bare', { namespace: 'bare', metrics: [gauge({ name: 'bare_items', help: 'Items' })], groups: [] }));
  assert.is(bare.files.has('kubernetes/55-exporters.yaml'), false);
  assert.not.match(bare.files.get('kubernetes/deploy.sh')!, 'exporter_');
  assert.is(parseAllDocuments(bare.files.get('kubernetes/operator/20-pod-monitor.yaml')!).length, 1);
});

test.run();
