// The real engines: Prometheus 3 and the current Alertmanager built by scripts/build-judges.sh, or Debian's
// prometheus (package prometheus) and Alertmanager (package prometheus-alertmanager, whose binary Debian renames;
// upstream calls it alertmanager).
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { builtJudge } from '../../compiler/verify/built-judges.ts';

export interface Engine {
  readonly names: readonly string[];
  /** The binary's name among the built judges. */
  readonly built: string;
  readonly debianPackage: string;
}

export const engines = {
  prometheus: { names: ['prometheus'], built: 'prometheus', debianPackage: 'prometheus' },
  alertmanager: { names: ['prometheus-alertmanager', 'alertmanager'], built: 'alertmanager', debianPackage: 'prometheus-alertmanager' },
} as const satisfies Record<string, Engine>;

/** Which engines first: the built ones judge (`verify --live`); Debian's serve a person (`up`), since the built
 *  Prometheus has no web UI (its module has no built assets) and Debian's has. */
export type Preference = 'built' | 'debian';

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
export function findEngines(prefer: Preference, path = process.env.PATH ?? ''): Record<EngineName, string> {
  const find = (e: Engine) => {
    const built = builtJudge(e.built);
    const debian = e.names.map((n) => onPath(n, path)).find(Boolean);
    return prefer === 'built' ? built ?? debian : debian ?? built;
  };
  const found = Object.fromEntries(Object.entries(engines).map(([key, e]) => [key, find(e)])) as Record<EngineName, string | undefined>;
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
