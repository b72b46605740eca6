// Node arguments that run another `stackc <command>` as a child process, the way this one was started: the built
// entry from dist/, or the source entry through tsx (with the same loader flags) when run from source.
import { fileURLToPath } from 'node:url';

const fromSource = import.meta.url.endsWith('.ts');
const entry = fileURLToPath(new URL(fromSource ? './stackc.ts' : './stackc.js', import.meta.url));

export function stackcArgs(...args: readonly string[]): string[] {
  return fromSource ? [...process.execArgv, entry, ...args] : [entry, ...args];
}
