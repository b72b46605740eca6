// Go's fmt for the values of alert templates: Sprint, Sprintln and Sprintf with the verbs, flags, widths and
// precisions templates use, and Go's texts for a wrong verb (%!d(float64=1.5)), a missing or an extra argument.
import { Unsupported } from './errors.ts';
import { formatFloat } from './float.ts';
import { sortedEntries, typeName, type GoValue, type Value } from './values.ts';

interface Spec {
  readonly minus: boolean;
  readonly plus: boolean;
  readonly space: boolean;
  readonly zero: boolean;
  readonly sharp: boolean;
  readonly width?: number;
  readonly prec?: number;
}

const plain: Spec = { minus: false, plus: false, space: false, zero: false, sharp: false };

/** time.Duration's String: "1h2m3.5s", "1.5ms", "0s". */
export function durationString(nanos: bigint): string {
  if (nanos === 0n) return '0s';
  const neg = nanos < 0n;
  // Go computes on the unsigned magnitude, so the smallest int64 prints as its magnitude
  const u = neg ? -nanos : nanos;
  const frac = (v: bigint, digits: number): string => {
    const scale = 10n ** BigInt(digits);
    const f = (v % scale).toString().padStart(digits, '0').replace(/0+$/, '');
    return `${v / scale}${f ? '.' + f : ''}`;
  };
  let s: string;
  if (u < 1_000_000_000n) {
    s = u < 1000n ? `${u}ns` : u < 1_000_000n ? `${frac(u, 3)}µs` : `${frac(u, 6)}ms`;
  } else {
    const seconds = u / 1_000_000_000n;
    const rest = `${frac(seconds % 60n * 1_000_000_000n + u % 1_000_000_000n, 9)}s`;
    const minutes = seconds / 60n;
    s = minutes > 0n ? `${minutes / 60n > 0n ? `${minutes / 60n}h` : ''}${minutes % 60n}m${rest}` : rest;
  }
  return (neg ? '-' : '') + s;
}

/** time.Time's String in UTC: "2023-11-14 22:13:20.5 +0000 UTC". */
export function timeString(nanos: bigint): string {
  const ms = nanos / 1_000_000n - (nanos % 1_000_000n < 0n ? 1n : 0n);
  const date = new Date(Number(ms));
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new Unsupported('a time outside the years 0 to 9999');
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const subsecond = ((nanos % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n;
  const f = subsecond.toString().padStart(9, '0').replace(/0+$/, '');
  return `${pad(year, 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${f ? '.' + f : ''} +0000 UTC`;
}

/** strconv.Quote: a double-quoted Go string literal. */
export function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', '"': '\\"' };
    if (ch in named) out += named[ch];
    else if (c === 0x20 || (c > 0x20 && c < 0x7f) || (c >= 0xa0 && /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch))) out += ch;
    else if (c < 0x80) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return out + '"';
}

function pad(s: string, spec: Spec, zeros = false): string {
  const n = [...s].length;
  if (spec.width === undefined || n >= spec.width) return s;
  const fill = spec.width - n;
  if (spec.minus) return s + ' '.repeat(fill);
  if (zeros && spec.zero) {
    const sign = /^[+\- ]/.test(s) ? s[0]! : '';
    return sign + '0'.repeat(fill) + s.slice(sign.length);
  }
  return ' '.repeat(fill) + s;
}

function formatNumberFloat(v: number, verb: string, spec: Spec): string {
  if (spec.sharp) throw new Unsupported(`the # flag with %${verb}`);
  const lower = verb === 'F' ? 'f' : verb === 'v' ? 'g' : verb;
  const prec = spec.prec ?? (lower === 'e' || lower === 'E' || lower === 'f' ? 6 : -1);
  let num = formatFloat(v, lower as 'e' | 'E' | 'f' | 'g' | 'G', prec);
  if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
  if (spec.space && num[0] === '+' && !spec.plus) num = ' ' + num.slice(1);
  if (num[1] === 'I' || num[1] === 'N') {
    // infinities and NaN are not padded with zeros; NaN shows a sign only when asked
    if (num[1] === 'N' && !spec.space && !spec.plus) num = num.slice(1);
    return pad(num, spec);
  }
  return pad(spec.plus || num[0] !== '+' ? num : num.slice(1), spec, true);
}

function formatInteger(v: number, verb: string, spec: Spec): string {
  if (spec.sharp) throw new Unsupported(`the # flag with %${verb}`);
  if (verb === 'c') return pad(String.fromCodePoint(v), spec);
  const base = verb === 'x' || verb === 'X' ? 16 : verb === 'o' ? 8 : verb === 'b' ? 2 : 10;
  let digits = Math.abs(v).toString(base);
  if (verb === 'X') digits = digits.toUpperCase();
  const sign = v < 0 ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  if (spec.prec !== undefined) {
    if (spec.prec === 0 && v === 0) digits = '';
    digits = digits.padStart(spec.prec, '0');
    return pad(sign + digits, { ...spec, zero: false });
  }
  return pad(sign + digits, spec, true);
}

function formatString(s: string, verb: string, spec: Spec): string {
  if (spec.prec !== undefined) s = [...s].slice(0, spec.prec).join('');
  if (verb === 'q') {
    if (spec.sharp || spec.plus) throw new Unsupported(`the ${spec.sharp ? '#' : '+'} flag with %q`);
    return pad(quote(s), spec);
  }
  if (verb === 'x' || verb === 'X') {
    if (spec.sharp || spec.space) throw new Unsupported('%x of a string with flags');
    const hex = [...new TextEncoder().encode(s)].map((b) => b.toString(16).padStart(2, '0')).join('');
    return pad(verb === 'X' ? hex.toUpperCase() : hex, spec);
  }
  return pad(s, spec);
}

