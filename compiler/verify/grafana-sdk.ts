// The dashboards decoded strictly into the Grafana Foundation SDK's Go types by grafana-dashboards (tools/judges/grafana,
// built by scripts/build-judges.sh): an unknown field, a wrong type or a missing required field anywhere in the
// dashboard, its panels' options and field config or their Prometheus targets fails, at its JSON path. It is the
// second reading of the same published model beside `grafana types` (tsc): Go's decoder, not TypeScript's checker.
import { dashboardsDir } from '../emit/grafana.ts';
import { builtJudge } from './built-judges.ts';
import type { JudgeFailure } from './judge.ts';
import { skipped, verdict, type JudgeInput, type Verdict } from './input.ts';
import { panelOf } from './locate.ts';
import { ranBy, runTool } from './tools.ts';

export const grafanaJudge = 'grafana-dashboards';

/** `FILE: PATH: MESSAGE`, one per line (tools/judges/grafana/main.go). */
const failureLine = /^(.+?): (\S+): (.*)$/;

interface PanelJson { readonly id?: number; readonly panels?: readonly PanelJson[] }

/** The id of the panel a JSON path is in (`panels[3].options…`, `panels[1].panels[0]…`), if it is in one. */
export function panelAt(dashboard: string, path: string): number | undefined {
  const [, outer, inner] = /^panels\[(\d+)\](?:\.panels\[(\d+)\])?/.exec(path) ?? [];
  if (outer === undefined) return undefined;
  try {
    const top = (JSON.parse(dashboard) as { panels?: PanelJson[] }).panels?.[Number(outer)];
    return (inner === undefined ? top : top?.panels?.[Number(inner)])?.id;
  } catch {
    return undefined;
  }
}

export async function checkDashboardsStrictly({ stack, files, dir }: JudgeInput): Promise<Verdict> {
  const dashboards = [...files.keys()].filter((p) => p.startsWith(`${dashboardsDir}/`) && p.endsWith('.json'));
  if (dashboards.length === 0) return skipped('the stack has no dashboards');
  const tool = builtJudge(grafanaJudge);
  // an installed stackc has no tools/ folder to build it from; the tsc judge of the same types still runs
  if (!tool) return skipped(`${grafanaJudge} is not built (bash scripts/build-judges.sh builds it from tools/judges/grafana in a checkout of stackc)`);
  const run = await runTool(tool, dashboards, dir);
  if (run.code !== 0 && run.code !== 1) return { status: 'failed', summary: `${grafanaJudge} could not run (exit ${run.code})`, failures: [{ message: run.output.trim() }] };
  const failures: JudgeFailure[] = run.output.split('\n').filter((l) => l.trim()).map((line) => {
    const m = failureLine.exec(line);
    if (!m) return { message: line };
    const [, file = '', path = '', message = ''] = m;
    const panel = panelAt(files.get(file) ?? '', path);
    return { message: `${file} at ${path}: ${message}`, ...panelOf(stack, file, panel) };
  });
  if (run.code === 1 && failures.length === 0) failures.push({ message: `${grafanaJudge} failed without saying why` });
  return ranBy(tool, verdict(failures, `${dashboards.length} dashboard${dashboards.length === 1 ? '' : 's'} decoded strictly`));
}
