// Every emitted YAML and JSON file parses cleanly (no duplicate keys, no warnings) with the `yaml` package /
// JSON.parse, and its data survives being serialised again and re-parsed: what a tool reads is what stackc meant.
import { isDeepStrictEqual } from 'node:util';
import { LineCounter, parseAllDocuments, stringify, type YAMLError } from 'yaml';
import type { JudgeFailure } from './judge.ts';
import { skipped, verdict, type JudgeInput, type Verdict } from './input.ts';
import { lineOwner } from './locate.ts';

/** The first place two values differ, as a path (`groups[0].rules[3].expr`), or undefined when they are equal. */
export function firstDifference(a: unknown, b: unknown, at = ''): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], Array.isArray(a) ? `${at}[${k}]` : `${at}.${k}`);
      if (d) return d;
    }
  }
  return at || '(the whole document)';
}

/** Problems of one YAML file: parse errors and warnings with their line, then data that does not survive a round trip. */
/** Parse errors and warnings of `text` read as YAML, each with its 1-based line. */
function parseProblems(text: string): { docs: ReturnType<typeof parseAllDocuments>; problems: { line: number; message: string }[] } {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  const problems = docs.flatMap((d) => [...d.errors, ...d.warnings]).map((e: YAMLError) => ({ line: lines.linePos(e.pos[0]).line, message: e.message }));
  return { docs, problems };
}

export function yamlProblems(text: string): { line: number; message: string }[] {
  const { docs, problems } = parseProblems(text);
  if (problems.length) return problems;
  const data = docs.map((d) => d.toJS() as unknown);
  const again = parseAllDocuments(data.map((x) => stringify(x)).join('---\n')).map((d) => d.toJS() as unknown);
  const diff = firstDifference(data, again);
  return diff ? [{ line: 1, message: `the data at ${diff} changes when serialised and parsed again` }] : [];
}

export function jsonProblems(text: string): { line: number; message: string }[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const at = Number(/position (\d+)/.exec((e as Error).message)?.[1] ?? 0);
    return [{ line: text.slice(0, at).split('\n').length, message: (e as Error).message }];
  }
  // JSON is YAML: the yaml parser also catches duplicate keys, which JSON.parse silently resolves to the last one
  const duplicate = parseProblems(text).problems[0];
  if (duplicate) return [duplicate];
  const diff = firstDifference(data, JSON.parse(JSON.stringify(data)));
  return diff ? [{ line: 1, message: `the data at ${diff} changes when serialised and parsed again` }] : [];
}

export async function roundTrip({ stack, files }: JudgeInput): Promise<Verdict> {
  const data = [...files].filter(([p]) => /\.(ya?ml|json)$/.test(p));
  if (data.length === 0) return skipped('the stack emitted no YAML or JSON');
  const failures: JudgeFailure[] = [];
  for (const [path, text] of data) {
    const problems = path.endsWith('.json') ? jsonProblems(text) : yamlProblems(text);
    for (const p of problems) failures.push({ message: `${path}:${p.line}: ${p.message}`, ...lineOwner(stack, path, text, p.line) });
  }
  const yaml = data.filter(([p]) => !p.endsWith('.json')).length;
  return verdict(failures, `${yaml} YAML and ${data.length - yaml} JSON files`);
}
