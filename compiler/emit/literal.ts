// One data value printed three ways for the generated registry: as a JavaScript literal (registry.gen.js and .ts)
// and as the type `as const` gives it (registry.gen.d.ts), so the three files cannot disagree about a value.
// Objects nest on their own lines down to `depth` levels; below that, and for lists of plain values, one line.

export type Data = string | number | boolean | readonly Data[] | { readonly [key: string]: Data | undefined };

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A single-quoted string, as the rest of stackc's TypeScript is written. */
export function quote(value: string): string {
  return `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

function key(name: string): string {
  return identifier.test(name) ? name : quote(name);
}

function isPlain(value: Data): boolean {
  return typeof value !== 'object';
}

function print(value: Data, asType: boolean, depth: number, indent: string, docs?: (key: string) => string | undefined): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const ro = asType ? 'readonly ' : '';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const list = value as readonly Data[];
    if (list.length === 0) return asType ? 'readonly []' : '[]';
    if (list.every(isPlain) || depth <= 0) return `${ro}[${list.map((v) => print(v, asType, 0, indent)).join(', ')}]`;
    return `${ro}[\n${list.map((v) => `${inner}${print(v, asType, depth - 1, inner)},\n`).join('')}${indent}]`;
  }
  const entries = Object.entries(value).filter((e): e is [string, Data] => e[1] !== undefined);
  const sep = asType ? ';' : ',';
  const field = ([k, v]: [string, Data], d: number, at: string) => `${asType ? 'readonly ' : ''}${key(k)}: ${print(v, asType, d, at)}`;
  if (depth <= 0) return `{ ${entries.map((e) => field(e, 0, indent)).join(`${sep} `)} }`;
  const lines = entries.map((e) => {
    const doc = docs?.(e[0]);
    return `${doc ? `${inner}/** ${doc.replace(/\*\//g, '*\\/')} */\n` : ''}${inner}${field(e, depth - 1, inner)}${sep}\n`;
  });
  return `{\n${lines.join('')}${indent}}`;
}

/** `value` as a JavaScript literal; top-level keys may carry a doc comment. */
export function literal(value: Data, depth: number, docs?: (key: string) => string | undefined): string {
  return print(value, false, depth, '', docs);
}

/** The type of `value as const`, e.g. `{ readonly port: 9464 }`. */
export function constType(value: Data, depth: number, docs?: (key: string) => string | undefined): string {
  return print(value, true, depth, '', docs);
}
