// prometheus-mysqld-exporter watching a MariaDB server of its own: mariadb-install-db in a temp folder (root without a
// password, reachable only through the run's Unix socket), the server on that socket and no TCP port.
import { join } from 'node:path';
import type { RealExporter } from '../exporter.ts';
import { freePort } from '../../local/ports.ts';
import { waitFor, waitForHttp } from '../../local/processes.ts';
import { findBinary, installedVersion } from '../packages.ts';
import { folderFor, isRoot, runSetup } from '../services.ts';
import { existsSync } from 'node:fs';

export const mysqldExporter: RealExporter = {
  catalogName: 'mysqld-exporter',
  file: 'mysqld-exporter',
  exportName: 'mysqldExporter',
  debianPackage: 'prometheus-mysqld-exporter',
  binary: 'prometheus-mysqld-exporter',
  servicePackages: ['mariadb-server'],
  async start({ processes, dir }) {
    const mariadbd = findBinary('mariadbd');
    if (!mariadbd) throw new Error('mariadbd is not installed. It comes from Debian\'s mariadb-server package: apt-get install -y mariadb-server');
    const user = isRoot ? 'mysql' : (process.env.USER ?? 'nobody');
    const data = folderFor(dir, 'mariadb', user);
    const socket = join(data, 'mysqld.sock');
    const server = ['--no-defaults', `--datadir=${data}`, `--user=${user}`];
    runSetup('mariadb-install-db', ['mariadb-install-db', [...server, '--auth-root-authentication-method=normal', '--skip-test-db']]);
    const db = processes.start('mariadb', mariadbd, [...server, `--socket=${socket}`, '--skip-networking', `--pid-file=${join(data, 'mysqld.pid')}`, '--skip-log-bin']);
    await waitFor('the MariaDB socket', async () => (existsSync(socket) ? true : undefined), { timeoutMs: 60_000, watch: [db] });
    const port = await freePort();
    const exporter = processes.start('mysqld-exporter', 'env', [
      `DATA_SOURCE_NAME=root@unix(${socket})/`,
      'prometheus-mysqld-exporter', `--web.listen-address=127.0.0.1:${port}`, `--config.my-cnf=${join(dir, 'none.cnf')}`,
    ]);
    const url = `http://127.0.0.1:${port}/metrics`;
    await waitForHttp(url, 30_000, [db, exporter]);
    // mysql_up says whether the exporter reached the server: a scrape of an exporter that did not is not the catalog
    await waitFor('mysqld_exporter to reach MariaDB', async () => (/^mysql_up 1$/m.test(await (await fetch(url)).text()) ? true : undefined), { timeoutMs: 30_000, watch: [db, exporter] });
    return { scrapeUrls: [url], watching: `mariadb-server ${installedVersion('mariadb-server') ?? '?'}` };
  },
};
