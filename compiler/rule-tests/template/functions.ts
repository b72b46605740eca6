// The functions an alert template can call: Go's template builtins and those Prometheus registers
// (template/template.go), with the parameter types Go checks the arguments against. Those that need a running
// Prometheus (query and what reads its results, now, externalURL, pathPrefix) refuse.
import { NotOffline, Unsupported } from './errors.ts';
import { formatFloat } from './float.ts';
import { sprint, sprintf, sprintln, timeString } from './print.ts';
import { goRegexp, goReplaceAll } from './regexp.ts';
import { fromUtf8, GoError, htmlEscape, isIPAddress, joinHostPort, jsEscape, parseFloat64, queryEscape, splitHostPort, title, toLower, toUpper, utf8 } from './text.ts';
import { basicKind, bool, float, int, str, truth, typeName, type Value } from './values.ts';

/** What Go checks an argument against: a string parameter, or an interface (any value, nil included). */
export type Param = 'string' | 'any';

export interface GoFunction {
  readonly params: readonly Param[];
  /** The type of the arguments after `params`, for a variadic function. */
  readonly variadic?: Param;
  readonly call: (args: readonly Value[]) => Value;
}

const s = (v: Value) => (v as { value: string }).value;

/** common/helpers/templates.ConvertToFloat. */
function toFloat(v: Value): number {
  switch (v?.type) {
    case 'float64': case 'int': return v.value;
    case 'string': return parseFloat64(v.value);
    default: throw new GoError(`can't convert ${typeName(v)} to float`);
  }
}

/** Go's float64 to int64 conversion on amd64: toward zero, and the smallest int64 for NaN and out of range. */
function toInt64(v: number): bigint {
  if (Number.isNaN(v) || v >= 2 ** 63 || v < -(2 ** 63)) return -(2n ** 63n);
  return BigInt(Math.trunc(v));
}

const g4 = (v: number) => formatFloat(v, 'g', 4);

function humanize(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return g4(v);
  let prefix = '';
  if (Math.abs(v) >= 1) {
    for (const p of ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y']) {
      if (Math.abs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
    return g4(v) + prefix;
  }
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return g4(v) + prefix;
}

function humanize1024(v: number): string {
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) return g4(v);
  let prefix = '';
  for (const p of ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi']) {
    if (Math.abs(v) < 1024) break;
    prefix = p;
    v /= 1024;
  }
  return g4(v) + prefix;
}

function humanizeDuration(v: number): string {
  if (!Number.isFinite(v)) return g4(v);
  if (v === 0) return `${g4(v)}s`;
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    v = Math.abs(v);
    // Go's int64 arithmetic: truncated division, the remainder has the dividend's sign
    const d = toInt64(v);
    const seconds = d % 60n;
    const minutes = (d / 60n) % 60n;
    const hours = (d / 60n / 60n) % 24n;
    const days = d / 60n / 60n / 24n;
    if (days !== 0n) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0n) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0n) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${g4(v)}s`;
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${g4(v)}${prefix}s`;
}

/** Prometheus' floatToTime: whole milliseconds, as a model.Time holds them. */
function toTime(v: number): bigint {
  if (!Number.isFinite(v)) throw new GoError('value is NaN or Inf');
  const ns = v * 1e9;
  if (ns > 2 ** 63 || ns < -(2 ** 63)) throw new GoError(`${formatFloat(v, 'g', -1)} cannot be represented as a nanoseconds timestamp since it overflows int64`);
  return (toInt64(ns) / 1_000_000n) * 1_000_000n;
}

const units: readonly (readonly [string, bigint])[] = [
  ['y', 365n * 24n * 3600n * 1_000_000_000n], ['w', 7n * 24n * 3600n * 1_000_000_000n], ['d', 24n * 3600n * 1_000_000_000n],
  ['h', 3600n * 1_000_000_000n], ['m', 60n * 1_000_000_000n], ['s', 1_000_000_000n], ['ms', 1_000_000n],
];

/** model.ParseDurationAllowNegative, in seconds. */
function parseDuration(text: string): number {
  const neg = text.startsWith('-');
  const body = neg ? text.slice(1) : text;
  if (body === '0') return 0;
  if (body === '') throw new GoError('empty duration string');
  let total = 0n;
  let last = -1;
  for (const [, digits, unit] of body.matchAll(/(\d+)(\D*)/g)) {
    const at = units.findIndex(([u]) => u === unit);
    if (at < 0) throw new GoError(unit ? `unknown unit "${unit}" in duration "${body}"` : `not a valid duration string: "${body}"`);
    if (at <= last) throw new GoError(`not a valid duration string: "${body}"`);
    last = at;
    total += BigInt(digits!) * units[at]![1];
  }
  if (!/^(\d+\D+)+$/.test(body)) throw new GoError(`not a valid duration string: "${body}"`);
  if (total > 2n ** 63n - 1n) throw new GoError('duration out of range');
  return (neg ? -1 : 1) * Number(total) / 1e9;
}

