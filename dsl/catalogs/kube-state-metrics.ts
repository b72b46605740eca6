// kube-state-metrics v2 series a stack's Kubernetes alerts and panels may query: the STABLE series of the resources a
// kubernetes-mixin-style rule set watches, plus a few EXPERIMENTAL ones marked as such. Names, types and labels are
// those of kube-state-metrics' docs/metrics/ (workload/pod-, deployment-, statefulset-, daemonset-, replicaset-,
// job-, cronjob-, horizontalpodautoscaler-metrics.md; cluster/node-metrics.md; storage/persistentvolumeclaim-
// metrics.md, persistentvolume-metrics.md; policy/resourcequota-metrics.md; cluster/namespace-metrics.md) as published
// for v2.20.0, the image the manifests deploy. The *_labels and *_annotations series are left out: their
// label_*/annotation_* names depend on the deployment's allowlists. Label values are not part of the type; their documented values are noted where useful.
// v2 renamed the HPA family: kube_hpa_* (v1) is kube_horizontalpodautoscaler_* with label `horizontalpodautoscaler`.
import { catalog, counterSeries, gaugeSeries } from '../catalog.ts';

// a Kubernetes condition's status, which kube-state-metrics writes as one series per value (1 for the current one)
const conditionStatus = ['true', 'false', 'unknown'] as const;
const pod = ['namespace', 'pod', 'uid'] as const;
const container = [...pod, 'container'] as const;
const owner = ['owner_kind', 'owner_name', 'owner_is_controller'] as const;
const deployment = ['namespace', 'deployment'] as const;
const statefulset = ['namespace', 'statefulset'] as const;
const daemonset = ['namespace', 'daemonset'] as const;
const replicaset = ['namespace', 'replicaset'] as const;
// a Job's name is `job_name`: `job` is the scrape job's label
const job = ['namespace', 'job_name'] as const;
const cronjob = ['namespace', 'cronjob'] as const;
const hpa = ['namespace', 'horizontalpodautoscaler'] as const;
const pvc = ['namespace', 'persistentvolumeclaim'] as const;
const pv = ['persistentvolume'] as const;

