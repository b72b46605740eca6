// Debian package versions and binaries: what the catalogs' headers record and the missing-exporter message names.
import { execFileSync } from 'node:child_process';

/** The installed version of a Debian package, or undefined when it is not installed. */
export function installedVersion(debianPackage: string): string | undefined {
  try {
    const out = execFileSync('dpkg-query', ['-W', '-f=${db:Status-Abbrev}${Version}', debianPackage], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.startsWith('ii') ? out.slice(3).trim() : undefined;
  } catch {
    return undefined;
  }
}

/** The absolute path of `binary` on PATH (or in sbin, where Debian puts daemons), or undefined. */
export function findBinary(binary: string): string | undefined {
  const path = `${process.env.PATH ?? ''}:/usr/sbin:/sbin`;
  try {
    return execFileSync('sh', ['-c', `command -v "$0"`, binary], { encoding: 'utf8', env: { ...process.env, PATH: path } }).trim() || undefined;
  } catch {
    return undefined;
  }
}