const verbsOf: Readonly<Record<string, string>> = {
  bool: 'tv',
  int: 'bcdoxXv',
  uint8: 'bcdoxXv',
  float64: 'eEfFgGv',
  string: 'sqvxX',
  'template.HTML': 'sqvxX',
};

/** Go's `%!verb(type=value)` for a verb the value's type has no meaning for. */
function badVerb(v: Value, verb: string): string {
  return v === undefined ? `%!${verb}(<nil>)` : `%!${verb}(${typeName(v)}=${format(v, 'v', plain, 0)})`;
}

/** One argument formatted with one verb, as fmt's printArg does. */
function format(v: Value, verb: string, spec: Spec, depth: number): string {
  if (verb === 'T') return pad(typeName(v), spec);
  if (verb === 'U' || (v?.type === 'float64' && 'xXb'.includes(verb)) || (v?.type === 'int' && verb === 'q')) throw new Unsupported(`%${verb} of a ${typeName(v)}`);
  if (v === undefined) return depth > 0 || verb === 'v' ? pad('<nil>', spec) : badVerb(v, verb);
  if ((spec.width !== undefined || spec.prec !== undefined) && (v.type.startsWith('map') || v.type === 'alert')) throw new Unsupported('a width or precision for a map');
  switch (v.type) {
    case 'bool':
      return verbsOf.bool!.includes(verb) ? pad(String(v.value), spec) : badVerb(v, verb);
    case 'int': case 'uint8':
      return verbsOf.int!.includes(verb) ? formatInteger(v.value, verb === 'v' ? 'd' : verb, spec) : badVerb(v, verb);
    case 'float64':
      return verbsOf.float64!.includes(verb) ? formatNumberFloat(v.value, verb, spec) : badVerb(v, verb);
    case 'string': case 'template.HTML':
      return verbsOf.string!.includes(verb) ? formatString(v.value, verb, spec) : badVerb(v, verb);
    case 'map[string]string': case 'map[string]interface {}':
      return `map[${sortedEntries(v).map(([k, e]) => `${format({ type: 'string', value: k }, verb, spec, depth + 1)}:${format(e, verb, spec, depth + 1)}`).join(' ')}]`;
    case 'alert':
      return `{${[...v.fields.values()].map((f) => format(f, verb, spec, depth + 1)).join(' ')}}`;
    case '*time.Duration': case '*time.Time':
      // a Stringer: its String() for the verbs of strings; anything else would print the pointer's address
      if (!verbsOf.string!.includes(verb)) throw new Unsupported(`%${verb} of a ${v.type.slice(1)}`);
      return formatString(v.type === '*time.Duration' ? durationString(v.nanos) : timeString(v.nanos), verb, spec);
  }
}

/** fmt.Sprint: operands joined, with a space between two that are not strings. */
export function sprint(args: readonly Value[]): string {
  let out = '';
  args.forEach((a, i) => {
    const isString = (x: Value) => x?.type === 'string';
    if (i > 0 && !isString(a) && !isString(args[i - 1])) out += ' ';
    out += format(a, 'v', plain, 0);
  });
  return out;
}

/** fmt.Sprintln: operands joined by spaces, and a newline. */
export function sprintln(args: readonly Value[]): string {
  return args.map((a) => format(a, 'v', plain, 0)).join(' ') + '\n';
}

/** %v of one value: what the template engine writes for an action's result. */
export function printValue(v: GoValue): string {
  return format(v, 'v', plain, 0);
}

/** fmt.Sprintf. */
export function sprintf(template: string, args: readonly Value[]): string {
  let out = '';
  let next = 0;
  let i = 0;
  while (i < template.length) {
    const percent = template.indexOf('%', i);
    if (percent < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, percent);
    i = percent + 1;
    const flags = { minus: false, plus: false, space: false, zero: false, sharp: false };
    for (; i < template.length; i++) {
      const c = template[i];
      if (c === '-') flags.minus = true;
      else if (c === '+') flags.plus = true;
      else if (c === ' ') flags.space = true;
      else if (c === '0') flags.zero = true;
      else if (c === '#') flags.sharp = true;
      else break;
    }
    if (template[i] === '[' || template[i] === '*') throw new Unsupported('an argument index or a * width in printf');
    const width = /^\d+/.exec(template.slice(i))?.[0];
    if (width) i += width.length;
    let prec: number | undefined;
    if (template[i] === '.') {
      i++;
      if (template[i] === '[' || template[i] === '*') throw new Unsupported('an argument index or a * precision in printf');
      const p = /^\d+/.exec(template.slice(i))?.[0] ?? '';
      i += p.length;
      prec = Number(p || 0);
    }
    if (i >= template.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(template.codePointAt(i)!);
    i += verb.length;
    // Go: the minus flag turns zero padding off
    const spec: Spec = { ...flags, zero: flags.zero && !flags.minus, ...(width ? { width: Number(width) } : {}), ...(prec !== undefined ? { prec } : {}) };
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (next >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[next++];
    if (verb === 'v' && (flags.sharp || flags.plus) && arg !== undefined && arg.type !== 'float64' && arg.type !== 'int') throw new Unsupported('%+v or %#v');
    out += 'bcdoxXeEfFgGsqvtTU'.includes(verb) ? format(arg, verb, spec, 0) : badVerb(arg, verb);
  }
  if (next < args.length) {
    out += `%!(EXTRA ${args.slice(next).map((a) => (a === undefined ? '<nil>' : `${typeName(a)}=${format(a, 'v', plain, 0)}`)).join(', ')})`;
  }
  return out;
}
