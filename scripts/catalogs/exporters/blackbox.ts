// prometheus-blackbox-exporter probing a local HTTP server over http and tcp: its own /metrics and the series of
// both probes (/probe), which Prometheus scrapes as the probe's job.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RealExporter } from '../exporter.ts';
import { freePort } from '../../local/ports.ts';
import { waitForHttp } from '../../local/processes.ts';

const config = `modules:
  http_2xx:
    prober: http
    timeout: 5s
  tcp_connect:
    prober: tcp
    timeout: 5s
`;

export const blackboxExporter: RealExporter = {
  catalogName: 'blackbox-exporter',
  file: 'blackbox-exporter',
  exportName: 'blackboxExporter',
  debianPackage: 'prometheus-blackbox-exporter',
  binary: 'prometheus-blackbox-exporter',
  servicePackages: [],
  async start({ processes, dir }) {
    const targetPort = await freePort();
    const target = processes.start('http-target', process.execPath, [
      '-e', `require('node:http').createServer((_, res) => res.end('ok')).listen(${targetPort}, '127.0.0.1')`,
    ]);
    const file = join(dir, 'blackbox.yml');
    writeFileSync(file, config);
    const port = await freePort();
    const exporter = processes.start('blackbox-exporter', 'prometheus-blackbox-exporter', [`--config.file=${file}`, `--web.listen-address=127.0.0.1:${port}`]);
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`http://127.0.0.1:${targetPort}/`, 30_000, [target]);
    await waitForHttp(`${base}/metrics`, 30_000, [target, exporter]);
    return {
      // the probes first: /metrics serves the http prober's connection counters once it has dialled
      scrapeUrls: [
        `${base}/probe?module=http_2xx&target=${encodeURIComponent(`http://127.0.0.1:${targetPort}/`)}`,
        `${base}/probe?module=tcp_connect&target=127.0.0.1:${targetPort}`,
        `${base}/metrics`,
      ],
    };
  },
};
