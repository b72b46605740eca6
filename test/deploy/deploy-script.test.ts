// deploy.sh against a fake kubectl on PATH that logs its calls: the failure paths and the apply order.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emitStack } from '../../compiler/emit/index.ts';
import { toModel } from '../../dsl/to-model.ts';
import shop from '../fixtures/shop.ts';
import { docsOf } from './manifests.ts';

const model = toModel(shop);
const out = emitStack(model);
const dir = mkdtempSync(join(tmpdir(), 'stackc-deploy-sh-'));
for (const [path, content] of out) { mkdirSync(dirname(join(dir, path)), { recursive: true }); writeFileSync(join(dir, path), content); }
const script = join(dir, 'kubernetes/deploy.sh');
// everything this file makes lives under dir, removed when the suite ends
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** A kubectl that logs argv; `cluster-info` and `get secret <name>` fail as the scenario says. */
function fakeKubectl(o: { reachable: boolean; secrets: readonly string[]; rolloutFails?: boolean }): { bin: string; log: string } {
  const bin = mkdtempSync(join(dir, 'fake-kubectl-'));
  const log = join(bin, 'calls.log');
  writeFileSync(join(bin, 'kubectl'), `#!/bin/sh
echo "$*" >> '${log}'
case "$1" in
  cluster-info) ${o.reachable ? 'exit 0' : 'exit 1'} ;;
  get) case " ${o.secrets.join(' ')} " in *" $3 "*) exit 0 ;; *) exit 1 ;; esac ;;
  rollout) ${o.rolloutFails ? 'exit 1' : 'exit 0'} ;;
esac
exit 0
`);
  chmodSync(join(bin, 'kubectl'), 0o755);
  writeFileSync(log, '');
  return { bin, log };
}

function run(args: string[], path: string): { code: number; output: string } {
  try {
    return { code: 0, output: execFileSync('bash', [script, ...args], { encoding: 'utf8', stdio: 'pipe', env: { PATH: path } }) };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, output: err.stdout + err.stderr };
  }
}

/** Every Secret the fixture's pods read: Grafana's admin Secret and the receivers' credentials. */
const receiverSecrets = [...new Set(model.alerting.receivers.flatMap((r) => r.notifiers.flatMap((n) =>
  n.kind === 'slack' ? [n.apiUrl.secret] : n.kind === 'pagerduty' ? [n.routingKey.secret] : n.kind === 'webhook' && n.bearerToken ? [n.bearerToken.secret] : [])))];
const allSecrets = [model.deploy.grafanaAdminSecret, ...receiverSecrets];
const ns = model.monitoringNamespace;
const systemPath = '/usr/bin:/bin';
/** Deployment names in the order of the numbered manifests. */
const deployments = docsOf(out, 'kubernetes/').filter((d) => !d.path.includes('/operator/') && d.doc.kind === 'Deployment').map((d) => d.doc.metadata.name);

test('the fixture exercises every kind of credential and a non-default Secret and namespace', () => {
  assert.ok(receiverSecrets.length >= 3, 'Slack, PagerDuty and webhook Secrets');
  assert.is.not(model.deploy.grafanaAdminSecret, 'grafana-admin');
  assert.is.not(ns, 'monitoring');
});

test('fails clearly when kubectl is missing', () => {
  const empty = mkdtempSync(join(dir, 'no-kubectl-'));
  for (const tool of ['dirname', 'bash']) { try { execFileSync('ln', ['-s', execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), join(empty, tool)]); } catch { /* present */ } }
  const r = run([], empty);
  assert.is(r.code, 1);
  assert.match(r.output, /kubectl not found on PATH/);
});

