// TypeScript's diagnostics as stackc issues: located like every other problem, worded for a stack's author.
// A wrong label or an unknown key gets one line with "did you mean"; anything else keeps TypeScript's text,
// its first line plus the most specific one instead of the whole chain.
import { readFileSync } from 'node:fs';
import { basename, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from 'typescript/unstable/sync';
import type { Issue } from '../issues.ts';
import type { TypeProgram } from './program.ts';
import { deepest, explain, type KeyMistake, type LabelMistake, type ValueMistake } from './site.ts';
import { didYouMean } from './suggest.ts';

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

function labelText(m: LabelMistake): { message: string; hint: string } {
  const parts = m.wrong.map((w) => {
    const near = didYouMean(w, m.labels);
    return `"${w}" is not a label of ${m.series}${near ? `; did you mean "${near}"?` : ''}`;
  });
  const near = m.wrong.map((w) => didYouMean(w, m.labels));
  const hint = m.labels.length === 0
    ? `${m.series} has no labels: aggregate before it with { by: [...] }, or drop the label`
    : near.every(Boolean) && m.wrong.length === 1
      ? `write "${near[0]}" (${m.series} has the labels ${quoted(m.labels)})`
      : `use the labels ${m.series} has: ${quoted(m.labels)}; a label the exporter does not set must be added to the metric's labels first`;
  return { message: parts.join('; '), hint };
}

function valueText(m: ValueMistake): { message: string; hint: string } {
  const near = didYouMean(m.value, m.values);
  return {
    message: `"${m.value}" is not one of the declared values${m.key ? ` of ${m.key}` : ''}${near ? `; did you mean "${near}"?` : ''} Declared: ${quoted(m.values)}.`,
    hint: near ? `write "${near}"` : `use one of the declared values, or declare "${m.value}" where the label is defined`,
  };
}

function keyText(m: KeyMistake): { message: string; hint: string } {
  const near = didYouMean(m.key, m.known);
  const known = m.known.length ? ` Known keys: ${m.known.join(', ')}.` : '';
  return {
    message: `unknown key "${m.key}" in ${m.container}${near ? `; did you mean "${near}"?` : '.'}${known}`,
    hint: near ? `write "${near}"` : `remove "${m.key}"${m.known.length ? ' or use one of the known keys' : ''}`,
  };
}

const hints: Readonly<Record<number, string>> = {
  2304: 'import it from the DSL (dsl/index.ts) or fix its spelling',
  2305: 'import a name the module exports, or fix its spelling',
  2307: 'fix the import path (relative, ending in .ts)',
  2322: 'give a value of the expected type',
  2345: 'pass an argument of the expected type',
  2353: 'remove the key or fix its spelling',
  2554: 'pass the arguments the function expects',
  2769: 'pass arguments that match one of the ways the function can be called',
};

/** First line plus the most specific line of TypeScript's chain, without the lines in between. */
export function flatten(d: Diagnostic): string {
  const last = deepest(d);
  return last === d ? d.text : `${d.text.replace(/\.$/, '')}: ${last.text}`;
}

function fallbackText(d: Diagnostic): { message: string; hint: string } {
  return { message: flatten(d), hint: `${hints[d.code] ?? 'fix the type error'} (TS${d.code}; \`npm run typecheck\` reports it too)` };
}

interface Located { readonly line: number; readonly column: number; readonly text: string; readonly from: number; readonly to: number }

function locate(source: string, pos: number, end: number): Located {
  const before = source.slice(0, pos);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = source.indexOf('\n', pos) < 0 ? source.length : source.indexOf('\n', pos);
  const text = source.slice(lineStart, lineEnd).replace(/\r$/, '');
  const from = pos - lineStart;
  return { line, column: from + 1, text, from, to: Math.max(from + 1, Math.min(end, lineEnd) - lineStart) };
}

/** The stack's logical name: a stack file by its base name, as load errors name it; an imported file by its path. */
function pathOf(file: string, stackFiles: ReadonlySet<string>): string {
  return stackFiles.has(file) ? basename(file, '.ts') : file;
}

/** The reading of a diagnostic, or none: asking the checker is a nicety, and TypeScript's own text still locates
 *  the error when the (unstable) API cannot answer. */
function explained(program: TypeProgram, d: Diagnostic) {
  try {
    return explain(program.project, d);
  } catch {
    return undefined;
  }
}

export function issuesOf(program: TypeProgram, root: string, stackFiles: readonly string[]): Issue[] {
  const rel = (f: string) => relative(root, resolve(root, f)).split(sep).join('/');
  const stacks = new Set(stackFiles.map(rel));
  const sources = new Map<string, string>();
  const sourceOf = (file: string) => {
    if (!sources.has(file)) sources.set(file, readFileSync(file, 'utf8'));
    return sources.get(file)!;
  };
  const issues = program.errors.map((d): Issue => {
    const mistake = explained(program, d);
    const { message, hint } = mistake?.kind === 'label' ? labelText(mistake) : mistake?.kind === 'key' ? keyText(mistake)
      : mistake?.kind === 'value' ? valueText(mistake) : fallbackText(d);
    const code = mistake ? `typecheck/unknown-${mistake.kind}` : `typecheck/TS${d.code}`;
    if (!d.fileName) return { code, where: { file: 'tsconfig.json', line: 1, column: 1 }, path: ['tsconfig.json', 'type error'], message, hint };
    const file = rel(d.fileName);
    const span = mistake?.kind === 'label' && mistake.span ? mistake.span : d;
    const at = locate(sourceOf(d.fileName), span.pos, span.end);
    return {
      code,
      where: { file, line: at.line, column: at.column },
      path: [pathOf(file, stacks), 'type error'],
      message,
      hint,
      expr: { text: at.text, from: at.from, to: at.to },
    };
  });
  return issues.sort((a, b) => a.where.file.localeCompare(b.where.file) || a.where.line - b.where.line || a.where.column - b.where.column);
}