export const kubeStateMetrics = catalog('kube-state-metrics', {
  // pods: docs/metrics/workload/pod-metrics.md
  kube_pod_info: gaugeSeries('Information about a pod', [...pod, 'node', 'host_ip', 'pod_ip', 'created_by_kind', 'created_by_name', 'priority_class', 'host_network']),
  kube_pod_owner: gaugeSeries('Information about the pod\'s owner', [...pod, ...owner]),
  kube_pod_created: gaugeSeries('Unix creation timestamp of a pod, in seconds', pod),
  kube_pod_start_time: gaugeSeries('Start time of a pod, as a Unix timestamp in seconds', pod),
  kube_pod_status_phase: gaugeSeries('The pod\'s current phase (1 for the current phase)', [...pod, 'phase'], { phase: ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] }),
  kube_pod_status_ready: gaugeSeries('Whether the pod is ready to serve requests', [...pod, 'condition'], { condition: conditionStatus }),
  kube_pod_status_scheduled: gaugeSeries('Status of the scheduling of the pod (condition true, false or unknown)', [...pod, 'condition'], { condition: conditionStatus }),
  kube_pod_status_unschedulable: gaugeSeries('Whether the pod is unschedulable', pod),
  /** EXPERIMENTAL in kube-state-metrics: why the pod is in its status, e.g. Evicted (1 for the current reason). */
  kube_pod_status_reason: gaugeSeries('The pod status reasons', [...pod, 'reason'], { reason: ['Evicted', 'NodeAffinity', 'NodeLost', 'Shutdown', 'UnexpectedAdmissionError'] }),
  kube_pod_container_info: gaugeSeries('Information about a container in a pod', [...container, 'image', 'image_id', 'image_spec', 'container_id']),
  kube_pod_container_status_restarts_total: counterSeries('Number of container restarts', container),
  kube_pod_container_status_ready: gaugeSeries('Whether the container\'s readiness check succeeded', container),
  kube_pod_container_status_running: gaugeSeries('Whether the container is running', container),
  kube_pod_container_status_waiting: gaugeSeries('Whether the container is waiting', container),
  kube_pod_container_status_waiting_reason: gaugeSeries('Why a container is waiting', [...container, 'reason']),
  kube_pod_container_status_terminated: gaugeSeries('Whether the container is terminated', container),
  /** EXPERIMENTAL in kube-state-metrics: the reason of the container's last termination, e.g. OOMKilled. */
  kube_pod_container_status_last_terminated_reason: gaugeSeries('The reason the container was last terminated', [...container, 'reason']),
  kube_pod_container_resource_requests: gaugeSeries('Resources requested by a container', [...container, 'node', 'resource', 'unit']),
  kube_pod_container_resource_limits: gaugeSeries('Resource limits of a container', [...container, 'node', 'resource', 'unit']),
  kube_pod_spec_volumes_persistentvolumeclaims_info: gaugeSeries('Persistent volume claims mounted by a pod', [...pod, 'volume', 'persistentvolumeclaim']),

  // deployments: docs/metrics/workload/deployment-metrics.md
  kube_deployment_created: gaugeSeries('Unix creation timestamp of a deployment, in seconds', deployment),
  kube_deployment_metadata_generation: gaugeSeries('Generation of the deployment\'s desired state', deployment),
  kube_deployment_spec_paused: gaugeSeries('Whether the deployment is paused', deployment),
  kube_deployment_spec_replicas: gaugeSeries('Desired number of pods of a deployment', deployment),
  kube_deployment_status_condition: gaugeSeries('Current status conditions of a deployment', [...deployment, 'reason', 'condition', 'status'], { status: conditionStatus }),
  kube_deployment_status_observed_generation: gaugeSeries('Generation observed by the deployment controller', deployment),
  kube_deployment_status_replicas: gaugeSeries('Number of pods of a deployment', deployment),
  kube_deployment_status_replicas_available: gaugeSeries('Number of available pods of a deployment', deployment),
  kube_deployment_status_replicas_ready: gaugeSeries('Number of ready pods of a deployment', deployment),
  kube_deployment_status_replicas_unavailable: gaugeSeries('Number of unavailable pods of a deployment', deployment),
  kube_deployment_status_replicas_updated: gaugeSeries('Number of updated pods of a deployment', deployment),

  // statefulsets: docs/metrics/workload/statefulset-metrics.md
  kube_statefulset_created: gaugeSeries('Unix creation timestamp of a statefulset, in seconds', statefulset),
  kube_statefulset_metadata_generation: gaugeSeries('Generation of the statefulset\'s desired state', statefulset),
  kube_statefulset_replicas: gaugeSeries('Desired number of pods of a statefulset', statefulset),
  kube_statefulset_status_current_revision: gaugeSeries('The statefulset\'s current revision (1 for the revision named)', [...statefulset, 'revision']),
  kube_statefulset_status_observed_generation: gaugeSeries('Generation observed by the statefulset controller', statefulset),
  kube_statefulset_status_replicas: gaugeSeries('Number of pods of a statefulset', statefulset),
  kube_statefulset_status_replicas_current: gaugeSeries('Number of pods of a statefulset at its current revision', statefulset),
  kube_statefulset_status_replicas_ready: gaugeSeries('Number of ready pods of a statefulset', statefulset),
  kube_statefulset_status_replicas_updated: gaugeSeries('Number of pods of a statefulset at its update revision', statefulset),
  kube_statefulset_status_update_revision: gaugeSeries('The statefulset\'s update revision (1 for the revision named)', [...statefulset, 'revision']),

  // daemonsets: docs/metrics/workload/daemonset-metrics.md
  kube_daemonset_created: gaugeSeries('Unix creation timestamp of a daemonset, in seconds', daemonset),
  kube_daemonset_metadata_generation: gaugeSeries('Generation of the daemonset\'s desired state', daemonset),
  kube_daemonset_status_current_number_scheduled: gaugeSeries('Number of nodes running at least one daemon pod that should', daemonset),
  kube_daemonset_status_desired_number_scheduled: gaugeSeries('Number of nodes that should run the daemon pod', daemonset),
  kube_daemonset_status_number_available: gaugeSeries('Number of nodes running an available daemon pod', daemonset),
  kube_daemonset_status_number_misscheduled: gaugeSeries('Number of nodes running a daemon pod that should not', daemonset),
  kube_daemonset_status_number_ready: gaugeSeries('Number of nodes running a ready daemon pod', daemonset),
  kube_daemonset_status_number_unavailable: gaugeSeries('Number of nodes that should run the daemon pod and have none available', daemonset),
  kube_daemonset_status_observed_generation: gaugeSeries('Generation observed by the daemonset controller', daemonset),
  kube_daemonset_status_updated_number_scheduled: gaugeSeries('Number of nodes running the updated daemon pod', daemonset),

  // replicasets, for kube_pod_owner → deployment joins: docs/metrics/workload/replicaset-metrics.md
  kube_replicaset_owner: gaugeSeries('Information about the replicaset\'s owner', [...replicaset, ...owner]),
  kube_replicaset_spec_replicas: gaugeSeries('Desired number of pods of a replicaset', replicaset),
  kube_replicaset_status_ready_replicas: gaugeSeries('Number of ready pods of a replicaset', replicaset),
  kube_replicaset_status_replicas: gaugeSeries('Number of pods of a replicaset', replicaset),

  // jobs: docs/metrics/workload/job-metrics.md
  kube_job_complete: gaugeSeries('Whether the job has completed (condition true, false or unknown)', [...job, 'condition'], { condition: conditionStatus }),
  kube_job_created: gaugeSeries('Unix creation timestamp of a job, in seconds', job),
  kube_job_failed: gaugeSeries('Whether the job has failed (condition true, false or unknown)', [...job, 'condition'], { condition: conditionStatus }),
  kube_job_info: gaugeSeries('Information about a job', job),
  kube_job_owner: gaugeSeries('Information about the job\'s owner', [...job, ...owner]),
  kube_job_spec_active_deadline_seconds: gaugeSeries('Seconds the job may be active before it is terminated', job),
  kube_job_spec_completions: gaugeSeries('Desired number of successfully finished pods of a job', job),
  kube_job_spec_parallelism: gaugeSeries('Most pods of a job running at once', job),
  kube_job_status_active: gaugeSeries('Number of actively running pods of a job', job),
  kube_job_status_completion_time: gaugeSeries('Completion time of a job, as a Unix timestamp in seconds', job),
  kube_job_status_failed: gaugeSeries('Number of failed pods of a job', [...job, 'reason']),
  kube_job_status_start_time: gaugeSeries('Start time of a job, as a Unix timestamp in seconds', job),
  kube_job_status_succeeded: gaugeSeries('Number of succeeded pods of a job', job),

  // cronjobs: docs/metrics/workload/cronjob-metrics.md
  kube_cronjob_created: gaugeSeries('Unix creation timestamp of a cronjob, in seconds', cronjob),
  kube_cronjob_info: gaugeSeries('Information about a cronjob', [...cronjob, 'schedule', 'concurrency_policy', 'timezone']),
  kube_cronjob_next_schedule_time: gaugeSeries('Next time the cronjob is scheduled, as a Unix timestamp in seconds', cronjob),
  kube_cronjob_spec_starting_deadline_seconds: gaugeSeries('Deadline in seconds for starting a job that missed its time', cronjob),
  kube_cronjob_spec_suspend: gaugeSeries('Whether the cronjob is suspended', cronjob),
  kube_cronjob_status_active: gaugeSeries('Number of running jobs of a cronjob', cronjob),
  kube_cronjob_status_last_schedule_time: gaugeSeries('Last time a job of the cronjob was scheduled, as a Unix timestamp in seconds', cronjob),
  kube_cronjob_status_last_successful_time: gaugeSeries('Last time a job of the cronjob succeeded, as a Unix timestamp in seconds', cronjob),

  // nodes: docs/metrics/cluster/node-metrics.md
  kube_node_created: gaugeSeries('Unix creation timestamp of a node, in seconds', ['node']),
  kube_node_info: gaugeSeries('Information about a node', ['node', 'kernel_version', 'os_image', 'container_runtime_version', 'kubelet_version', 'kubeproxy_version', 'pod_cidr', 'provider_id', 'system_uuid', 'internal_ip']),
  kube_node_spec_taint: gaugeSeries('A taint of a node', ['node', 'key', 'value', 'effect']),
  kube_node_spec_unschedulable: gaugeSeries('Whether a node can schedule new pods', ['node']),
  kube_node_status_allocatable: gaugeSeries('Resources of a node allocatable to pods (resource cpu in cores, memory in bytes, pods, …)', ['node', 'resource', 'unit']),
  kube_node_status_capacity: gaugeSeries('Total resources of a node (resource cpu in cores, memory in bytes, pods, …)', ['node', 'resource', 'unit']),
  kube_node_status_condition: gaugeSeries('The condition of a node (1 for the current status)', ['node', 'condition', 'status'], { status: conditionStatus }),

  // horizontal pod autoscalers: docs/metrics/workload/horizontalpodautoscaler-metrics.md
  kube_horizontalpodautoscaler_metadata_generation: gaugeSeries('Generation of the autoscaler\'s desired state', hpa),
  kube_horizontalpodautoscaler_spec_max_replicas: gaugeSeries('Upper limit of pods the autoscaler can set', hpa),
  kube_horizontalpodautoscaler_spec_min_replicas: gaugeSeries('Lower limit of pods the autoscaler can set', hpa),
  kube_horizontalpodautoscaler_status_condition: gaugeSeries('The condition of the autoscaler (1 for the current status)', [...hpa, 'condition', 'status'], { status: conditionStatus }),
  kube_horizontalpodautoscaler_status_current_replicas: gaugeSeries('Current number of pods managed by the autoscaler', hpa),
  kube_horizontalpodautoscaler_status_desired_replicas: gaugeSeries('Desired number of pods managed by the autoscaler', hpa),

  // persistent volume claims: docs/metrics/storage/persistentvolumeclaim-metrics.md
  kube_persistentvolumeclaim_access_mode: gaugeSeries('An access mode of a persistent volume claim', [...pvc, 'access_mode']),
  kube_persistentvolumeclaim_info: gaugeSeries('Information about a persistent volume claim', [...pvc, 'storageclass', 'volumename', 'volumemode']),
  kube_persistentvolumeclaim_resource_requests_storage_bytes: gaugeSeries('Storage requested by a persistent volume claim, in bytes', pvc),
  kube_persistentvolumeclaim_status_phase: gaugeSeries('The phase of a persistent volume claim', [...pvc, 'phase'], { phase: ['Lost', 'Bound', 'Pending'] }),

  // persistent volumes (kubernetes-mixin's KubePersistentVolumeErrors): docs/metrics/storage/persistentvolume-metrics.md
  kube_persistentvolume_capacity_bytes: gaugeSeries('Capacity of a persistent volume, in bytes', pv),
  kube_persistentvolume_claim_ref: gaugeSeries('The claim a persistent volume is bound to', [...pv, 'claim_namespace', 'name']),
  kube_persistentvolume_info: gaugeSeries('Information about a persistent volume', [...pv, 'storageclass', 'gce_persistent_disk_name', 'host_path', 'host_path_type', 'ebs_volume_id', 'azure_disk_name', 'fc_wwids', 'fc_lun', 'fc_target_wwns', 'iscsi_target_portal', 'iscsi_iqn', 'iscsi_lun', 'iscsi_initiator_name', 'local_path', 'local_fs', 'nfs_server', 'nfs_path', 'csi_driver', 'csi_volume_handle', 'reclaim_policy']),
  kube_persistentvolume_status_phase: gaugeSeries('The phase of a persistent volume (1 for the current phase)', [...pv, 'phase'], { phase: ['Bound', 'Failed', 'Pending', 'Available', 'Released'] }),

  // resource quotas (kubernetes-mixin's KubeQuotaAlmostFull, KubeQuotaExceeded, KubeCPUQuotaOvercommit):
  // docs/metrics/policy/resourcequota-metrics.md; `type` is the quota's hard limit or what is used of it
  kube_resourcequota: gaugeSeries('A resource quota\'s hard limit or usage of one resource', ['namespace', 'resourcequota', 'resource', 'type'], { type: ['hard', 'used'] }),
  kube_resourcequota_created: gaugeSeries('Unix creation timestamp of a resource quota, in seconds', ['namespace', 'resourcequota']),

  // namespaces: docs/metrics/cluster/namespace-metrics.md
  kube_namespace_created: gaugeSeries('Unix creation timestamp of a namespace, in seconds', ['namespace']),
  kube_namespace_status_phase: gaugeSeries('The phase of a namespace (1 for the current phase)', ['namespace', 'phase'], { phase: ['Active', 'Terminating'] }),
});
