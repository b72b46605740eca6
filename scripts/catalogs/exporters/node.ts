// prometheus-node-exporter with its default collectors: what it serves depends on the machine's /proc and /sys.
import type { RealExporter } from '../exporter.ts';
import { freePort } from '../../local/ports.ts';
import { waitForHttp } from '../../local/processes.ts';

/** Collectors that serve series only where the host has the thing they read: a bond, a RAID array, sensors, a
 *  frequency driver, PSI, conntrack loaded, a btrfs/xfs/zfs or NFS mount, InfiniBand, NVMe, … A CI host of another
 *  kind may serve some that this VM does not, or not serve some it does. */
const hostDependentPrefixes = [
  'node_bcache_', 'node_bonding_', 'node_btrfs_', 'node_nf_conntrack_', 'node_cpu_frequency_', 'node_cpu_scaling_',
  'node_dmi_', 'node_edac_', 'node_fibrechannel_', 'node_hwmon_', 'node_infiniband_', 'node_ipvs_', 'node_md_',
  'node_nfs_', 'node_nfsd_', 'node_nvme_', 'node_power_supply_', 'node_pressure_', 'node_rapl_', 'node_schedstat_',
  'node_selinux_', 'node_tape_', 'node_thermal_zone_', 'node_cooling_device_', 'node_xfs_', 'node_zfs_',
];

export const nodeExporter: RealExporter = {
  catalogName: 'node-exporter',
  file: 'node-exporter',
  exportName: 'nodeExporter',
  debianPackage: 'prometheus-node-exporter',
  binary: 'prometheus-node-exporter',
  servicePackages: [],
  hostDependent: (series) => hostDependentPrefixes.some((p) => series.startsWith(p)),
  async start({ processes }) {
    const port = await freePort();
    const exporter = processes.start('node-exporter', 'prometheus-node-exporter', [`--web.listen-address=127.0.0.1:${port}`]);
    const url = `http://127.0.0.1:${port}/metrics`;
    await waitForHttp(url, 30_000, [exporter]);
    return { scrapeUrls: [url] };
  },
};
