// The shipped kube-state-metrics catalog: a kubernetes-mixin-style rule set over it compiles without a false positive,
// its recording rules' derived tests pass promtool, and every series belongs to a resource the deploy can collect.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { kubeStateMetrics as ksm } from '../../dsl/catalogs/kube-state-metrics.ts';
import { alert, promql, record, ruleGroup, stack } from '../../dsl/index.ts';
import type { AlertDefinition, Recording } from '../../dsl/rules.ts';
import { kubeStateMetricsManifests, kubeStateResources, kubeStateResourcesOf } from '../../compiler/emit/kubernetes/exporters.ts';
import { toModel } from '../../dsl/to-model.ts';
import { issuesOf } from '../helpers/stack.ts';
import { passesPromtool, testOf } from './helpers.ts';

const k8s = (name: string, rules: readonly (Recording<string> | AlertDefinition)[]) =>
  stack(name, { namespace: name, metrics: [], catalogs: [ksm], groups: [ruleGroup('kubernetes', { rules: [...rules] })] });
const warn = (name: string, expr: ReturnType<typeof promql>) => alert({ name, expr, for: '15m', severity: 'warning', summary: name, description: name });

test('every series name is a Prometheus name, declared once, and of a resource stackc knows how to collect', () => {
  const names = ksm.entries.map((e) => e.name);
  assert.is(new Set(names).size, names.length);
  for (const n of names) assert.match(n, /^kube_[a-z]+(_[a-z_]+)?$/);
  for (const n of names) assert.ok(Object.keys(kubeStateResources).some((prefix) => n.startsWith(prefix)), `${n} has no resource`);
  assert.equal(issuesOf(k8s('ksm', [])).filter((i) => i.code.startsWith('deploy/')), []);
});

test('kube-state-metrics collects only the resources of the series the stack queries (least privilege), and is not deployed for none', () => {
  const queried = toModel(k8s('some', [
    warn('PodPending', promql`kube_pod_status_phase{phase="Pending"} > 0`),
    warn('JobFailed', promql`kube_job_status_failed > 0`),
  ]));
  assert.equal(kubeStateResourcesOf(queried).map((r) => r.resource), ['jobs', 'pods']);
  assert.equal(kubeStateResourcesOf(toModel(k8s('none', []))), []);
  assert.equal(kubeStateMetricsManifests(toModel(k8s('none', []))), []);
});

