// `promtool check config` on the Prometheus configuration: the local profile always; the cluster file when this
// promtool knows Kubernetes service discovery (Debian's 2.42 is built without it, so it cannot judge that file).
import { prometheusFile, prometheusLocalFile } from '../emit/prometheus-config.ts';
import type { JudgeFailure } from './judge.ts';
import { skipped, verdict, type JudgeInput, type Verdict } from './input.ts';
import { lineOwner } from './locate.ts';
import { findTool, missingTool, runTool } from './tools.ts';

/** This promtool was built without a service discovery the file uses: it cannot judge the file, which is not wrong. */
const missingDiscovery = /field kubernetes_sd_configs not found/;

export async function checkConfig({ stack, files, dir }: JudgeInput): Promise<Verdict> {
  if (!files.has(prometheusLocalFile)) return skipped(`the stack emitted no ${prometheusLocalFile}`);
  const promtool = findTool('promtool');
  if (!promtool) return skipped(missingTool('promtool'));
  const failures: JudgeFailure[] = [];
  const notes: string[] = [];
  for (const path of [prometheusLocalFile, prometheusFile].filter((p) => files.has(p))) {
    const run = await runTool(promtool, ['check', 'config', path], dir);
    const name = path.split('/').pop()!;
    if (run.code === 0) {
      const ruleFiles = /SUCCESS: (\d+) rule files? found/.exec(run.output)?.[1] ?? '0';
      notes.push(`${name} valid (${ruleFiles} rule file${ruleFiles === '1' ? '' : 's'})`);
    } else {
      // a cluster file whose only errors are the missing discovery is not judged; any other error is a failure
      const errors = run.output.split('\n').filter((l) => /^\s*line \d+: /.test(l));
      const other = errors.filter((l) => !missingDiscovery.test(l));
      if (path === prometheusFile && errors.length > 0 && other.length === 0) {
        notes.push(`${name} not checked: this promtool has no kubernetes_sd_configs (Debian's 2.42 is built without Kubernetes discovery)`);
        continue;
      }
      for (const error of other.length ? other : [run.output.trim()]) {
        const line = Number(/line (\d+)/.exec(error)?.[1] ?? 0);
        failures.push({ message: `${path}: ${error.trim()}`, ...lineOwner(stack, path, files.get(path)!, line) });
      }
    }
  }
  return verdict(failures, notes.join('; ') || 'no valid configuration');
}
