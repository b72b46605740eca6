// A scratch project for the fault tests: stacks of its own in two versions (v1 written, v2 being written when the
// fault strikes), run through the built command (bin/stackc.js, as a user runs it), and out/ read back in full.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './stack.ts';

const bin = join(root, 'bin', 'stackc.js');

/** A stack with one gauge; v2 moves its threshold and drops its recording rule (changed, removed and unchanged files). */
const stackFile = (name: string, version: 1 | 2) => `import { gauge, alertsFrom, record, ruleGroup, stack, avgOverTime } from 'stackc';
const fill = gauge({ name: '${name}_fill_percent', help: 'How full', unit: 'percent', thresholds: { warning: { above: ${version === 1 ? 70 : 75}, for: '2m' } } });
export default stack('${name}', {
  namespace: '${name}',
  metrics: [fill],
  groups: [
    ruleGroup('${name}', { rules: alertsFrom(fill, { summary: 'Filling up' }) }),
    ${version === 1 ? `ruleGroup('${name}-avg', { rules: [record('${name}:fill:avg5m', avgOverTime(fill, '5m'))] }),` : ''}
  ],
});
`;

export interface Project {
  /** Relative to the repository, so that the stacks' `import … from 'stackc'` resolves through the package's name. */
  readonly rel: string;
  readonly dir: string;
  readonly out: string;
}

/** v1: stacks `tanks` and `pumps`, and `valves`, which v2 no longer has; files of the user's in two folders. */
export function makeProject(name: string): Project {
  const rel = `.tmp/${name}-${process.pid}`;
  const dir = join(root, rel);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'stacks'), { recursive: true });
  return { rel, dir, out: join(dir, 'out') };
}

export function writeVersion(p: Project, version: 1 | 2): void {
  rmSync(join(p.dir, 'stacks'), { recursive: true, force: true });
  mkdirSync(join(p.dir, 'stacks'));
  for (const name of ['tanks', 'pumps', ...(version === 1 ? ['valves'] : [])]) writeFileSync(join(p.dir, 'stacks', `${name}.ts`), stackFile(name, version));
}

/** Files stackc did not generate, which every write keeps: a note, a folder of the user's, an empty folder. */
export function addUsersFiles(p: Project): void {
  writeFileSync(join(p.out, 'tanks', 'NOTES.md'), 'mine\n');
  mkdirSync(join(p.out, 'tanks', 'runbooks'));
  writeFileSync(join(p.out, 'tanks', 'runbooks', 'drain.md'), 'drain slowly\n', { mode: 0o600 });
  mkdirSync(join(p.out, 'pumps', 'scratch'));
  writeFileSync(join(p.out, 'valves', 'KEEP.md'), 'still mine\n');
}

export interface Run { readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly out: string }

/** `stackc <command>` on the project; `fault` sets STACKC_FAULT; `killAfterMs` sends SIGKILL after that long. */
export function stackc(p: Project, command: 'compile' | 'check', fault?: string, killAfterMs?: number): Promise<Run> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    if (fault === undefined) delete env['STACKC_FAULT'];
    else env['STACKC_FAULT'] = fault;
    const child = spawn(process.execPath, [bin, command, '--stacks', `${p.rel}/stacks`, '--out', `${p.rel}/out`], { cwd: root, env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out });
    });
  });
}

/** Every entry under `dir`: path, kind, permission bits and a hash of the bytes (a symbolic link: its target). */
export function snapshot(dir: string, prefix = ''): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    const stat = lstatSync(path);
    const mode = (stat.mode & 0o7777).toString(8);
    if (stat.isDirectory()) return [`${prefix}${name}/ ${mode}`, ...snapshot(path, `${prefix}${name}/`)];
    if (stat.isSymbolicLink()) return [`${prefix}${name} -> ${readlinkSync(path)}`];
    return [`${prefix}${name} ${mode} ${createHash('sha1').update(readFileSync(path)).digest('hex')}`];
  });
}

/** Copies a tree as it is (modes included). */
export function copyTree(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  const r = spawnSync('cp', ['-a', from, to]);
  if (r.status !== 0) throw new Error(`cp -a ${from} ${to}: ${r.stderr}`);
}

/** Which of the expected trees `actual` is, or a description of how it differs from both. */
export function whichTree(actual: readonly string[], old: readonly string[], fresh: readonly string[]): 'old' | 'new' | string {
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (same(actual, old)) return 'old';
  if (same(actual, fresh)) return 'new';
  const extra = actual.filter((x) => !old.includes(x) && !fresh.includes(x));
  const missing = old.filter((x) => !actual.includes(x)).filter((x) => !fresh.includes(x) || !actual.includes(x));
  return `neither old nor new: ${extra.length} entries in neither (${extra.slice(0, 5).join('; ')}), ${missing.length} of the old missing (${missing.slice(0, 5).join('; ')})`;
}

/** Where the old or the new out/ of a project is kept, to put back before each fault and compare with after it. */
export function savedTree(p: Project, tree: 'old' | 'new'): string {
  return join(p.dir, `${tree}-out`);
}

/** Compiles version 1 (then adds the user's files) and version 2, keeping both out/ trees: the two states a fault
 *  may leave. Returns their snapshots, which differ. */
export async function oldAndNew(p: Project): Promise<{ readonly old: string[]; readonly new: string[] }> {
  writeVersion(p, 1);
  const first = await stackc(p, 'compile');
  if (first.code !== 0) throw new Error(`compiling version 1 failed:\n${first.out}`);
  addUsersFiles(p);
  copyTree(p.out, savedTree(p, 'old'));
  writeVersion(p, 2);
  const second = await stackc(p, 'compile');
  if (second.code !== 0) throw new Error(`compiling version 2 failed:\n${second.out}`);
  copyTree(p.out, savedTree(p, 'new'));
  const trees = { old: snapshot(savedTree(p, 'old')), new: snapshot(savedTree(p, 'new')) };
  if (trees.old.join('\n') === trees.new.join('\n')) throw new Error('version 1 and 2 compiled to the same out/');
  return trees;
}
