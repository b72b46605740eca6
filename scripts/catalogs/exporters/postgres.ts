// prometheus-postgres-exporter watching a PostgreSQL cluster of its own: initdb in a temp folder, the server on a
// loopback port (no Unix socket), trust authentication since nothing but loopback reaches it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RealExporter } from '../exporter.ts';
import { freePort } from '../../local/ports.ts';
import { waitForHttp } from '../../local/processes.ts';
import { installedVersion } from '../packages.ts';
import { asUser, folderFor, runSetup, waitForPort } from '../services.ts';

/** The newest PostgreSQL major Debian installed (its binaries are not on PATH). */
function postgresBin(): { readonly major: string; readonly bin: string } {
  const majors = (() => { try { return readdirSync('/usr/lib/postgresql'); } catch { return []; } })()
    .filter((m) => /^\d+$/.test(m)).sort((a, b) => Number(b) - Number(a));
  if (!majors[0]) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/<major>/bin). It comes from Debian\'s postgresql package: apt-get install -y postgresql');
  return { major: majors[0], bin: join('/usr/lib/postgresql', majors[0], 'bin') };
}

export const postgresExporter: RealExporter = {
  catalogName: 'postgres-exporter',
  file: 'postgres-exporter',
  exportName: 'postgresExporter',
  debianPackage: 'prometheus-postgres-exporter',
  binary: 'prometheus-postgres-exporter',
  servicePackages: ['postgresql'],
  async start({ processes, dir }) {
    const { major, bin } = postgresBin();
    const data = folderFor(dir, 'postgres', 'postgres');
    runSetup('initdb', asUser('postgres', join(bin, 'initdb'), ['--pgdata', data, '--username', 'postgres', '--auth', 'trust', '--no-sync']));
    const pgPort = await freePort();
    const server = processes.start('postgres', ...asUser('postgres', join(bin, 'postgres'), [
      '-D', data, '-p', String(pgPort), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off',
    ]));
    await waitForPort('postgres', pgPort, [server]);
    const port = await freePort();
    const exporter = processes.start('postgres-exporter', 'env', [
      `DATA_SOURCE_NAME=postgresql://postgres@127.0.0.1:${pgPort}/postgres?sslmode=disable`,
      'prometheus-postgres-exporter', `--web.listen-address=127.0.0.1:${port}`,
    ]);
    const url = `http://127.0.0.1:${port}/metrics`;
    await waitForHttp(url, 30_000, [server, exporter]);
    return { scrapeUrls: [url], watching: `postgresql-${major} ${installedVersion(`postgresql-${major}`) ?? '?'}` };
  },
};
