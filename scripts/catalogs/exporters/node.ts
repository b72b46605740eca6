// prometheus-node-exporter with its default collectors: what it serves depends on the machine's /proc and /sys.
import type { RealExporter } from '../exporter.ts';
import { freePort } from '../../local/ports.ts';
import { waitForHttp } from '../../local/processes.ts';

export const nodeExporter: RealExporter = {
  catalogName: 'node-exporter',
  file: 'node-exporter',
  exportName: 'nodeExporter',
  debianPackage: 'prometheus-node-exporter',
  binary: 'prometheus-node-exporter',
  servicePackages: [],
  async start({ processes }) {
    const port = await freePort();
    const exporter = processes.start('node-exporter', 'prometheus-node-exporter', [`--web.listen-address=127.0.0.1:${port}`]);
    const url = `http://127.0.0.1:${port}/metrics`;
    await waitForHttp(url, 30_000, [exporter]);
    return { scrapeUrls: [url] };
  },
};
