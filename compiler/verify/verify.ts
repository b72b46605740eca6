// Judging compiled stacks: each stack's files in a scratch folder, every judge of the table on them, then (with
// --live) the live judge. A judge that throws is a failed line; it never stops the other judges or stacks.
import type { CompiledStack } from '../compile.ts';
import type { JudgeResult } from './judge.ts';
import { judges as allJudges, type NamedJudge } from './judges.ts';
import type { JudgeInput } from './input.ts';
import { judgeLive } from './live.ts';
import { withScratch } from './scratch.ts';

export interface VerifyOptions {
  /** Also run the live judge (Prometheus and Alertmanager on loopback). */
  readonly live: boolean;
  /** The judges to run; every judge of the table by default. */
  readonly judges?: readonly NamedJudge[];
}

function crashed(judge: string, stack: string, error: unknown): JudgeResult {
  const message = error instanceof Error ? error.message : String(error);
  return { judge, stack, status: 'failed', summary: `the judge crashed: ${message.split('\n')[0]}`, failures: [{ message }] };
}

export async function runJudge(judge: NamedJudge, input: JudgeInput): Promise<JudgeResult> {
  try {
    return { judge: judge.name, stack: input.stack.name, ...(await judge.run(input)) };
  } catch (e) {
    return crashed(judge.name, input.stack.name, e);
  }
}

/** Every judge's verdict on one compiled stack, in table order, the live judge's last. */
export async function verifyStack({ stack, files }: CompiledStack, options: VerifyOptions): Promise<JudgeResult[]> {
  return withScratch(stack.name, files, async (dir) => {
    const results: JudgeResult[] = [];
    for (const judge of options.judges ?? allJudges) results.push(await runJudge(judge, { stack, files, dir }));
    if (options.live) {
      try {
        results.push(...(await judgeLive({ stack, dir })));
      } catch (e) {
        results.push(crashed('live', stack.name, e));
      }
    }
    return results;
  });
}
