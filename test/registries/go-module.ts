// A throwaway Go module for the generated registry: go.mod and go.sum from the pins in tools/registries/go (so after
// the first download from the module proxy every build is offline), the generated packages, and the go command run
// with the shared build and module caches. A missing go fails the tests, saying what to install: the Go registry is
// only tested where Go is.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { root } from '../helpers/stack.ts';

export const modulePath = 'stackc.test/registry';
const pins = join(root, 'tools/registries/go');

/** The go command's path; throws, naming what to install, when it is missing. */
export function requireGo(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v go'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('go is not installed: the generated Go registry is judged by go vet and go test. Install Go 1.26 (https://go.dev/dl/) and put it on PATH');
  }
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface GoModule {
  readonly dir: string;
  /** Writes a file at a path relative to the module. */
  write(path: string, content: string): void;
  /** Runs a command in the module (`go` is the installed one), GOTOOLCHAIN=local so nothing else is downloaded. */
  run(command: string, args: readonly string[], env?: Readonly<Record<string, string>>): Run;
}

export function goModule(): GoModule {
  const go = requireGo();
  // gofmt ships beside go in GOROOT/bin, which PATH may not hold (go reached through a symlink)
  const gofmt = join(execFileSync(go, ['env', 'GOROOT'], { encoding: 'utf8' }).trim(), 'bin', 'gofmt');
  const dir = mkdtempSync(join(tmpdir(), 'stackc-go-registry-'));
  const goMod = readFileSync(join(pins, 'go.mod'), 'utf8').replace(/^module .*$/m, `module ${modulePath}`);
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  write('go.mod', goMod);
  write('go.sum', readFileSync(join(pins, 'go.sum'), 'utf8'));
  return {
    dir,
    write,
    run: (command, args, env = {}) => {
      const r = spawnSync(command === 'go' ? go : command === 'gofmt' ? gofmt : command, args, {
        cwd: dir, encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local', ...env }, maxBuffer: 64 * 1024 * 1024,
      });
      return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error ? String(r.error) : '') };
    },
  };
}