function eq(a: Value, ...others: Value[]): boolean {
  if (others.length === 0) throw new GoError('missing argument for comparison');
  const k1 = basicKind(a);
  for (const b of others) {
    const k2 = basicKind(b);
    if (k1 !== k2) {
      if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) {
        if ((a as { value: number }).value === (b as { value: number }).value) return true;
        continue;
      }
      if (a !== undefined && b !== undefined) throw new GoError(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}`);
      continue;
    }
    if (k1 === 'invalid') {
      if (a === undefined && b === undefined) return true;
      if (a === undefined || b === undefined) continue;
      // maps and the alert data cannot be compared; two pointers are equal only when they are one
      if ([a, b].some((v) => v.type.startsWith('map') || v.type === 'alert')) throw new GoError(`non-comparable type ${typeName(a)}`);
      throw new Unsupported(`eq of two ${typeName(a)} values`);
    }
    if ((a as { value: unknown }).value === (b as { value: unknown }).value) return true;
  }
  return false;
}

function lt(a: Value, b: Value): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') throw new GoError('invalid type for comparison');
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return (a as { value: number }).value < (b as { value: number }).value;
    throw new GoError(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}`);
  }
  if (k1 === 'bool') throw new GoError('invalid type for comparison');
  const x = (a as { value: number | string }).value;
  const y = (b as { value: number | string }).value;
  // Go compares strings by their bytes
  if (typeof x === 'string') return Buffer.compare(Buffer.from(x), Buffer.from(y as string)) < 0;
  return (x as number) < (y as number);
}

function indexArg(v: Value, cap: number): number {
  if (v === undefined) throw new GoError('cannot index slice/array with nil');
  if (v.type !== 'int' && v.type !== 'uint8') throw new GoError(`cannot index slice/array with type ${typeName(v)}`);
  if (v.value < 0 || v.value > cap) throw new GoError(`index out of range: ${v.value}`);
  return v.value;
}

function index(item: Value, ...keys: Value[]): Value {
  if (item === undefined) throw new GoError('index of untyped nil');
  for (const key of keys) {
    if (item === undefined) throw new GoError('index of nil pointer');
    if (item.type === 'string' || item.type === 'template.HTML') {
      const bytes = utf8(item.value);
      const i = indexArg(key, bytes.length);
      if (i === bytes.length) throw new GoError(`index out of range: ${i}`);
      item = { type: 'uint8', value: bytes[i]! };
    } else if (item.type === 'map[string]string' || item.type === 'map[string]interface {}') {
      if (key?.type !== 'string') throw new GoError(key === undefined ? 'value is nil; should be of type string' : `value has type ${typeName(key)}; should be string`);
      item = item.entries.get(key.value) ?? (item.type === 'map[string]string' ? str('') : undefined);
    } else throw new GoError(`can't index item of type ${typeName(item)}`);
  }
  return item;
}

function slice(item: Value, ...indexes: Value[]): Value {
  if (item === undefined) throw new GoError('slice of untyped nil');
  if (indexes.length > 3) throw new GoError(`too many slice indexes: ${indexes.length}`);
  if (item.type !== 'string') throw new GoError(`can't slice item of type ${typeName(item)}`);
  if (indexes.length === 3) throw new GoError('cannot 3-index slice a string');
  const bytes = utf8(item.value);
  const at = [0, bytes.length];
  indexes.forEach((v, i) => { at[i] = indexArg(v, bytes.length); });
  if (at[0]! > at[1]!) throw new GoError(`invalid slice index: ${at[0]} > ${at[1]}`);
  return str(fromUtf8(bytes.slice(at[0], at[1])));
}

function length(item: Value): Value {
  switch (item?.type) {
    case 'string': case 'template.HTML': return int(utf8(item.value).length);
    case 'map[string]string': case 'map[string]interface {}': return int(item.entries.size);
    case undefined: throw new GoError('len of nil');
    default: throw new GoError(`len of type ${typeName(item)}`);
  }
}

/** The text of html, js and urlquery: one string as it is, anything else as Sprint prints it ("<no value>" for nil). */
function evalArgs(args: readonly Value[]): string {
  if (args.length === 1 && args[0]?.type === 'string') return args[0].value;
  return sprint(args.map((a) => a ?? str('<no value>')));
}

const queryOnly = (name: string): GoFunction => ({
  params: [], variadic: 'any', call: () => { throw new NotOffline(`${name}, which works on the results of query,`); },
});
const refuse = (what: string): GoFunction => ({ params: [], variadic: 'any', call: () => { throw new NotOffline(what); } });
const onString = (f: (s: string) => string): GoFunction => ({ params: ['string'], call: ([a]) => str(f(s(a))) });
const onFloat = (f: (v: number) => Value): GoFunction => ({ params: ['any'], call: ([a]) => f(toFloat(a)) });

/** `and` and `or` are evaluated lazily by the executor; the table only gives their arity. */
export const lazy = new Set(['and', 'or']);

