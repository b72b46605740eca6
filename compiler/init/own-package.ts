// stackc's own package.json, found from this file: init runs from source (compiler/init/) and from the build
// (dist/compiler/init/), so it looks upward for the nearest package.json named "stackc" instead of a fixed path.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface OwnPackage {
  readonly version: string;
  /** The prom-client range stackc's exporter is built against (its peer dependency): the scaffold asks for the same. */
  readonly promClient: string;
}

/** The nearest package.json named "stackc" at or above the folder of `fileUrl`. */
export function ownPackage(fileUrl: string = import.meta.url): OwnPackage {
  let dir = dirname(fileURLToPath(fileUrl));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      type Deps = Record<string, string> | undefined;
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string; peerDependencies?: Deps; dependencies?: Deps };
      if (pkg.name === 'stackc' && pkg.version) {
        // a peer dependency since the app and the generated registry must share one prom-client
        const promClient = pkg.peerDependencies?.['prom-client'] ?? pkg.dependencies?.['prom-client'] ?? '^15.1.3';
        return { version: pkg.version, promClient };
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json named "stackc" above ${fileURLToPath(fileUrl)}`);
    dir = parent;
  }
}
