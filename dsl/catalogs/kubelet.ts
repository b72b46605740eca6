// Series the kubelet exposes: cAdvisor's container metrics (/metrics/cadvisor) and volume stats (/metrics).
import { catalog, counterSeries, gaugeSeries } from '../catalog.ts';

const container = ['namespace', 'pod', 'container', 'id', 'image', 'name'] as const;

export const kubelet = catalog('kubelet', {
  container_cpu_usage_seconds_total: counterSeries('Cumulative CPU time consumed, in seconds', [...container, 'cpu']),
  container_cpu_cfs_periods_total: counterSeries('Number of elapsed enforcement periods', container),
  container_cpu_cfs_throttled_periods_total: counterSeries('Number of throttled period intervals', container),
  container_memory_working_set_bytes: gaugeSeries('Current working set, in bytes', container),
  container_memory_usage_bytes: gaugeSeries('Current memory usage including cache, in bytes', container),
  container_network_receive_bytes_total: counterSeries('Cumulative bytes received', [...container, 'interface']),
  container_network_transmit_bytes_total: counterSeries('Cumulative bytes transmitted', [...container, 'interface']),
  container_oom_events_total: counterSeries('Count of out-of-memory events observed for the container', container),
  kubelet_volume_stats_used_bytes: gaugeSeries('Bytes used in the volume', ['namespace', 'persistentvolumeclaim']),
  kubelet_volume_stats_capacity_bytes: gaugeSeries('Capacity in bytes of the volume', ['namespace', 'persistentvolumeclaim']),
  kubelet_running_pods: gaugeSeries('Number of pods running on the node', []),
});
