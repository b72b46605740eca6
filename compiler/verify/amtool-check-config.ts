// `amtool check-config` on every Alertmanager file: Alertmanager's own configuration loader.
import { alertmanagerFile, alertmanagerLocalFile } from '../emit/alertmanager.ts';
import type { JudgeFailure } from './judge.ts';
import { tooOld } from './amtool-support.ts';
import { skipped, verdict, type JudgeInput, type Verdict } from './input.ts';
import { lineOwner } from './locate.ts';
import { findTool, missingTool, ranBy, runTool } from './tools.ts';

export const alertmanagerFiles = [alertmanagerFile, alertmanagerLocalFile];

export async function checkAlertmanagerConfig({ stack, files, dir }: JudgeInput): Promise<Verdict> {
  const present = alertmanagerFiles.filter((p) => files.has(p));
  if (present.length === 0) return skipped('the stack emitted no Alertmanager file');
  const amtool = findTool('amtool');
  if (!amtool) return skipped(missingTool('amtool'));
  const failures: JudgeFailure[] = [];
  const found: string[] = [];
  const notes: string[] = [];
  for (const path of present) {
    const old = await tooOld(amtool, files.get(path)!);
    if (old) { notes.push(`${path.split('/').pop()} not judged: ${old}`); continue; }
    const run = await runTool(amtool, ['check-config', path], dir);
    if (run.code === 0) {
      const receivers = /(\d+) receivers?/.exec(run.output)?.[1];
      const inhibit = /(\d+) inhibit rules?/.exec(run.output)?.[1];
      found.push(`${path.split('/').pop()} (${receivers ?? '?'} receivers, ${inhibit ?? '?'} inhibit rules)`);
      continue;
    }
    const detail = run.output.split('\n').filter((l) => l.trim() && !l.startsWith('Warning:')).join('\n').trim();
    const line = Number(/line (\d+)/.exec(detail)?.[1] ?? 0);
    // Alertmanager names a receiver in quotes when one is wrong or missing
    const receiver = stack.alerting.receivers.find((r) => detail.includes(`"${r.name}"`));
    const at = receiver ? { where: receiver.source, path: [stack.name, 'alerting', `receiver ${receiver.name}`] } : lineOwner(stack, path, files.get(path)!, line);
    failures.push({ message: `${path}: ${detail}`, ...at });
  }
  if (found.length + failures.length === 0 && notes.length) return skipped(notes.join('; '));
  return ranBy(amtool, verdict(failures, [found.length ? found.join(', ') : `${present.length} files`, ...notes].join('; ')));
}
