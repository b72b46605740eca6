// The lexer of Go's text/template (text/template/parse/lex.go), for the actions alert templates use: text and
// actions with trim markers, comments, strings (interpreted and raw), numbers, characters, variables, fields,
// pipes, parentheses, := and =, keywords.
import { TemplateError, Unsupported } from './errors.ts';

export type TokenKind =
  | 'text' | 'open' | 'close' | 'string' | 'number' | 'char' | 'bool' | 'nil' | 'dot' | 'field' | 'variable'
  | 'identifier' | 'keyword' | 'pipe' | 'lparen' | 'rparen' | 'declare' | 'assign' | 'comma' | 'space';

export interface Token {
  readonly kind: TokenKind;
  /** For strings the unquoted value; for everything else the source text. */
  readonly text: string;
}

export const keywords = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);
const space = /^[ \t\r\n]+/;

/** Go's strconv.Unquote of an interpreted string literal. */
function unquote(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|[abfnrtv\\"]|.?)/gs, (all, e: string) => {
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };
    if (e in simple) return simple[e]!;
    // \x and octal escapes are bytes, which a JavaScript string cannot hold apart from their UTF-8 sequence
    if (/^x|^[0-7]/.test(e)) {
      const byte = e[0] === 'x' ? parseInt(e.slice(1), 16) : parseInt(e, 8);
      if (byte > 0x7f) throw new Unsupported(`the byte escape ${all} in a string`);
      return String.fromCharCode(byte);
    }
    if (/^[uU]/.test(e)) {
      const code = parseInt(e.slice(1), 16);
      if (code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) throw new TemplateError(`invalid syntax in string escape ${all}`);
      return String.fromCodePoint(code);
    }
    throw new TemplateError(`invalid syntax: unknown escape sequence ${all}`);
  });
}

/** The tokens of `source`; text between actions is one token, whitespace inside actions is kept as 'space'. */
export function lex(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('{{', i);
    let text = source.slice(i, open < 0 ? source.length : open);
    if (open < 0) {
      if (text) tokens.push({ kind: 'text', text });
      break;
    }
    // "{{- " trims the whitespace before the action (the marker needs the space: "{{-3}}" is the number -3)
    const trimBefore = /^\{\{-[ \t\r\n]/.test(source.slice(open, open + 4));
    if (trimBefore) text = text.replace(/[ \t\r\n]+$/, '');
    if (text) tokens.push({ kind: 'text', text });
    i = open + (trimBefore ? 4 : 2);
    // a comment fills the whole action, right after the delimiter (and its trim marker)
    if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new TemplateError('unclosed comment');
      i = end + 2;
      const close = /^( -\}\}|\}\})/.exec(source.slice(i));
      if (!close) throw new TemplateError('comment ends before closing delimiter');
      i += close[0].length;
      if (close[0] === ' -}}') i += (space.exec(source.slice(i))?.[0].length ?? 0);
      continue;
    }
    tokens.push({ kind: 'open', text: '{{' });
    i = lexAction(source, i, tokens);
  }
  return tokens;
}

/** The tokens of one action from `i` up to and including its closing delimiter; returns the index after it. */
function lexAction(source: string, i: number, tokens: Token[]): number {
  let depth = 0;
  for (;;) {
    const rest = source.slice(i);
    if (rest === '') throw new TemplateError('unclosed action');
    // " -}}" trims the whitespace after the action
    const trimClose = /^[ \t\r\n]-\}\}/.exec(rest);
    if (trimClose || rest.startsWith('}}')) {
      if (depth > 0) throw new TemplateError('unclosed left paren');
      tokens.push({ kind: 'close', text: '}}' });
      i += trimClose ? trimClose[0].length : 2;
      if (trimClose) i += space.exec(source.slice(i))?.[0].length ?? 0;
      return i;
    }
    const ws = space.exec(rest);
    if (ws) {
      tokens.push({ kind: 'space', text: ws[0] });
      i += ws[0].length;
      continue;
    }
    const c = rest[0]!;
    let m: RegExpExecArray | null;
    if (c === '|') tokens.push({ kind: 'pipe', text: c });
    else if (c === '(') { depth++; tokens.push({ kind: 'lparen', text: c }); }
    else if (c === ')') {
      if (--depth < 0) throw new TemplateError('unexpected right paren');
      tokens.push({ kind: 'rparen', text: c });
    } else if (c === ',') tokens.push({ kind: 'comma', text: c });
    else if (rest.startsWith(':=')) { tokens.push({ kind: 'declare', text: ':=' }); i += 2; continue; }
    else if (c === '=') tokens.push({ kind: 'assign', text: c });
    else if (c === '"') {
      m = /^"((?:[^"\\\n]|\\.)*)"/.exec(rest);
      if (!m) throw new TemplateError('unterminated quoted string');
      tokens.push({ kind: 'string', text: unquote(m[1]!) });
      i += m[0].length;
      continue;
    } else if (c === '`') {
      const end = rest.indexOf('`', 1);
      if (end < 0) throw new TemplateError('unterminated raw quoted string');
      tokens.push({ kind: 'string', text: rest.slice(1, end).replaceAll('\r', '') });
      i += end + 1;
      continue;
    } else if (c === "'") {
      m = /^'((?:[^'\\\n]|\\.)+)'/u.exec(rest);
      if (!m) throw new TemplateError('unterminated character constant');
      tokens.push({ kind: 'char', text: m[0] });
      i += m[0].length;
      continue;
    } else if ((m = /^\$[\p{L}_\p{Nd}]*/u.exec(rest))) {
      tokens.push({ kind: 'variable', text: m[0] });
      i += m[0].length;
      continue;
    } else if ((m = /^\.[\p{L}_][\p{L}_\p{Nd}]*/u.exec(rest))) {
      tokens.push({ kind: 'field', text: m[0] });
      i += m[0].length;
      continue;
    } else if ((m = /^[+-]?(?:0[xXbBoO][0-9a-fA-F_.]*(?:[pP][+-]?[0-9_]+)?|[0-9_]*\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?)i?/.exec(rest)) && /[0-9]/.test(m[0])) {
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
      continue;
    } else if (c === '.') tokens.push({ kind: 'dot', text: c });
    else if ((m = /^[\p{L}_][\p{L}_\p{Nd}]*/u.exec(rest))) {
      const word = m[0];
      tokens.push({ kind: word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : keywords.has(word) ? 'keyword' : 'identifier', text: word });
      i += word.length;
      continue;
    } else throw new TemplateError(`unrecognized character in action: ${JSON.stringify(c)}`);
    i += 1;
  }
}
