// `amtool config routes test`: for every route of the stack's routing tree, an alert of the stack that reaches it
// (compiler/routing/route-cases.ts) must be sent to exactly the receivers stackc's walk of the tree predicts.
import { routeCases, type RouteCase } from '../routing/route-cases.ts';
import { allNodes } from '../routing/tree.ts';
import type { JudgeFailure } from './judge.ts';
import { alertmanagerFiles } from './amtool-check-config.ts';
import { tooOld } from './amtool-support.ts';
import { skipped, verdict, type JudgeInput, type Verdict } from './input.ts';
import { findTool, missingTool, ranBy, runTool } from './tools.ts';

const labelArgs = (labels: RouteCase['labels']) => Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);

export async function testRoutes({ stack, files, dir }: JudgeInput): Promise<Verdict> {
  const present = alertmanagerFiles.filter((p) => files.has(p));
  if (present.length === 0) return skipped('the stack emitted no Alertmanager file');
  const amtool = findTool('amtool');
  if (!amtool) return skipped(missingTool('amtool'));
  const { cases, unproven } = routeCases(stack);
  const nodes = new Map(allNodes(stack.alerting).map((n) => [n.name, n]));
  const failures: JudgeFailure[] = [];
  const judged: string[] = [];
  const notes: string[] = [];
  for (const path of present) {
    const old = await tooOld(amtool, files.get(path)!);
    if (old) { notes.push(`${path.split('/').pop()} not judged: ${old}`); continue; }
    judged.push(path);
    for (const c of cases) {
      const expected = c.receivers.join(',');
      const run = await runTool(amtool, ['config', 'routes', 'test', `--config.file=${path}`, `--verify.receivers=${expected}`, ...labelArgs(c.labels)], dir);
      if (run.code === 0) continue;
      const got = run.output.split('\n').filter((l) => l.trim() && !/^(Warning|WARNING):/.test(l)).join(' ').trim();
      const node = nodes.get(c.route);
      failures.push({
        message: `${path}: an alert {${labelArgs(c.labels).join(', ')}} went to ${got || '(nothing)'}; the stack routes ${c.route === 'default' ? 'alerts no route takes' : c.route} to ${expected}`,
        where: node && !node.route.derived ? node.source : stack.alerting.source,
        path: [stack.name, 'alerting', `route ${c.route}`],
      });
    }
  }
  if (judged.length === 0) return skipped(notes.join('; '));
  const summary = `${cases.length} routes × ${judged.length} file${judged.length === 1 ? '' : 's'}` +
    (unproven.length ? `; not proven: ${unproven.map((u) => `${u.route} (${u.reason})`).join(', ')}` : '') +
    (notes.length ? `; ${notes.join('; ')}` : '');
  return ranBy(amtool, verdict(failures, summary));
}
