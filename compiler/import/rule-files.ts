// Reading Prometheus rule files (`groups:` of alerting and recording rules) into plain data, keeping every field
// stackc can write back: a wrong shape is the user's mistake, reported with the file and the group or rule.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

export interface ImportedAlert {
  readonly kind: 'alert';
  readonly name: string;
  readonly expr: string;
  readonly for?: string;
  readonly keepFiringFor?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface ImportedRecording {
  readonly kind: 'recording';
  readonly name: string;
  readonly expr: string;
  readonly labels: Readonly<Record<string, string>>;
}

export type ImportedRule = ImportedAlert | ImportedRecording;

export interface ImportedGroup {
  readonly name: string;
  readonly file: string;
  readonly interval?: string;
  readonly queryOffset?: string;
  readonly limit?: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly rules: readonly ImportedRule[];
}

/** A rule file that is not a Prometheus rule file: what is wrong, and where. */
export class RuleFileError extends Error {}

type Yaml = Record<string, unknown>;

const groupKeys = new Set(['name', 'interval', 'query_offset', 'limit', 'labels', 'rules']);
const ruleKeys = new Set(['alert', 'record', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);

function isMap(v: unknown): v is Yaml {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** YAML scalars as Prometheus reads them into strings: `for: 5m` and `expr: 1` alike. */
function text(v: unknown, where: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new RuleFileError(`${where} must be a string`);
}

function stringMap(v: unknown, where: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isMap(v)) throw new RuleFileError(`${where} must be a map of names to strings`);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, text(x, `${where}.${k}`)]));
}

function unknownKeys(m: Yaml, known: ReadonlySet<string>, where: string): void {
  const extra = Object.keys(m).filter((k) => !known.has(k));
  if (extra.length) throw new RuleFileError(`${where} has ${extra.map((k) => `"${k}"`).join(', ')}, which Prometheus does not read`);
}

function rule(r: unknown, where: string): ImportedRule {
  if (!isMap(r)) throw new RuleFileError(`${where} must be a map`);
  unknownKeys(r, ruleKeys, where);
  if (r.expr === undefined) throw new RuleFileError(`${where} has no expr`);
  const expr = text(r.expr, `${where}.expr`);
  const labels = stringMap(r.labels, `${where}.labels`);
  if (r.alert !== undefined && r.record !== undefined) throw new RuleFileError(`${where} has both alert and record`);
  if (r.record !== undefined) {
    if (r.for !== undefined || r.annotations !== undefined || r.keep_firing_for !== undefined) {
      throw new RuleFileError(`${where} is a recording rule: for, keep_firing_for and annotations belong to alerts`);
    }
    return { kind: 'recording', name: text(r.record, `${where}.record`), expr, labels };
  }
  if (r.alert === undefined) throw new RuleFileError(`${where} has neither alert nor record`);
  return {
    kind: 'alert',
    name: text(r.alert, `${where}.alert`),
    expr,
    ...(r.for !== undefined ? { for: text(r.for, `${where}.for`) } : {}),
    ...(r.keep_firing_for !== undefined ? { keepFiringFor: text(r.keep_firing_for, `${where}.keep_firing_for`) } : {}),
    labels,
    annotations: stringMap(r.annotations, `${where}.annotations`),
  };
}

function group(g: unknown, file: string, i: number): ImportedGroup {
  const at = `${file}: groups[${i}]`;
  if (!isMap(g)) throw new RuleFileError(`${at} must be a map`);
  if (g.name === undefined) throw new RuleFileError(`${at} has no name`);
  const name = text(g.name, `${at}.name`);
  const where = `${file}: group ${name}`;
  unknownKeys(g, groupKeys, where);
  if (!Array.isArray(g.rules)) throw new RuleFileError(`${where} has no list of rules`);
  if (g.limit !== undefined && typeof g.limit !== 'number') throw new RuleFileError(`${where}.limit must be a number`);
  return {
    name,
    file,
    ...(g.interval !== undefined ? { interval: text(g.interval, `${where}.interval`) } : {}),
    ...(g.query_offset !== undefined ? { queryOffset: text(g.query_offset, `${where}.query_offset`) } : {}),
    ...(typeof g.limit === 'number' && g.limit !== 0 ? { limit: g.limit } : {}),
    labels: stringMap(g.labels, `${where}.labels`),
    rules: g.rules.map((r, j) => rule(r, `${where}: rules[${j}]`)),
  };
}

/** The groups of one rule file's text; `file` names it in errors. */
export function parseRuleFile(source: string, file: string): ImportedGroup[] {
  let doc: unknown;
  try {
    doc = load(source);
  } catch (e) {
    throw new RuleFileError(`${file} is not YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (doc === undefined || doc === null) return [];
  if (!isMap(doc) || !Array.isArray(doc.groups)) throw new RuleFileError(`${file} is not a rule file: it has no list of groups`);
  unknownKeys(doc, new Set(['groups']), file);
  return doc.groups.map((g, i) => group(g, file, i));
}

/** The groups of every file, in the order given. */
export function readRuleFiles(paths: readonly string[], display: (path: string) => string = (p) => p): ImportedGroup[] {
  return paths.flatMap((p) => parseRuleFile(readFileSync(p, 'utf8'), display(p)));
}
