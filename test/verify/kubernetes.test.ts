// The Kubernetes schema judge on the fixture stack: every manifest validates; a field of the wrong type or a kind
// without a published schema fails, naming the file, line and object.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { checkManifests, schemaModule } from '../../compiler/verify/kubernetes-schemas.ts';
import { describe, judgeFixture, queueStack } from './helpers.ts';

const { stack, files } = queueStack;
const manifests = [...files].filter(([p]) => p.startsWith('kubernetes/') && p.endsWith('.yaml'));
const deployment = manifests.find(([, t]) => /^kind: Deployment$/m.test(t))!;
const podMonitor = manifests.find(([, t]) => /^kind: PodMonitor$/m.test(t))!;

test('the schema judge passes on the fixture and counts every manifest', async () => {
  const v = await judgeFixture(checkManifests);
  assert.is(v.status, 'passed', describe(v));
  const count = manifests.reduce((n, [, t]) => n + parseAllDocuments(t).filter((d) => d.contents !== null).length, 0);
  assert.is(v.summary, `${count} manifests in ${manifests.length} files`);
});

test('operator resources are judged by the prometheus-operator models, the rest by kubernetes-models', () => {
  assert.is(schemaModule('monitoring.coreos.com/v1'), '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1');
  assert.is(schemaModule('apps/v1'), 'kubernetes-models/apps/v1');
  assert.is(schemaModule('v1'), 'kubernetes-models/v1');
});

test('a Deployment whose replicas is a string fails, at the deploy settings, naming the object', async () => {
  const [path] = deployment;
  const v = await judgeFixture(checkManifests, (f) => f.set(path, f.get(path)!.replace(/replicas: \d+/, 'replicas: "two"')));
  assert.is(v.status, 'failed');
  assert.is(v.failures.length, 1, describe(v));
  assert.match(v.failures[0]!.message, new RegExp(`^${path}:\\d+: Deployment/\\S+: .*replicas must be integer`));
  assert.equal(v.failures[0]!.where, stack.deploy.source);
});

test('an operator resource with a wrong field fails by the operator\'s schema', async () => {
  const [path] = podMonitor;
  // the operator's CRDs (and so its published schemas) accept unknown fields, which the API server prunes: a value
  // of the wrong kind is what they catch
  const v = await judgeFixture(checkManifests, (f) => f.set(path, f.get(path)!.replace(/scheme: http\b/, 'scheme: ftp')));
  assert.is(v.status, 'failed');
  assert.match(v.failures[0]!.message, /PodMonitor\/.*podMetricsEndpoints\/0\/scheme/);
});

test('a kind without a published schema fails instead of going unchecked', async () => {
  const v = await judgeFixture(checkManifests, (f) => f.set('kubernetes/99-extra.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n'));
  assert.is(v.status, 'failed');
  assert.match(v.failures[0]!.message, 'kubernetes/99-extra.yaml:1: no published schema for example.com/v1 Widget (Widget/w)');
});

test.run();
