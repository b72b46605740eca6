// `stackc conform [stack] <url>`: scrapes a running app's /metrics and reports where it departs from the stack:
// series missing, families not declared, wrong types, undeclared labels or values. Exit 0 when it conforms, 1 when
// it does not, 2 when the scrape or the arguments fail: a CI step or a deploy check can gate on it.
import { commandArgs } from '../command-args.ts';
import { defaultStacksDir, selectStack, StackError, UsageError } from '../../scripts/local/stacks.ts';
import { conformance, type Conformance } from './check.ts';
import { ExpositionError, readExposition } from './exposition.ts';

const usage = `Usage: stackc conform [stack] <url>

Scrapes <url> (an app's metrics endpoint, e.g. http://127.0.0.1:9464/metrics) and checks what it serves against
the stack: every metric without labels, and every combination the registry starts at 0, must be served; every
family served must be declared (the registries' self-metrics and client runtime metrics such as process_* and go_*
are left alone), with its declared type, labels and label values.

Options:
  --stacks DIR     where stack files are (default: ${defaultStacksDir})
  --timeout MS     how long the scrape may take (default 10000)
  -h, --help       show this help

Exit code: 0 conforms, 1 does not, 2 the scrape or the arguments failed.`;

export function report(c: Conformance, url: string): string {
  const lines = c.findings.map((f) => `✘ ${f.kind.padEnd(10)} ${f.message}`);
  if (c.notYetSeen.length) lines.push(`· not served yet (labelled series appear on their first update): ${c.notYetSeen.join(', ')}`);
  lines.push(c.findings.length === 0 ? `✔ ${url} conforms to the stack` : `${c.findings.length} finding${c.findings.length === 1 ? '' : 's'}: ${url} does not conform to the stack`);
  return lines.join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const args = commandArgs(argv, { stacks: { type: 'string' }, timeout: { type: 'string' } }, usage);
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length < 1 || positionals.length > 2) {
    console.error(`give the URL to scrape, after the stack's name when there are several\n\n${usage}`);
    return 2;
  }
  const url = positionals.at(-1)!;
  const timeout = Number(values.timeout ?? 10_000);
  let compiled;
  try {
    compiled = await selectStack(positionals.length === 2 ? positionals[0] : undefined, values.stacks);
  } catch (e) {
    if (e instanceof UsageError) { console.error(`${e.message}\n\n${usage}`); return 2; }
    if (e instanceof StackError) { console.error(e.message); return 2; }
    throw e;
  }
  let text: string;
  try {
    // the classic text format, which every client library serves; OpenMetrics' extras are read too
    const response = await fetch(url, { headers: { accept: 'text/plain;version=0.0.4;q=1,*/*;q=0.1' }, signal: AbortSignal.timeout(timeout) });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    text = await response.text();
  } catch (e) {
    console.error(`could not scrape ${url}: ${(e as Error).message}`);
    return 2;
  }
  let families;
  try {
    families = readExposition(text);
  } catch (e) {
    if (!(e instanceof ExpositionError)) throw e;
    console.error(`${url} does not serve the Prometheus text format: ${e.message}`);
    return 2;
  }
  const result = conformance(compiled.stack, families);
  console.log(report(result, url));
  return result.findings.length === 0 ? 0 : 1;
}
