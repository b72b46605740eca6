// kube-state-metrics v2 series a stack's Kubernetes alerts and panels may query.
// v2 renamed the HPA family: kube_hpa_* (v1) is kube_horizontalpodautoscaler_* with label `horizontalpodautoscaler`.
import { catalog, counterSeries, gaugeSeries } from '../catalog.ts';

const pod = ['namespace', 'pod', 'uid'] as const;
const hpa = ['namespace', 'horizontalpodautoscaler'] as const;
const deployment = ['namespace', 'deployment'] as const;

export const kubeStateMetrics = catalog('kube-state-metrics', {
  kube_pod_info: gaugeSeries('Information about a pod', [...pod, 'node', 'host_ip', 'pod_ip', 'created_by_kind', 'created_by_name', 'priority_class', 'host_network']),
  kube_pod_status_phase: gaugeSeries('The pod\'s current phase (1 for the current phase)', [...pod, 'phase']),
  kube_pod_status_ready: gaugeSeries('Whether the pod is ready to serve requests', [...pod, 'condition']),
  kube_pod_container_status_restarts_total: counterSeries('Number of container restarts', [...pod, 'container']),
  kube_pod_container_status_ready: gaugeSeries('Whether the container\'s readiness check succeeded', [...pod, 'container']),
  kube_pod_container_status_waiting_reason: gaugeSeries('Why a container is waiting', [...pod, 'container', 'reason']),
  kube_pod_container_resource_requests: gaugeSeries('Resources requested by a container', [...pod, 'container', 'node', 'resource', 'unit']),
  kube_pod_container_resource_limits: gaugeSeries('Resource limits of a container', [...pod, 'container', 'node', 'resource', 'unit']),
  kube_node_info: gaugeSeries('Information about a node', ['node', 'kernel_version', 'os_image', 'container_runtime_version', 'kubelet_version', 'provider_id', 'internal_ip']),
  kube_node_status_condition: gaugeSeries('The condition of a node (1 for the current status)', ['node', 'condition', 'status']),
  kube_node_spec_unschedulable: gaugeSeries('Whether a node can schedule new pods', ['node']),
  kube_deployment_spec_replicas: gaugeSeries('Desired number of pods of a deployment', deployment),
  kube_deployment_status_replicas: gaugeSeries('Number of pods of a deployment', deployment),
  kube_deployment_status_replicas_available: gaugeSeries('Number of available pods of a deployment', deployment),
  kube_deployment_status_replicas_unavailable: gaugeSeries('Number of unavailable pods of a deployment', deployment),
  kube_horizontalpodautoscaler_spec_min_replicas: gaugeSeries('Lower limit of pods the autoscaler can set', hpa),
  kube_horizontalpodautoscaler_spec_max_replicas: gaugeSeries('Upper limit of pods the autoscaler can set', hpa),
  kube_horizontalpodautoscaler_status_current_replicas: gaugeSeries('Current number of pods managed by the autoscaler', hpa),
  kube_horizontalpodautoscaler_status_desired_replicas: gaugeSeries('Desired number of pods managed by the autoscaler', hpa),
  kube_persistentvolumeclaim_status_phase: gaugeSeries('The phase of a persistent volume claim', ['namespace', 'persistentvolumeclaim', 'phase']),
});
