// The real engines come from Debian: prometheus (package prometheus) and Alertmanager (package
// prometheus-alertmanager, whose binary Debian renames; upstream calls it alertmanager).
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface Engine {
  readonly names: readonly string[];
  readonly debianPackage: string;
}

export const engines = {
  prometheus: { names: ['prometheus'], debianPackage: 'prometheus' },
  alertmanager: { names: ['prometheus-alertmanager', 'alertmanager'], debianPackage: 'prometheus-alertmanager' },
} as const satisfies Record<string, Engine>;

export type EngineName = keyof typeof engines;

/** The first executable of that name on PATH, or undefined. */
export function onPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Paths of both engines; throws one message naming every missing Debian package and the command that installs them. */
export function findEngines(path = process.env.PATH ?? ''): Record<EngineName, string> {
  const found = Object.fromEntries(Object.entries(engines).map(([key, e]) => [key, e.names.map((n) => onPath(n, path)).find(Boolean)])) as Record<EngineName, string | undefined>;
  const missing = (Object.keys(engines) as EngineName[]).filter((key) => !found[key]);
  if (missing.length) {
    const packages = missing.map((key) => engines[key].debianPackage);
    throw new Error(
      `${missing.map((key) => `${engines[key].names[0]} (Debian package ${engines[key].debianPackage})`).join(' and ')} not found on PATH.\n` +
      `Install with: sudo apt-get install -y ${packages.join(' ')}`,
    );
  }
  return found as Record<EngineName, string>;
}
