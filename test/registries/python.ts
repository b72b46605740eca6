// Shared by the Python registry tests: the real interpreter, prometheus_client, mypy and Starlette at the versions
// pinned in tools/python/requirements.txt (scripts/test.sh installs them), and a scratch folder holding a generated
// registry_gen.py beside the Python files of test/registries/python/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Files } from '../../compiler/emit/files.ts';
import { pythonRegistryPath } from '../../compiler/emit/python-registry.ts';
import { root } from '../helpers/stack.ts';

const requirements = join(root, 'tools/python/requirements.txt');
const install = 'python3 -m pip install -r tools/python/requirements.txt';

/** The pins of tools/python/requirements.txt: distribution name → version. */
export function pythonPins(): Map<string, string> {
  const lines = readFileSync(requirements, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
  return new Map(lines.map((l) => {
    const [name, version] = l.split('==');
    if (!name || !version) throw new Error(`${requirements}: "${l}" is not pinned as name==version`);
    return [name, version];
  }));
}

/** Fails (never skips) unless python3 runs and every pinned package is installed at its pinned version. */
export function requirePython(): void {
  const check = [
    'import importlib.metadata as md, json, sys',
    'for name, want in json.loads(sys.argv[1]).items():',
    '    try: have = md.version(name)',
    '    except md.PackageNotFoundError: have = None',
    '    if have != want: print(f"{name}=={want} is needed, {have or \'nothing\'} is installed")',
  ].join('\n');
  const r = spawnSync('python3', ['-c', check, JSON.stringify(Object.fromEntries(pythonPins()))], { encoding: 'utf8' });
  if (r.error) throw new Error(`python3 is not installed (${r.error.message}); the Python registry is judged by Python 3.10+ with ${install}`);
  const problems = `${r.stdout}${r.stderr}`.trim();
  if (r.status !== 0 || problems) throw new Error(`the Python registry's judges are missing:\n${problems}\ninstall them: ${install}`);
}

/** A scratch folder with the emitted registry_gen.py and the Python files of test/registries/python/. */
export function pythonScratch(files: Files): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'stackc-python-'));
  const registry = files.get(pythonRegistryPath);
  if (registry === undefined) throw new Error(`the emitter wrote no ${pythonRegistryPath}`);
  writeFileSync(join(dir, 'registry_gen.py'), registry);
  const sources = join(root, 'test/registries/python');
  for (const file of readdirSync(sources)) if (file.endsWith('.py')) copyFileSync(join(sources, file), join(dir, file));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `mypy --strict` for Python 3.10 over files of `dir`; the cache is kept in .cache/mypy between runs. */
export function mypyStrict(dir: string, files: readonly string[]): Run {
  const cache = join(root, '.cache', 'mypy');
  mkdirSync(cache, { recursive: true });
  const args = ['-m', 'mypy', '--strict', '--python-version', '3.10', '--no-error-summary', '--no-color-output', '--no-pretty', '--cache-dir', cache, ...files];
  return spawnSync('python3', args, { cwd: dir, encoding: 'utf8' });
}

/** Runs a Python script of `dir` with `input` on stdin. */
export function runPython(dir: string, script: string, input = ''): Run {
  return spawnSync('python3', [script], { cwd: dir, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
