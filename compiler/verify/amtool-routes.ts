// `amtool config routes test`: for every route of the stack's routing tree, an alert that route matches must reach
// the receiver the stack names (one per severity, and one without a severity for the default route).
import { severities, type Severity, type Stack } from '../model.ts';
import type { JudgeFailure } from './judge.ts';
import { alertmanagerFiles } from './amtool-check-config.ts';
import { skipped, verdict, type JudgeInput, type Verdict } from './input.ts';
import { findTool, missingTool, ranBy, runTool } from './tools.ts';

export interface RouteCase {
  /** `severity="critical"`, or `default` for an alert without a known severity. */
  readonly route: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly receiver: string;
}

/** One alert per route, from the model: a real alert of that severity when the stack has one (its own labels). */
export function routeCases(stack: Stack): RouteCase[] {
  const alerts = stack.ruleGroups.flatMap((g) => g.rules).flatMap((r) => (r.kind === 'alert' ? [r] : []));
  const bySeverity = (s: Severity): RouteCase => {
    const alert = alerts.find((a) => a.severity === s);
    const labels = alert ? { alertname: alert.name, ...alert.labels, severity: s } : { alertname: `Any${s[0]!.toUpperCase()}${s.slice(1)}Alert`, severity: s };
    return { route: `severity="${s}"`, labels, receiver: stack.alerting.routes[s] };
  };
  const unrouted = { route: 'default', labels: { alertname: 'AlertWithoutSeverity' }, receiver: stack.alerting.defaultReceiver };
  return [...[...severities].reverse().map(bySeverity), unrouted];
}

const labelArgs = (labels: RouteCase['labels']) => Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);

export async function testRoutes({ stack, files, dir }: JudgeInput): Promise<Verdict> {
  const present = alertmanagerFiles.filter((p) => files.has(p));
  if (present.length === 0) return skipped('the stack emitted no Alertmanager file');
  const amtool = findTool('amtool');
  if (!amtool) return skipped(missingTool('amtool'));
  const cases = routeCases(stack);
  const failures: JudgeFailure[] = [];
  for (const path of present) {
    for (const c of cases) {
      const run = await runTool(amtool, ['config', 'routes', 'test', `--config.file=${path}`, `--verify.receivers=${c.receiver}`, ...labelArgs(c.labels)], dir);
      if (run.code === 0) continue;
      const got = run.output.split('\n').filter((l) => l.trim() && !/^(Warning|WARNING):/.test(l)).join(' ').trim();
      failures.push({
        message: `${path}: an alert {${labelArgs(c.labels).join(', ')}} went to ${got || '(nothing)'}; the stack routes ${c.route === 'default' ? 'alerts without a severity' : c.route} to ${c.receiver}`,
        where: stack.alerting.source,
        path: [stack.name, 'alerting', `route ${c.route}`],
      });
    }
  }
  return ranBy(amtool, verdict(failures, `${cases.length} routes × ${present.length} file${present.length === 1 ? '' : 's'}`));
}
