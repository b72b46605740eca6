// The one YAML writer, with pinned options so the same data always gives the same bytes.
//
// js-yaml decides how every scalar is written (plain, quoted, escaped, `|` block): the rules of YAML 1.1 that
// Prometheus, Alertmanager and Kubernetes read (`yes`, `on`, `0755` must be quoted). This file only lays out the
// block mappings and sequences around those scalars, exactly as js-yaml's dumper does, and remembers each distinct
// scalar's text: a generated stack repeats the same label names, values and durations hundreds of thousands of
// times, and deciding a scalar's style was most of a 10,000-metric stack's 1.9 s of YAML. The `yaml` package parses
// in tests (test/emit/yaml.test.ts), and the same tests hold this writer byte-for-byte to js-yaml's own `dump`.
import { dump, type DumpOptions } from 'js-yaml';

/** YAML 1.1 quoting, no line folding (long PromQL stays on one line), no anchors or aliases, keys in the order the
 *  emitter built them. */
const options: DumpOptions = { indent: 2, lineWidth: -1, noRefs: true, noCompatMode: false, quotingType: '"', sortKeys: false };

/** js-yaml's own output, for data outside the shapes laid out here (it then also throws js-yaml's errors). */
export function toYamlByJsYaml(value: unknown): string {
  return dump(value, options);
}

/** A shape this writer leaves to js-yaml: the whole document is then written by js-yaml. */
class Unusual extends Error {}

const scalars = new Map<unknown, string>();
const keys = new Map<string, string>();

/** A scalar's text as js-yaml writes it as a value: from a document of that scalar alone. */
function scalar(value: string | number | boolean | bigint | null): string {
  let text = scalars.get(value);
  if (text === undefined) {
    text = dump(value, options).slice(0, -1);
    // names, label values and durations repeat; long texts (descriptions, embedded files) rarely do, and would only
    // hold memory
    if (typeof value !== 'string' || value.length <= 80) {
      if (scalars.size > 50_000) scalars.clear();
      scalars.set(value, text);
    }
  }
  return text;
}

/** A mapping key as js-yaml writes it (keys are never `|` blocks); a key js-yaml writes as an explicit `? ` pair
 *  (longer than 1024 characters) is left to js-yaml. */
function key(name: string): string {
  let text = keys.get(name);
  if (text === undefined) {
    const pair = dump({ [name]: null }, options);
    if (pair.startsWith('?') || !pair.endsWith(': null\n')) throw new Unusual();
    text = pair.slice(0, -': null\n'.length);
    if (keys.size > 50_000) keys.clear();
    keys.set(name, text);
  }
  return text;
}

/** A `|` block scalar is indented by its level (at least one step); js-yaml's document of it alone has one step. */
function indentedScalar(text: string, level: number): string {
  if (level <= 1 || !text.startsWith('|')) return text;
  const extra = ' '.repeat(2 * (level - 1));
  const lines = text.split('\n');
  return [lines[0], ...lines.slice(1).map((l) => (l === '' ? l : extra + l))].join('\n');
}

function nextLine(level: number): string {
  return `\n${' '.repeat(2 * level)}`;
}

function isPlainObject(value: object): boolean {
  return Object.prototype.toString.call(value) === '[object Object]';
}

/** js-yaml's writeNode for block context: the text of `value` at `level`, or undefined when it writes nothing. */
function node(value: unknown, level: number, compact: boolean): string | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return indentedScalar(scalar(value), level);
  // a Map keys 0 and -0 as one, and js-yaml writes -0 as -0.0
  if (typeof value === 'number') return Object.is(value, -0) ? '-0.0' : scalar(value);
  if (Array.isArray(value)) return value.length ? sequence(value, level, compact) : '[]';
  if (typeof value === 'object' && isPlainObject(value)) return mapping(value as Record<string, unknown>, level, compact);
  throw new Unusual();
}

function sequence(items: readonly unknown[], level: number, compact: boolean): string {
  let out = '';
  for (const item of items) {
    const text = node(item, level + 1, true) ?? node(null, level + 1, true)!;
    if (!compact || out !== '') out += nextLine(level);
    out += text.charCodeAt(0) === 10 ? '-' : '- ';
    out += text;
  }
  return out;
}

function mapping(object: Readonly<Record<string, unknown>>, level: number, compact: boolean): string {
  let out = '';
  for (const name of Object.keys(object)) {
    const text = node(object[name], level + 1, false);
    if (text === undefined) continue;
    if (!compact || out !== '') out += nextLine(level);
    out += key(name);
    out += text.charCodeAt(0) === 10 ? ':' : ': ';
    out += text;
  }
  // every value undefined: js-yaml writes an empty flow mapping
  return out || '{}';
}

/** The YAML document of `value`, byte-for-byte what js-yaml's `dump` writes with the options above. */
export function toYaml(value: unknown): string {
  try {
    const text = node(value, 0, true);
    return text === undefined ? '' : `${text}\n`;
  } catch (e) {
    if (e instanceof Unusual) return toYamlByJsYaml(value);
    throw e;
  }
}

/** Several YAML documents in one file, as `kubectl apply -f` reads them. */
export function toYamlDocuments(values: readonly unknown[]): string {
  return values.map((v) => toYaml(v)).join('---\n');
}