test('fails before applying anything when a Secret is missing, and prints the command', () => {
  const admin = model.deploy.grafanaAdminSecret;
  const k = fakeKubectl({ reachable: true, secrets: allSecrets.filter((s) => s !== admin) });
  const r = run([], `${k.bin}:${systemPath}`);
  assert.is(r.code, 1);
  assert.ok(r.output.includes(`Secret ${admin} is missing in namespace ${ns}`), r.output);
  assert.ok(r.output.includes(`kubectl create secret generic ${admin} -n ${ns} --from-literal=admin-user=admin`), r.output);
  assert.not.match(readFileSync(k.log, 'utf8'), /apply/);
  for (const secret of receiverSecrets) {
    const without = fakeKubectl({ reachable: true, secrets: allSecrets.filter((s) => s !== secret) });
    const missing = run([], `${without.bin}:${systemPath}`);
    assert.is(missing.code, 1, secret);
    assert.ok(missing.output.includes(`Secret ${secret} is missing in namespace ${ns}`), missing.output);
    assert.not.match(readFileSync(without.log, 'utf8'), /apply/);
  }
});

test('applies the numbered manifests in order and waits for every Deployment', () => {
  const k = fakeKubectl({ reachable: true, secrets: allSecrets });
  const r = run(['--timeout', '60'], `${k.bin}:${systemPath}`);
  assert.is(r.code, 0, r.output);
  const calls = readFileSync(k.log, 'utf8').trim().split('\n');
  const applied = calls.filter((c) => c.startsWith('apply')).map((c) => c.slice(c.lastIndexOf('/') + 1));
  assert.equal(applied, [...out.keys()].filter((p) => /^kubernetes\/\d\d-/.test(p)).map((p) => p.slice('kubernetes/'.length)));
  assert.ok(deployments.length >= 5, 'Prometheus, Alertmanager, Grafana and the exporters are Deployments');
  assert.equal(calls.filter((c) => c.startsWith('rollout')).map((c) => c.split(' ')[2]), deployments.map((d) => `deployment/${d}`));
  assert.ok(calls.filter((c) => c.startsWith('rollout')).every((c) => c.includes('--timeout=60s') && c.includes(`-n ${ns}`)));
  assert.ok(r.output.includes(`kubectl port-forward -n ${ns} svc/grafana 3000:3000`), r.output);
});

test('a Deployment that does not become ready fails the script with what to look at', () => {
  const k = fakeKubectl({ reachable: true, secrets: allSecrets, rolloutFails: true });
  const r = run([], `${k.bin}:${systemPath}`);
  assert.is(r.code, 1);
  assert.ok(r.output.includes(`${deployments[0]} did not become ready within 300s`), r.output);
});

test('--dry-run is server-side when a cluster is reachable, client-side otherwise, and never waits', () => {
  const server = fakeKubectl({ reachable: true, secrets: allSecrets });
  assert.is(run(['--dry-run'], `${server.bin}:${systemPath}`).code, 0);
  const serverCalls = readFileSync(server.log, 'utf8');
  assert.match(serverCalls, /apply --dry-run=server -f/);
  assert.not.match(serverCalls, /rollout/);
  const client = fakeKubectl({ reachable: false, secrets: [] });
  const r = run(['--dry-run'], `${client.bin}:${systemPath}`);
  assert.is(r.code, 0, r.output);
  assert.match(readFileSync(client.log, 'utf8'), /apply --dry-run=client -f/);
});

test('--operator applies only the operator resources', () => {
  const k = fakeKubectl({ reachable: true, secrets: [] });
  assert.is(run(['--operator'], `${k.bin}:${systemPath}`).code, 0);
  const applied = readFileSync(k.log, 'utf8').split('\n').filter((c) => c.startsWith('apply'));
  const operatorFiles = [...out.keys()].filter((p) => p.startsWith('kubernetes/operator/')).map((p) => p.slice('kubernetes/'.length));
  assert.equal(operatorFiles, ['operator/10-prometheus-rule.yaml', 'operator/20-pod-monitor.yaml']);
  assert.equal(applied.map((c) => c.slice(c.indexOf('operator/'))), operatorFiles);
});

test.run();
