// `stackc watch` as a user runs it: one real process over a small project of its own in a scratch folder, edited the
// way an editor saves. Each step waits (generously: the machine is shared) for the next line the process prints.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { root, stackc } from '../helpers/stack.ts';

const rel = `.tmp/watch-${process.pid}`;
const scratch = join(root, rel);
const alerts = join(scratch, 'out/demo/prometheus/alerts.yml');

const helper = (help: string) => `import { gauge } from 'stackc';
export const disk = gauge({ name: 'disk_usage_percent', help: '${help}', unit: 'percent', labels: ['device'],
  thresholds: { warning: { above: 80, for: '2m' }, critical: { above: 95 } } });
`;
const demo = (warning: number, label = 'device') => `import { alertsFrom, avgOverTime, gauge, record, ruleGroup, stack } from 'stackc';
import { disk } from '../lib/metrics.ts';
const inodes = gauge({ name: 'inode_usage_percent', help: 'Inodes', unit: 'percent', thresholds: { warning: { above: ${warning}, for: '2m' } } });
export default stack('demo', {
  namespace: 'demo',
  metrics: [disk, inodes],
  groups: [
    ruleGroup('alerts', { rules: [...alertsFrom(disk, { summary: 'Disk filling up' }), ...alertsFrom(inodes, { summary: 'Inodes running out' })] }),
    ruleGroup('recordings', { rules: [record('disk:sda_avg_5m', avgOverTime(disk.where({ ${label}: 'sda' }), '5m'))] }),
  ],
});
`;
const second = `import { gauge, alertsFrom, ruleGroup, stack } from 'stackc';
const queue = gauge({ name: 'queue_depth_items', help: 'Queue depth', thresholds: { warning: { above: 100, for: '5m' } } });
export default stack('second', { namespace: 'second', metrics: [queue], groups: [ruleGroup('queue', { rules: alertsFrom(queue, { summary: 'Queue backs up' }) })] });
`;

