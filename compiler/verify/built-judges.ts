// Today's judges, built by scripts/build-judges.sh from the pins in tools/judges/ (Prometheus 3, the current
// Alertmanager, the Grafana Foundation SDK) into .cache/judges/<hash>/bin. The hash is the script's: the go.mod and go.sum
// files, grafana-dashboards' source and the script, so a changed pin is never judged by binaries built from the old one. An installed stackc has no tools/ folder and finds
// none; the judges then come from PATH (Debian's packages).
import { accessSync, constants, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const fromSource = import.meta.url.endsWith('.ts');
/** The repository: compiler/verify/ from source, dist/compiler/verify/ when built. */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', fromSource ? '.' : '..');

/** The bin folder build-judges.sh writes for the current pins (whether or not it has been built). */
export function builtJudgesDir(root = repo): string | undefined {
  try {
    const hash = createHash('sha256');
    const pins = ['prometheus', 'alertmanager', 'grafana'].flatMap((m) => [`tools/judges/${m}/go.mod`, `tools/judges/${m}/go.sum`]);
    for (const file of [...pins, 'tools/judges/grafana/main.go', 'scripts/build-judges.sh']) {
      hash.update(readFileSync(join(root, file)));
    }
    return join(root, '.cache', 'judges', hash.digest('hex').slice(0, 16), 'bin');
  } catch {
    return undefined; // not a checkout of the repository
  }
}

/** Where built judges are looked for: STACKC_JUDGES_BIN when set (empty: nowhere, Debian's only), else the cache. */
export function judgesBin(): string | undefined {
  const set = process.env['STACKC_JUDGES_BIN'];
  return set === undefined ? builtJudgesDir() : set || undefined;
}

/** `name` in the built judges' folder, when it was built. */
export function builtJudge(name: string, bin = judgesBin()): string | undefined {
  if (!bin) return undefined;
  try {
    accessSync(join(bin, name), constants.X_OK);
    return join(bin, name);
  } catch {
    return undefined;
  }
}