export const functions: ReadonlyMap<string, GoFunction> = new Map<string, GoFunction>([
  // Go's builtins
  ['and', { params: ['any'], variadic: 'any', call: () => undefined }],
  ['or', { params: ['any'], variadic: 'any', call: () => undefined }],
  ['not', { params: ['any'], call: ([a]) => bool(!truth(a)) }],
  ['call', { params: ['any'], variadic: 'any', call: ([f]) => { throw new GoError(f === undefined ? 'call of nil' : `non-function of type ${typeName(f)}`); } }],
  ['html', { params: [], variadic: 'any', call: (a) => str(htmlEscape(evalArgs(a))) }],
  ['js', { params: [], variadic: 'any', call: (a) => str(jsEscape(evalArgs(a))) }],
  ['urlquery', { params: [], variadic: 'any', call: (a) => str(queryEscape(evalArgs(a))) }],
  ['index', { params: ['any'], variadic: 'any', call: ([item, ...keys]) => index(item, ...keys) }],
  ['slice', { params: ['any'], variadic: 'any', call: ([item, ...keys]) => slice(item, ...keys) }],
  ['len', { params: ['any'], call: ([a]) => length(a) }],
  ['print', { params: [], variadic: 'any', call: (a) => str(sprint(a)) }],
  ['println', { params: [], variadic: 'any', call: (a) => str(sprintln(a)) }],
  ['printf', { params: ['string'], variadic: 'any', call: ([f, ...a]) => str(sprintf(s(f), a)) }],
  ['eq', { params: ['any'], variadic: 'any', call: ([a, ...b]) => bool(eq(a, ...b)) }],
  ['ne', { params: ['any', 'any'], call: ([a, b]) => bool(!eq(a, b)) }],
  ['lt', { params: ['any', 'any'], call: ([a, b]) => bool(lt(a, b)) }],
  ['le', { params: ['any', 'any'], call: ([a, b]) => bool(lt(a, b) || eq(a, b)) }],
  ['gt', { params: ['any', 'any'], call: ([a, b]) => bool(!(lt(a, b) || eq(a, b))) }],
  ['ge', { params: ['any', 'any'], call: ([a, b]) => bool(!lt(a, b)) }],
  // Prometheus' functions
  ['query', refuse('query')],
  ['first', queryOnly('first')],
  ['label', queryOnly('label')],
  ['value', queryOnly('value')],
  ['strvalue', queryOnly('strvalue')],
  ['sortByLabel', queryOnly('sortByLabel')],
  ['now', refuse('now (the evaluation time differs between a test and production)')],
  ['externalURL', refuse('externalURL (Prometheus\' --web.external-url)')],
  ['pathPrefix', refuse('pathPrefix (Prometheus\' --web.external-url)')],
  ['args', { params: [], variadic: 'any', call: (a) => ({ type: 'map[string]interface {}', entries: new Map(a.map((v, i) => [`arg${i}`, v])) }) }],
  ['reReplaceAll', { params: ['string', 'string', 'string'], call: ([p, r, t]) => str(goReplaceAll(goRegexp(s(p), true), s(t), s(r))) }],
  ['match', { params: ['string', 'string'], call: ([p, t]) => bool(goRegexp(s(p), false).test(s(t))) }],
  ['safeHtml', { params: ['string'], call: ([a]) => ({ type: 'template.HTML', value: s(a) }) }],
  ['title', onString(title)],
  ['toUpper', onString(toUpper)],
  ['toLower', onString(toLower)],
  ['graphLink', onString((e) => `/graph?g0.expr=${queryEscape(e)}&g0.tab=0`)],
  ['tableLink', onString((e) => `/graph?g0.expr=${queryEscape(e)}&g0.tab=1`)],
  ['stripPort', onString((hp) => splitHostPort(hp)?.host ?? hp)],
  ['stripDomain', onString((hp) => {
    const split = splitHostPort(hp);
    const host = split?.host ?? hp;
    if (isIPAddress(host)) return hp;
    const short = host.split('.')[0]!;
    return split && split.port !== '' ? joinHostPort(short, split.port) : short;
  })],
  ['urlQueryEscape', onString(queryEscape)],
  ['humanize', onFloat((v) => str(humanize(v)))],
  ['humanize1024', onFloat((v) => str(humanize1024(v)))],
  ['humanizeDuration', onFloat((v) => str(humanizeDuration(v)))],
  ['humanizePercentage', onFloat((v) => str(`${g4(v * 100)}%`))],
  ['humanizeTimestamp', onFloat((v) => str(Number.isFinite(v) ? timeString(toTime(v)) : g4(v)))],
  ['toTime', onFloat((v) => ({ type: '*time.Time', nanos: toTime(v) }))],
  ['toDuration', onFloat((v) => ({ type: '*time.Duration', nanos: toInt64(v * 1e9) }))],
  ['parseDuration', { params: ['string'], call: ([d]) => float(parseDuration(s(d))) }],
]);
