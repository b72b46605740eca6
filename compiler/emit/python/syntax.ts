// Python source pieces for the generated registry: string and number literals, identifiers that cannot clash with
// Python's keywords or with each other, and `def` lines wrapped when long. No Python runs here: mypy --strict and
// the interpreter judge what comes out (test/registries/).

/** Python's hard keywords: never a parameter or attribute name. */
const keywords = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

const shortEscapes: Readonly<Record<string, string>> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A double-quoted Python string literal, printable ASCII only so the file reads the same in any editor: other
 *  characters as \xHH, \uXXXX or \UXXXXXXXX by code point (a JSON-style surrogate pair would be two characters
 *  in Python). */
export function pyString(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (shortEscapes[char]) out += shortEscapes[char];
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (code < 0x100) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** A float or int literal; infinities as float("inf"). */
export function pyNumber(value: number): string {
  if (value === Infinity) return 'float("inf")';
  if (value === -Infinity) return 'float("-inf")';
  if (Number.isNaN(value)) return 'float("nan")';
  return String(value);
}

/** A tuple literal (one element keeps its comma). */
export function pyTuple(items: readonly string[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/** `jobs_total` → `JobsTotal`. */
export function pascalCase(name: string): string {
  return name.split('_').filter(Boolean).map((part) => part[0]!.toUpperCase() + part.slice(1)).join('') || 'X';
}

/**
 * Names in one Python scope. A wanted name already taken (a keyword, a name of the runtime, an earlier metric's)
 * gets `_` appended until free, so the same stack always gets the same names.
 */
export class Names {
  private readonly taken: Set<string>;
  constructor(reserved: Iterable<string> = []) {
    this.taken = new Set([...keywords, ...reserved]);
  }
  take(wanted: string): string {
    let name = wanted;
    while (this.taken.has(name)) name += '_';
    this.taken.add(name);
    return name;
  }
}

/** A `def` line, its parameters one per line when the line would pass 110 characters. */
export function defLine(indent: string, name: string, params: readonly string[], returns: string): string {
  const flat = `${indent}def ${name}(${params.join(', ')}) -> ${returns}:`;
  if (flat.length <= 110) return flat;
  return `${indent}def ${name}(\n${params.map((p) => `${indent}    ${p},\n`).join('')}${indent}) -> ${returns}:`;
}

/** A triple-quoted docstring at `indent`, escaped as pyString escapes it except for quotes: only a quote that
 *  would end the docstring early (one before another, or the last character) is escaped. */
export function pyDocstring(indent: string, lines: readonly string[]): string {
  const body = lines.map((line) => pyString(line).slice(1, -1).replace(/\\"/g, '"').replace(/"(?=")/g, '\\"'));
  const last = body.length - 1;
  if (body[last]!.endsWith('"')) body[last] = `${body[last]!.slice(0, -1)}\\"`;
  if (body.length === 1) return `${indent}"""${body[0]}"""\n`;
  return `${indent}"""${body[0]}\n${body.slice(1).map((l) => (l ? `${indent}${l}\n` : '\n')).join('')}${indent}"""\n`;
}
