// TypeScript source text for values the importer writes: strings, keys, property access, promql`…` templates.

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A single-quoted string literal, the repository's style, with every character that needs it escaped. */
export function tsString(s: string): string {
  const escaped = s.replace(/[\\'\u0000-\u001f\u2028\u2029]/g, (c) => {
    if (c === '\\') return '\\\\';
    if (c === "'") return "\\'";
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `'${escaped}'`;
}

/** An object key: bare when it is an identifier. */
export function tsKey(k: string): string {
  return identifier.test(k) ? k : tsString(k);
}

/** `object.key`, or `object['key']` for a key that is not an identifier. */
export function tsAccess(object: string, key: string): string {
  return identifier.test(key) ? `${object}.${key}` : `${object}[${tsString(key)}]`;
}

/** `{ a: '1', 'b.c': '2' }` for a string record, keys in the order given; `{}` when empty. */
export function tsRecord(r: Readonly<Record<string, string>>): string {
  const entries = Object.entries(r);
  return entries.length ? `{ ${entries.map(([k, v]) => `${tsKey(k)}: ${tsString(v)}`).join(', ')} }` : '{}';
}

/** Text between the holes of a template literal: it means itself (the promql tag reads the cooked strings). */
export function templateText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}
