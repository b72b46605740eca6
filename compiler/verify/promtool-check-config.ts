// `promtool check config` on the Prometheus configuration: the local profile always; the cluster file when this
// promtool knows Kubernetes service discovery (Debian's 2.42 is built without it, so it cannot judge that file).
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { prometheusFile, prometheusLocalFile } from '../emit/prometheus-config.ts';
import type { JudgeFailure } from './judge.ts';
import { skipped, verdict, type JudgeInput, type Verdict } from './input.ts';
import { lineOwner } from './locate.ts';
import { eachPromtool, promtoolsFor } from './promtools.ts';
import { missingTool, runTool } from './tools.ts';

/** This promtool was built without a service discovery the file uses: it cannot judge the file, which is not wrong. */
const missingDiscovery = /field kubernetes_sd_configs not found/;

/** Files only a pod has: its service account's token and CA certificate. */
const podFiles = /\/var\/run\/secrets\/[^\s"']+/g;

/** promtool 3 checks that credential files exist; the cluster file names the pod's. The check then runs on a copy
 *  beside it (rule files are found relative to it) naming empty stand-ins, line for line the same. */
function withPodFilesStoodIn(dir: string, path: string, content: string): string {
  if (content.search(podFiles) < 0) return path;
  const standIns = join(dir, '.pod-files');
  mkdirSync(standIns, { recursive: true });
  const copy = content.replace(podFiles, (file) => {
    const standIn = join(standIns, file.replace(/\//g, '_'));
    writeFileSync(standIn, '');
    return standIn;
  });
  const copyPath = join(dirname(path), `.pod-files.${basename(path)}`);
  writeFileSync(join(dir, copyPath), copy);
  return copyPath;
}

export async function checkConfig({ stack, files, dir }: JudgeInput): Promise<Verdict> {
  if (!files.has(prometheusLocalFile)) return skipped(`the stack emitted no ${prometheusLocalFile}`);
  const promtools = await promtoolsFor(stack);
  if (promtools.length === 0) return skipped(missingTool('promtool'));
  return eachPromtool(promtools, (promtool) => checkWith(promtool, { stack, files, dir }));
}

async function checkWith(promtool: string, { stack, files, dir }: JudgeInput): Promise<Verdict> {
  const failures: JudgeFailure[] = [];
  const notes: string[] = [];
  for (const path of [prometheusLocalFile, prometheusFile].filter((p) => files.has(p))) {
    const run = await runTool(promtool, ['check', 'config', withPodFilesStoodIn(dir, path, files.get(path)!)], dir);
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
