// prometheus-redis-exporter watching a redis-server of its own on loopback, with no persistence, in a temp folder.
import type { RealExporter } from '../exporter.ts';
import { freePort } from '../../local/ports.ts';
import { waitForHttp } from '../../local/processes.ts';
import { installedVersion } from '../packages.ts';
import { waitForPort } from '../services.ts';

export const redisExporter: RealExporter = {
  catalogName: 'redis-exporter',
  file: 'redis-exporter',
  exportName: 'redisExporter',
  debianPackage: 'prometheus-redis-exporter',
  binary: 'prometheus-redis-exporter',
  servicePackages: ['redis-server'],
  async start({ processes, dir }) {
    const redisPort = await freePort();
    const redis = processes.start('redis-server', 'redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir]);
    await waitForPort('redis-server', redisPort, [redis]);
    const port = await freePort();
    const exporter = processes.start('redis-exporter', 'prometheus-redis-exporter', [`--redis.addr=redis://127.0.0.1:${redisPort}`, `--web.listen-address=127.0.0.1:${port}`]);
    const url = `http://127.0.0.1:${port}/metrics`;
    await waitForHttp(url, 30_000, [redis, exporter]);
    return { scrapeUrls: [url], watching: `redis-server ${installedVersion('redis-server') ?? '?'}` };
  },
};
