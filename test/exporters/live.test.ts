// The live judge with the real node_exporter (Debian's prometheus-node-exporter): a stack listing nodeExporter() gets
// it started on a free loopback port and scraped through the compiled local profile, its target labelled as in the
// cluster and the node series the stack queries returning data; a profile that labels it otherwise fails at the
// exporter's line. The database exporters are not started, and the rules and panels over their series say why.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { prometheusLocalFile } from '../../compiler/emit/prometheus-config.ts';
import { judgeLive, liveJudges } from '../../compiler/verify/live.ts';
import { queriedOf } from '../../compiler/verify/live-exporters.ts';
import { livePlan } from '../../compiler/verify/live-plan.ts';
import { localExporterPlan } from '../../scripts/local/stack-exporters.ts';
import fixture from '../fixtures/exporters-stack.ts';
import { compileValid, requireTool } from '../helpers/stack.ts';

const { model, files } = compileValid(fixture);
const node = model.exporters.find((e) => e.exporter === 'node')!;
const databases = model.exporters.filter((e) => e.exporter !== 'node');
const dirs: string[] = [];

function compiledDir(edit: (path: string, content: string) => string = (_, c) => c): string {
  const dir = mkdtempSync(join(tmpdir(), 'stackc-exporters-live-'));
  dirs.push(dir);
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), edit(path, content));
  }
  return dir;
}

test('the real node_exporter is scraped with namespace, pod, instance and job, and the node series queried have data', async () => {
  requireTool('prometheus', 'prometheus');
  requireTool('prometheus-node-exporter', 'prometheus-node-exporter');
  const results = await judgeLive({ stack: model, dir: compiledDir() });
  assert.equal(results.map((r) => r.judge), [...liveJudges]);
  for (const r of results) assert.is(r.status, 'passed', `${r.judge}: ${r.summary}\n${r.failures.map((f) => f.message).join('\n')}`);
  const scrape = results.find((r) => r.judge === 'live: scrape')!.summary;
  const queried = queriedOf(model, node.catalog);
  assert.ok(queried.length > 0, 'the fixture queries node series');
  assert.match(scrape, `${node.name} scraped with job, instance, namespace and pod; ${queried.length} of ${queried.length} queried series have data (${queried.join(', ')})`);
  for (const e of databases) assert.match(scrape, `${e.name} not started: it needs a`);
  // the panel over a database exporter's series is not run, and says why; the node panels are
  const panels = results.find((r) => r.judge === 'live: panel queries')!.summary;
  assert.match(panels, /needs pg_up \(postgres-exporter\), whose exporter the run does not start/);
});

test('a local profile that labels the node target otherwise fails the scrape at the exporter\'s line', async () => {
  requireTool('prometheus-node-exporter', 'prometheus-node-exporter');
  const dir = compiledDir((path, content) => (path === prometheusLocalFile ? content.replace(`pod: ${node.name}-0`, `pod: ${node.name}-local`) : content));
  const results = await judgeLive({ stack: model, dir });
  const scrape = results.find((r) => r.judge === 'live: scrape')!;
  assert.is(scrape.status, 'failed');
  const failure = scrape.failures.find((f) => f.message.includes(`the ${node.name} target carries pod="${node.name}-local"`));
  assert.ok(failure, scrape.failures.map((f) => f.message).join('\n'));
  assert.equal(failure!.where, node.source);
});

test('without node_exporter installed, it is not started, naming the Debian package, and its series are not judged', () => {
  const empty = mkdtempSync(join(tmpdir(), 'stackc-nopath-'));
  dirs.push(empty);
  const plan = localExporterPlan(model, empty);
  assert.is(plan.binaries.size, 0);
  const reason = plan.notStarted.find((n) => n.exporter === node)!.reason;
  assert.is(reason, 'prometheus-node-exporter is not installed (Debian package prometheus-node-exporter)');
  const live = livePlan(model, new Set());
  assert.ok(live.panelsExcluded.some((p) => p.item.panel === 'Load' && /needs node_load1 \(node-exporter\), whose exporter the run does not start/.test(p.reason)));
  assert.ok(livePlan(model, new Set([node.name])).panels.some((p) => p.panel === 'Load'));
});

test.after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

test.run();
