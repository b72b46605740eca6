// Series the kubelet exposes: cAdvisor's container metrics (/metrics/cadvisor) and the kubelet's own (/metrics), the
// ones kubernetes-mixin's rules and dashboards read. Names, types and labels are those of the Kubernetes metrics
// reference (kubernetes/website docs/reference/instrumentation/metrics.md) and cAdvisor's docs/storage/prometheus.md;
// the kubelet cannot run here, so nothing checks them against a live one.
import { catalog, counterSeries, gaugeSeries, histogramSeries } from '../catalog.ts';

// cAdvisor labels every container series with the pod's and container's names and the cgroup's id and image
const container = ['namespace', 'pod', 'container', 'id', 'image', 'name'] as const;
const pvc = ['namespace', 'persistentvolumeclaim'] as const;

export const kubelet = catalog('kubelet', {
  // cAdvisor: CPU
  container_cpu_usage_seconds_total: counterSeries('Cumulative CPU time consumed, in seconds', [...container, 'cpu']),
  container_cpu_cfs_periods_total: counterSeries('Number of elapsed enforcement periods', container),
  container_cpu_cfs_throttled_periods_total: counterSeries('Number of throttled period intervals', container),
  container_cpu_cfs_throttled_seconds_total: counterSeries('Total time duration the container has been throttled, in seconds', container),
  container_spec_cpu_quota: gaugeSeries('CPU quota of the container', container),
  container_spec_cpu_period: gaugeSeries('CPU period of the container', container),
  // cAdvisor: memory
  container_memory_working_set_bytes: gaugeSeries('Current working set, in bytes', container),
  container_memory_usage_bytes: gaugeSeries('Current memory usage including cache, in bytes', container),
  container_memory_rss: gaugeSeries('Size of RSS, in bytes', container),
  container_memory_cache: gaugeSeries('Number of bytes of page cache memory', container),
  container_memory_swap: gaugeSeries('Container swap usage, in bytes', container),
  container_spec_memory_limit_bytes: gaugeSeries('Memory limit of the container, in bytes', container),
  container_oom_events_total: counterSeries('Count of out-of-memory events observed for the container', container),
  // cAdvisor: network (per pod sandbox) and filesystem
  container_network_receive_bytes_total: counterSeries('Cumulative bytes received', [...container, 'interface']),
  container_network_transmit_bytes_total: counterSeries('Cumulative bytes transmitted', [...container, 'interface']),
  container_network_receive_packets_total: counterSeries('Cumulative packets received', [...container, 'interface']),
  container_network_transmit_packets_total: counterSeries('Cumulative packets transmitted', [...container, 'interface']),
  container_network_receive_packets_dropped_total: counterSeries('Cumulative packets dropped while receiving', [...container, 'interface']),
  container_network_transmit_packets_dropped_total: counterSeries('Cumulative packets dropped while transmitting', [...container, 'interface']),
  container_fs_reads_bytes_total: counterSeries('Cumulative bytes read', [...container, 'device']),
  container_fs_writes_bytes_total: counterSeries('Cumulative bytes written', [...container, 'device']),
  container_fs_reads_total: counterSeries('Cumulative reads completed', [...container, 'device']),
  container_fs_writes_total: counterSeries('Cumulative writes completed', [...container, 'device']),
  // cAdvisor: the machine
  machine_cpu_cores: gaugeSeries('Number of logical CPU cores', ['boot_id', 'machine_id', 'system_uuid']),
  machine_memory_bytes: gaugeSeries('Amount of memory installed on the machine, in bytes', ['boot_id', 'machine_id', 'system_uuid']),

  // kubelet: volumes of persistent volume claims (kubernetes-mixin's KubePersistentVolumeFillingUp, …InodesFillingUp)
  kubelet_volume_stats_used_bytes: gaugeSeries('Bytes used in the volume', pvc),
  kubelet_volume_stats_capacity_bytes: gaugeSeries('Capacity in bytes of the volume', pvc),
  kubelet_volume_stats_available_bytes: gaugeSeries('Bytes available in the volume', pvc),
  kubelet_volume_stats_inodes: gaugeSeries('Maximum number of inodes in the volume', pvc),
  kubelet_volume_stats_inodes_free: gaugeSeries('Number of free inodes in the volume', pvc),
  kubelet_volume_stats_inodes_used: gaugeSeries('Number of used inodes in the volume', pvc),
  // kubelet: pods and their lifecycle (KubeletTooManyPods, KubeletPlegDurationHigh, KubeletPodStartUpLatencyHigh)
  kubelet_node_name: gaugeSeries('The node\'s name; the count is always 1', ['node']),
  kubelet_running_pods: gaugeSeries('Number of pods that have a running pod sandbox', []),
  kubelet_running_containers: gaugeSeries('Number of containers currently running', ['container_state']),
  kubelet_pleg_relist_duration_seconds: histogramSeries('Duration in seconds for relisting pods in PLEG', []),
  kubelet_pleg_relist_interval_seconds: histogramSeries('Interval in seconds between relisting in PLEG', []),
  kubelet_pod_start_duration_seconds: histogramSeries('Duration in seconds from the kubelet seeing a pod for the first time to the pod starting to run', []),
  kubelet_pod_worker_duration_seconds: histogramSeries('Duration in seconds to sync a single pod, by operation type', ['operation_type']),
  kubelet_runtime_operations_total: counterSeries('Cumulative number of runtime operations by operation type', ['operation_type']),
  kubelet_runtime_operations_errors_total: counterSeries('Cumulative number of runtime operation errors by operation type', ['operation_type']),
  kubelet_runtime_operations_duration_seconds: histogramSeries('Duration in seconds of runtime operations, by operation type', ['operation_type']),
  kubelet_cgroup_manager_duration_seconds: histogramSeries('Duration in seconds for cgroup manager operations, by method', ['operation_type']),
  // kubelet: certificates (KubeletClientCertificateExpiration, KubeletServerCertificateRenewalErrors)
  kubelet_certificate_manager_client_ttl_seconds: gaugeSeries('Seconds until the kubelet\'s client certificate expires', []),
  kubelet_certificate_manager_client_expiration_renew_errors: counterSeries('Counter of certificate renewal errors', []),
  kubelet_certificate_manager_server_ttl_seconds: gaugeSeries('Seconds until the kubelet\'s serving certificate expires', []),
  kubelet_server_expiration_renew_errors: counterSeries('Counter of certificate renewal errors', []),
  // kubelet: volume operations
  storage_operation_duration_seconds: histogramSeries('Storage operation duration', ['migrated', 'operation_name', 'status', 'volume_plugin']),
});