/** Saves as many editors do: a temporary file renamed over the old one. */
function save(file: string, text: string) {
  const path = join(scratch, file);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

let watch: ChildProcess;
let ctrlC: ChildProcess | undefined;
let output = '';
let exited: Promise<number | null>;

/** Waits until the output holds `count` matches of `pattern`; fails after a minute with what was printed. */
async function printed(pattern: RegExp, count: number): Promise<void> {
  const global = new RegExp(pattern.source, `${pattern.flags}g`);
  for (let waited = 0; (output.match(global) ?? []).length < count; waited += 50) {
    if (waited > 60_000) assert.unreachable(`waited for ${count} × ${pattern} in:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const compiled = () => (output.match(/^✔ /gm) ?? []).length;
/** At most how many compiler threads were replaced (one every 2 compiles here; ✖ lines count problems, at least one
 *  a failed compile). */
const replacements = () => Math.floor(((output.match(/^[✔✖] /gm) ?? []).length + 1) / 2) + 1;
const problems = () => (output.match(/nothing was written\./g) ?? []).length;

test.before(() => {
  rmSync(scratch, { recursive: true, force: true });
  save('lib/metrics.ts', helper('Disk usage'));
  save('stacks/demo.ts', demo(80));
  // the compiler thread is replaced every 100 compiles; here every 2, so that the steps run across replacements
  const env = { ...process.env, STACKC_WATCH_FRESH_EVERY: '2' };
  watch = spawn(process.execPath, stackc('watch', '--stacks', `${rel}/stacks`, '--out', `${rel}/out`), { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  watch.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  watch.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  exited = new Promise((resolve) => watch.once('exit', (code) => resolve(code)));
});
test.after(() => {
  for (const p of [watch, ctrlC]) if (p && p.exitCode === null) p.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
});

test('compiles once at start and says it is watching', async () => {
  await printed(/^watching /m, 1);
  assert.match(output, new RegExp(`^✔ ${rel}/out/demo: \\d+ added, 0 changed, 0 removed, 0 unchanged \\(\\d+ ms\\)$`, 'm'));
  assert.match(readFileSync(alerts, 'utf8'), /inode_usage_percent > 80/);
});

test('a saved threshold is compiled and written: one ✔ line with what changed', async () => {
  const before = compiled();
  save('stacks/demo.ts', demo(85));
  await printed(/^✔ /m, before + 1);
  assert.match(output, new RegExp(`^✔ ${rel}/out/demo: 0 added, [1-9]\\d* changed, 0 removed, \\d+ unchanged \\(\\d+ ms\\)$`, 'm'));
  assert.match(readFileSync(alerts, 'utf8'), /inode_usage_percent > 85/);
});

test('a wrong label is a located type error; out/ is left as it was; the process keeps running', async () => {
  const before = readFileSync(alerts, 'utf8');
  save('stacks/demo.ts', demo(90, 'devise'));
  await printed(/nothing was written\./, 1);
  const line = demo(90, 'devise').split('\n').findIndex((l) => l.includes('devise')) + 1;
  assert.match(output, new RegExp(`✖ ${rel}/stacks/demo\\.ts:${line}:\\d+  "devise" is not a label of disk; did you mean "device"\\?`));
  assert.match(output, /→ at demo › type error/);
  assert.is(readFileSync(alerts, 'utf8'), before);
  assert.is(watch.exitCode, null);
});

test('fixing the file compiles again', async () => {
  const before = compiled();
  save('stacks/demo.ts', demo(90));
  await printed(/^✔ /m, before + 1);
  assert.match(readFileSync(alerts, 'utf8'), /inode_usage_percent > 90/);
});

test('a problem the compiler finds (not the types) is printed as compile prints it, and nothing is written', async () => {
  const before = readFileSync(alerts, 'utf8');
  const seen = problems();
  save('stacks/demo.ts', demo(150)); // a percentage above 100: sound types, refused by the compiler
  await printed(/nothing was written\./, seen + 1);
  assert.match(output, new RegExp(`✖ ${rel}/stacks/demo\\.ts:\\d+:\\d+ `));
  assert.is(readFileSync(alerts, 'utf8'), before);
  const after = compiled();
  save('stacks/demo.ts', demo(90));
  await printed(/^✔ /m, after + 1);
});

test('a save of a file the stack imports recompiles it', async () => {
  const before = compiled();
  save('lib/metrics.ts', helper('Disk usage of each device'));
  await printed(/^✔ /m, before + 1);
  assert.match(readFileSync(join(scratch, 'out/demo/model.json'), 'utf8'), /Disk usage of each device/);
});

test('a new stack file in the folder is compiled', async () => {
  const before = compiled();
  save('stacks/second.ts', second);
  await printed(/^✔ .*out\/second: /m, 1);
  assert.ok(compiled() > before);
  assert.ok(existsSync(join(scratch, 'out/second/prometheus/alerts.yml')));
});

test('the new stack file is type-checked too', async () => {
  const seen = problems();
  save('stacks/second.ts', second.replace("{ summary: 'Queue backs up' }", "{ sumary: 'Queue backs up' }"));
  await printed(/nothing was written\./, seen + 1);
  assert.match(output, new RegExp(`✖ ${rel}/stacks/second\\.ts:3:\\d+  unknown key "sumary"`));
  const before = compiled();
  save('stacks/second.ts', second);
  await printed(/^✔ /m, before + 1);
});

test('SIGTERM: exits 0 and leaves no child process (tsgo, esbuild) running', async () => {
  const list = () => execFileSync('ps', ['-o', 'pid=,stat=,comm=', '--ppid', String(watch.pid)], { encoding: 'utf8' }).trim().split('\n').map((l) => l.trim().split(/\s+/));
  // the thread was replaced several times: the esbuild services of the replaced threads were stopped. A stopped
  // service usually is reaped by its thread before the thread ends; on a loaded machine one may outlive its thread
  // and stay a zombie until watch exits (harmless: no memory, no CPU). Zombies are counted, live ones are not allowed.
  let listed = list();
  for (let waited = 0; listed.some(([, stat]) => stat!.startsWith('Z')) && waited < 3_000; waited += 50) {
    await new Promise((r) => setTimeout(r, 50));
    listed = list();
  }
  const zombies = listed.filter(([, stat]) => stat!.startsWith('Z'));
  assert.ok(zombies.length <= replacements(), `more zombies than replaced threads: ${listed.join('; ')}`);
  listed = listed.filter(([, stat]) => !stat!.startsWith('Z'));
  const children = listed.map(([pid]) => Number(pid));
  assert.is(listed.filter(([, , name]) => name === 'tsc').length, 1, listed.join('; '));
  assert.ok(listed.filter(([, , name]) => name === 'esbuild').length <= 2, listed.join('; '));
  watch.kill('SIGTERM');
  assert.is(await exited, 0, output);
  assert.not.match(output, /context canceled|Error/, 'the shutdown printed nothing');
  for (let waited = 0; children.some(alive); waited += 50) {
    if (waited > 10_000) assert.unreachable(`still running after watch exited: ${children.filter(alive).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
});

test('Ctrl-C (SIGINT to the whole process group, tsgo and esbuild included): exits 0, nothing left running', async () => {
  // a process group of its own, as a terminal gives the command it runs
  const group = spawn(process.execPath, stackc('watch', '--stacks', `${rel}/stacks`, '--out', `${rel}/out`), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  ctrlC = group;
  let text = '';
  group.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  group.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const done = new Promise<number | null>((resolve) => group.once('exit', (code) => resolve(code)));
  for (let waited = 0; !/^watching /m.test(text); waited += 50) {
    if (waited > 60_000) assert.unreachable(`watch did not start:\n${text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(group.pid)], { encoding: 'utf8' }).split('\n').map((l) => Number(l.trim())).filter(Boolean);
  process.kill(-group.pid!, 'SIGINT');
  assert.is(await done, 0, text);
  for (let waited = 0; children.some(alive); waited += 50) {
    if (waited > 10_000) assert.unreachable(`still running after watch exited: ${children.filter(alive).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
});

/** Running, not a zombie waiting for whoever adopted it to reap it. */
function alive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

test.run();
