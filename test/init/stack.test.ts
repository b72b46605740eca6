// The stack init writes is a real one: it type-checks, loads, compiles without an issue, and every judge of
// `stackc verify` accepts what it compiles to. The scaffold imports 'stackc'; here that specifier is pointed at this
// repository's DSL, which is what the package exports as 'stackc'.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileStacks, loadStacks } from '../../compiler/compile.ts';
import { CompileError } from '../../compiler/issues.ts';
import { typecheckStackFiles } from '../../compiler/typecheck/index.ts';
import { verifyStack } from '../../compiler/verify/verify.ts';
import { requireTool, root } from '../helpers/stack.ts';
import { cleanUp, init, scratch } from './helpers.ts';

requireTool('promtool', 'prometheus');
requireTool('amtool', 'prometheus-alertmanager');

const dsl = join(root, 'dsl/index.ts');
const importOfStackc = /from 'stackc';/;

/** The stack file init writes into a folder named `folder`. */
async function scaffoldedStack(folder: string): Promise<{ name: string; text: string }> {
  const cwd = scratch();
  const r = await init(cwd, folder);
  assert.is(r.code, 0, r.err);
  const name = /stacks\/([a-z0-9-]+)\.ts/.exec(r.out)![1]!;
  const text = readFileSync(join(cwd, folder, 'stacks', `${name}.ts`), 'utf8');
  return { name, text };
}

/** `text` with 'stackc' pointed at `specifier`, in a stacks/ folder of its own under `dir`. */
function stackFolder(dir: string, name: string, text: string, specifier: string): string {
  assert.match(text, importOfStackc, 'the scaffold imports from \'stackc\'');
  const stacks = join(dir, 'stacks');
  mkdirSync(stacks, { recursive: true });
  writeFileSync(join(stacks, `${name}.ts`), text.replace(importOfStackc, `from '${specifier}';`));
  return stacks;
}

async function compiled(folder: string) {
  const { name, text } = await scaffoldedStack(folder);
  const loaded = await loadStacks(stackFolder(scratch(), name, text, pathToFileURL(dsl).href), root);
  assert.equal(loaded.issues, []);
  try {
    return compileStacks(loaded.stacks);
  } catch (e) {
    if (e instanceof CompileError) assert.unreachable(e.issues.map((i) => `${i.code}: ${i.message}`).join('\n'));
    throw e;
  }
}

test.after(cleanUp);

test('the scaffolded stack imports only from \'stackc\'', async () => {
  const { text } = await scaffoldedStack('orders');
  const imports = [...text.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
  assert.equal(imports, ['stackc']);
  assert.not.match(text, /^\s*import\b(?!.* from 'stackc';$)/m);
});

test('the scaffolded stack type-checks under the compile\'s own check', async () => {
  const { name, text } = await scaffoldedStack('orders');
  const dir = join(root, '.tmp', `init-${process.pid}`);
  try {
    const stacks = stackFolder(dir, name, text, relative(join(dir, 'stacks'), dsl));
    const issues = typecheckStackFiles([join(stacks, `${name}.ts`)], root);
    assert.equal(issues.map((i) => `${i.where.line}: ${i.message}`), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the scaffolded stack compiles without an issue: request metrics, a gauge, its alert with derived tests, a dashboard, a receiver', async () => {
  const { stack, files } = (await compiled('orders'))[0]!;
  assert.is(stack.name, 'orders');
  assert.equal(stack.metrics.map((m) => m.kind), ['counter', 'histogram', 'gauge']);
  const alerts = stack.ruleGroups.flatMap((g) => g.rules).filter((r) => r.kind === 'alert');
  assert.is(alerts.length, 1);
  assert.ok(files.has('prometheus/alerts.yml'));
  assert.ok([...files.keys()].some((f) => f.startsWith('prometheus/tests/')), 'rule tests are derived');
  assert.is([...files.keys()].filter((f) => f.startsWith('grafana/dashboards/')).length, 1);
  assert.ok(files.has('exporter/registry.gen.ts'));
  assert.is(stack.alerting.receivers.length, 1);
  assert.ok(stack.alerting.receivers[0]!.notifiers.length > 0, 'the receiver notifies someone');
});

test('the scaffold declares the two metrics the request middleware records, with exactly the labels it needs', async () => {
  const { stack } = (await compiled('orders'))[0]!;
  // exporter/middleware.ts: a counter labelled exactly {method, route, status}, a histogram in seconds labelled {route}
  const shape = (kind: string, labels: readonly string[]) => stack.metrics.filter((m) => m.kind === kind && [...m.labels].sort().join() === labels.join());
  assert.is(shape('counter', ['method', 'route', 'status']).length, 1);
  const histograms = shape('histogram', ['route']);
  assert.is(histograms.length, 1);
  assert.is(histograms[0]!.unit, 'seconds');
});

test('every judge of stackc verify accepts the compiled scaffold', async () => {
  const results = await verifyStack((await compiled('Shop Backend'))[0]!, { live: false });
  const notPassed = results.filter((r) => r.status !== 'passed');
  assert.equal(notPassed.map((r) => `${r.judge}: ${r.status} ${r.summary}\n${r.failures.map((f) => f.message).join('\n')}`), []);
  assert.ok(results.some((r) => r.judge === 'promtool check rules'));
  assert.ok(results.some((r) => r.judge === 'promtool test rules'));
});

test.run();
