// Go's text functions that Prometheus' template functions and the template builtins stand on: strings.ToUpper /
// ToLower (simple case mapping), cases.Title(AmericanEnglish, NoLower), url.QueryEscape, net.SplitHostPort,
// strconv.ParseFloat, and the html / js escapers.
import { isIPv4, isIPv6 } from 'node:net';
import { Unsupported } from './errors.ts';

/** A Go function's error: the template engine reports "error calling <name>: <message>". */
export class GoError extends Error {}

// the few runes whose simple case mapping is not what a lone JavaScript toUpperCase / toLowerCase gives
const simpleLower: Readonly<Record<string, string>> = { 'İ': 'i' };
// the digraphs that have a title case of their own
const titleCase: Readonly<Record<string, string>> = { 'Ǆ': 'ǅ', 'ǅ': 'ǅ', 'ǆ': 'ǅ', 'Ǉ': 'ǈ', 'ǈ': 'ǈ', 'ǉ': 'ǈ', 'Ǌ': 'ǋ', 'ǋ': 'ǋ', 'ǌ': 'ǋ', 'Ǳ': 'ǲ', 'ǲ': 'ǲ', 'ǳ': 'ǲ' };

/** strings.ToUpper: rune by rune, a rune without a one-rune mapping stays. */
export function toUpper(s: string): string {
  return [...s].map((ch) => {
    const u = ch.toUpperCase();
    return [...u].length === 1 ? u : ch;
  }).join('');
}

/** strings.ToLower, rune by rune. */
export function toLower(s: string): string {
  return [...s].map((ch) => {
    const l = simpleLower[ch] ?? ch.toLowerCase();
    return [...l].length === 1 ? l : ch;
  }).join('');
}

// x/text/cases' approximation of word breaks: letters, digits, marks, connectors and the "mid" punctuation do not break
const mid = /['.:\u00B7\u0387\u055F\u05F4\u2018\u2019\u2024\u2027\uFE13\uFE52\uFE55\uFF07\uFF0E\uFF1A]/u;
const noBreak = /[\p{Alphabetic}\p{Nd}\p{M}\p{Cf}\p{Pc}\u200D]/u;

/** cases.Title(language.AmericanEnglish, cases.NoLower).String: the first cased letter of each word in title
 *  case, the rest as it is. */
export function title(s: string): string {
  let midWord = false;
  let wasMid = false;
  let out = '';
  let first = true;
  for (const ch of s) {
    if (!first && wasMid && mid.test(ch)) midWord = false;
    first = false;
    wasMid = mid.test(ch);
    if (/\p{Cased}/u.test(ch)) {
      if (!midWord) {
        const upper = [...ch.toUpperCase()];
        out += titleCase[ch] ?? (upper.length === 1 ? upper[0] : upper[0] + upper.slice(1).join('').toLowerCase());
        midWord = true;
      } else out += ch;
    } else {
      out += ch;
      if (!noBreak.test(ch) && !mid.test(ch)) midWord = false;
    }
  }
  return out;
}

/** url.QueryEscape: space as +, unreserved bytes kept, the rest %XX. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** net.SplitHostPort, or undefined where Go returns an error. */
export function splitHostPort(hostPort: string): { host: string; port: string } | undefined {
  const colon = hostPort.lastIndexOf(':');
  if (colon < 0) return undefined;
  if (hostPort.startsWith('[')) {
    const end = hostPort.indexOf(']');
    if (end < 0 || end + 1 !== colon || hostPort.indexOf('[', 1) >= 0 || hostPort.indexOf(']', end + 1) >= 0) return undefined;
    return { host: hostPort.slice(1, end), port: hostPort.slice(colon + 1) };
  }
  const host = hostPort.slice(0, colon);
  if (host.includes(':') || host.includes('[') || host.includes(']') || hostPort.slice(colon + 1).includes(']')) return undefined;
  return { host, port: hostPort.slice(colon + 1) };
}

/** netip.ParseAddr succeeds: an IPv4 address in dotted decimal, or an IPv6 address. */
export function isIPAddress(host: string): boolean {
  if (isIPv4(host)) return !/(^|\.)0\d/.test(host);
  if (host.includes('%')) throw new Unsupported('an IPv6 address with a zone');
  return isIPv6(host);
}

/** net.JoinHostPort. */
export function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** strconv.ParseFloat(s, 64). */
export function parseFloat64(s: string): number {
  const invalid = () => new GoError(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`);
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(s)) {
    if (/^[+-]/.test(s)) throw invalid();
    return NaN;
  }
  if (/_|^[+-]?0[xX]/.test(s)) throw new Unsupported(`the number ${JSON.stringify(s)} in a string (hexadecimal or with underscores)`);
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(s)) throw invalid();
  const v = Number(s);
  if (!Number.isFinite(v)) throw new GoError(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: value out of range`);
  return v;
}

/** template.HTMLEscapeString. */
export function htmlEscape(s: string): string {
  const map: Readonly<Record<string, string>> = { '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' };
  return s.replace(/[\0"'&<>]/g, (c) => map[c]!);
}

/** template.JSEscapeString. */
export function jsEscape(s: string): string {
  const map: Readonly<Record<string, string>> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D' };
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch in map) out += map[ch];
    else if (c < 0x20) out += `\\u00${c.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (c < 0x80) out += ch;
    else if (/[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) out += ch;
    else out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

/** UTF-8 bytes of a string: Go's len, index and slice count bytes. */
export function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** The string of UTF-8 bytes, refusing a cut through a character (Go keeps the broken bytes). */
export function fromUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Unsupported('a slice that cuts a multi-byte character');
  }
}
