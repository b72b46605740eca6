// Which promtool judges a stack: the built Prometheus 3 one (scripts/build-judges.sh) on every stack, and Debian's
// 2.42 on PATH as well when the stack targets Prometheus 2, or alone where no Go build was possible.
import type { Stack } from '../model.ts';
import { builtJudge } from './built-judges.ts';
import type { Verdict } from './input.ts';
import { onPath, toolVersion } from './tools.ts';

export interface Promtool {
  readonly path: string;
  /** `promtool 3.16.0`. */
  readonly version: string;
  /** `3`, `2`: the major version, compared with the stack's target. */
  readonly major: string;
}

async function described(path: string): Promise<Promtool> {
  const version = await toolVersion(path);
  return { path, version, major: /\s(\d+)\./.exec(version)?.[1] ?? '?' };
}

/** The promtools for `stack`, the built one first; empty when there is none. */
export async function promtoolsFor(stack: Stack): Promise<Promtool[]> {
  const built = builtJudge('promtool');
  const debian = onPath('promtool');
  const paths = new Set([built, !built || stack.target.prometheus === '2' ? debian : undefined].filter((p): p is string => p !== undefined));
  return Promise.all([...paths].map(described));
}

/** One verdict from each promtool's: failed when one failed; each failure and summary says which version said it. */
export async function eachPromtool(promtools: readonly Promtool[], judge: (path: string) => Promise<Verdict>): Promise<Verdict> {
  const verdicts = await Promise.all(promtools.map(async (p) => ({ p, v: await judge(p.path) })));
  const many = verdicts.length > 1;
  return {
    status: verdicts.some(({ v }) => v.status === 'failed') ? 'failed' : verdicts.every(({ v }) => v.status === 'skipped') ? 'skipped' : 'passed',
    summary: verdicts.map(({ p, v }) => `${p.version}: ${v.summary}`).join('; '),
    failures: verdicts.flatMap(({ p, v }) => v.failures.map((f) => (many ? { ...f, message: `[${p.version}] ${f.message}` } : f))),
  };
}