test('alerts in the style of the kubernetes-mixin over the catalog have no PromQL issue', () => {
  const issues = issuesOf(k8s('mixin', [
    warn('PodCrashLooping', promql`increase(kube_pod_container_status_restarts_total[10m]) > 0 and kube_pod_container_status_waiting == 1`),
    warn('PodNotReady', promql`sum by (namespace, pod) (max by (namespace, pod) (kube_pod_status_phase{phase=~"Pending|Unknown|Failed"}) * on (namespace, pod) group_left (owner_kind) topk by (namespace, pod) (1, max by (namespace, pod, owner_kind) (kube_pod_owner{owner_kind!="Job"}))) > 0`),
    warn('DeploymentGenerationMismatch', promql`kube_deployment_status_observed_generation != kube_deployment_metadata_generation`),
    warn('DeploymentReplicasMismatch', promql`(kube_deployment_spec_replicas > kube_deployment_status_replicas_available) and (changes(kube_deployment_status_replicas_updated[10m]) == 0)`),
    warn('StatefulSetReplicasMismatch', promql`(kube_statefulset_status_replicas_ready != kube_statefulset_status_replicas) and (changes(kube_statefulset_status_replicas_updated[10m]) == 0)`),
    warn('StatefulSetUpdateNotRolledOut', promql`max without (revision) (kube_statefulset_status_current_revision unless kube_statefulset_status_update_revision) * (kube_statefulset_replicas != kube_statefulset_status_replicas_updated)`),
    warn('DaemonSetRolloutStuck', promql`(kube_daemonset_status_current_number_scheduled != kube_daemonset_status_desired_number_scheduled) or (kube_daemonset_status_number_misscheduled != 0) or (kube_daemonset_status_updated_number_scheduled != kube_daemonset_status_desired_number_scheduled) or (kube_daemonset_status_number_available != kube_daemonset_status_desired_number_scheduled)`),
    warn('ContainerWaiting', promql`sum by (namespace, pod, container) (kube_pod_container_status_waiting_reason) > 0`),
    warn('JobNotCompleted', promql`kube_job_spec_completions - kube_job_status_succeeded > 0`),
    warn('JobFailed', promql`kube_job_failed{condition="true"} > 0`),
    warn('CronJobLate', promql`time() - kube_cronjob_status_last_schedule_time > 3600`),
    warn('HpaReplicasMismatch', promql`(kube_horizontalpodautoscaler_status_desired_replicas != kube_horizontalpodautoscaler_status_current_replicas) and (kube_horizontalpodautoscaler_status_current_replicas > kube_horizontalpodautoscaler_spec_min_replicas)`),
    warn('NodeNotReady', promql`kube_node_status_condition{condition="Ready", status="true"} == 0`),
    warn('NodeUnreachable', promql`(kube_node_spec_taint{key="node.kubernetes.io/unreachable", effect="NoSchedule"} unless ignoring (key, value) kube_node_spec_taint{key=~"ToBeDeletedByClusterAutoscaler|cloud.google.com/impending-node-termination|aws-node-termination-handler/spot-itn"}) == 1`),
    warn('CpuOvercommit', promql`sum(kube_pod_container_resource_requests{resource="cpu"}) - (sum(kube_node_status_allocatable{resource="cpu"}) - max(kube_node_status_allocatable{resource="cpu"})) > 0`),
    warn('PersistentVolumeClaimPending', promql`kube_persistentvolumeclaim_status_phase{phase="Pending"} == 1`),
    warn('PersistentVolumeErrors', promql`kube_persistentvolume_status_phase{phase=~"Failed|Pending"} > 0`),
    warn('QuotaAlmostFull', promql`kube_resourcequota{type="used"} / ignoring (instance, job, type) (kube_resourcequota{type="hard"} > 0) > 0.9 < 1`),
    warn('PodEvicted', promql`sum by (namespace, pod) (kube_pod_status_reason{reason="Evicted"}) > 0`),
    // pod → deployment through its replicaset: label_replace() is not evaluated by the derived tests, so only checked here
    record('namespace_workload_pod:kube_pod_owner:relabel', promql`max by (namespace, workload, pod) (label_replace(label_replace(kube_pod_owner{owner_kind="ReplicaSet"}, "replicaset", "$1", "owner_name", "(.*)") * on (replicaset, namespace) group_left (owner_name) topk by (replicaset, namespace) (1, max by (replicaset, namespace, owner_name) (kube_replicaset_owner{owner_kind="Deployment"})), "workload", "$1", "owner_name", "(.*)"))`),
    warn('ContainerOOMKilled', promql`kube_pod_container_status_last_terminated_reason{reason="OOMKilled"} == 1`),
  ])).filter((i) => !i.code.startsWith('rule-tests/'));
  assert.equal(issues.map((i) => `${i.code}: ${i.message}`), []);
});

test('mixin-style recording rules (requests and allocatable per namespace and node) compile and their derived tests pass promtool', async () => {
  const tests = await passesPromtool(k8s('mixinrules', [
    record('namespace:kube_pod_container_resource_requests_cpu_cores:sum', promql`sum by (namespace) (kube_pod_container_resource_requests{resource="cpu"})`),
    record('node:kube_node_status_allocatable_memory_bytes:sum', promql`sum by (node) (kube_node_status_allocatable{resource="memory"})`),
    record('namespace:kube_statefulset_replicas_not_ready:sum', promql`sum by (namespace) (kube_statefulset_replicas - kube_statefulset_status_replicas_ready)`),
  ]));
  assert.ok(testOf(tests, 'namespace:kube_pod_container_resource_requests_cpu_cores:sum').promql_expr_test[0]!.exp_samples.length > 0);
});

test('the true defects of the same kind still fail: a v1 name, a label another resource has, rate over a gauge', () => {
  const codes = (expr: ReturnType<typeof promql>) => issuesOf(k8s('bad', [warn('Bad', expr)])).filter((i) => !i.code.startsWith('rule-tests/')).map((i) => `${i.code}: ${i.message}`);
  assert.match(codes(promql`kube_daemonset_updated_number_scheduled > 0`).join('\n'), /promql\/unknown-series: series "kube_daemonset_updated_number_scheduled"/);
  assert.match(codes(promql`kube_job_failed{job="x"} > 0`).join('\n'), /^$/, 'job is the scrape job\'s label: it exists');
  assert.match(codes(promql`sum by (job_name) (kube_cronjob_status_active) > 0`).join('\n'), /label "job_name" does not exist/);
  assert.match(codes(promql`rate(kube_job_status_failed[5m]) > 0`).join('\n'), /promql\/rate-over-gauge/);
});

test.run();
