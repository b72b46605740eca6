// Go's regexp (RE2) for reReplaceAll and match: the pattern translated to a JavaScript RegExp where both mean the
// same, Go's ReplaceAllString loop (an empty match right after a match is skipped) and its $1 / ${name} expansion.
import { Unsupported } from './errors.ts';
import { GoError } from './text.ts';

/** The pattern as a JavaScript RegExp with Go's meaning; what does not translate is refused. */
export function goRegexp(pattern: string, mustCompile: boolean): RegExp {
  let flags = 'gu';
  let rest = pattern;
  const leading = /^\(\?([imsU]+)\)/.exec(rest);
  if (leading) {
    if (leading[1]!.includes('U')) throw new Unsupported('the ungreedy flag (?U) in a regular expression');
    flags += leading[1]!.replace(/[^ims]/g, '');
    rest = rest.slice(leading[0].length);
  }
  const dotAll = flags.includes('s');
  let out = '';
  let inClass = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (c === '\\') {
      const n = rest[i + 1];
      i++;
      if (n === undefined) return invalid(pattern, 'trailing backslash at end of expression', mustCompile);
      if (/[pPQECz]/.test(n) || (n === 'A' && flags.includes('m'))) throw new Unsupported(`\\${n} in a regular expression`);
      if (n === 'A') out += '^';
      else if (n === 's' || n === 'S') {
        if (inClass) throw new Unsupported('\\s inside a character class');
        out += n === 's' ? '[\\t\\n\\f\\r ]' : '[^\\t\\n\\f\\r ]';
      } else if (/[a-zA-Z0-9]/.test(n)) out += '\\' + n;
      // Go escapes any punctuation; JavaScript's unicode mode only its syntax characters
      else out += /[\^$\\.*+?()[\]{}|/\-]/.test(n) ? '\\' + n : n;
      continue;
    }
    if (inClass) {
      if (c === '[' && rest[i + 1] === ':') throw new Unsupported('a POSIX class such as [[:alpha:]] in a regular expression');
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // a ] right after [ or [^ is a literal in Go
      if (rest[i + 1] === '^') { out += '^'; i++; }
      if (rest[i + 1] === ']') { out += '\\]'; i++; }
      continue;
    }
    if (c === '(' && rest[i + 1] === '?') {
      const named = /^\(\?P?<([A-Za-z0-9_]+)>/.exec(rest.slice(i));
      if (named) {
        out += `(?<${named[1]}>`;
        i += named[0].length - 1;
        continue;
      }
      if (rest[i + 2] !== ':') throw new Unsupported('a flag group in a regular expression');
    }
    // Go's . stops only at \n; JavaScript's also at \r, U+2028 and U+2029
    if (c === '.') out += dotAll ? '[\\s\\S]' : '[^\\n]';
    else out += c;
  }
  try {
    return new RegExp(out, flags);
  } catch (e) {
    throw new Unsupported(`the regular expression ${JSON.stringify(pattern)} (${(e as Error).message}; Go may read it differently)`);
  }
}

function invalid(pattern: string, why: string, mustCompile: boolean): never {
  throw new GoError(`${mustCompile ? `regexp: Compile(${JSON.stringify(pattern)}): ` : ''}error parsing regexp: ${why}: \`${pattern}\``);
}

/** Go's Regexp.Expand of a replacement for one match. */
function expand(template: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    if (template[i] !== '$') {
      out += template[i];
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    const ref = /^(\{)?([\p{L}\p{Nd}_]+)(\})?/u.exec(template.slice(i + 1));
    if (!ref || (ref[1] && !ref[3])) {
      out += '$';
      continue;
    }
    const name = ref[2]!;
    i += (ref[1] ? 1 : 0) + name.length + (ref[1] ? 1 : 0);
    const num = /^(0|[1-9][0-9]{0,7})$/.test(name) ? Number(name) : -1;
    out += (num >= 0 ? m[num] : m.groups?.[name]) ?? '';
  }
  return out;
}

/** Regexp.ReplaceAllString(src, repl). */
export function goReplaceAll(re: RegExp, src: string, repl: string): string {
  let out = '';
  let lastEnd = 0;
  let searchPos = 0;
  while (searchPos <= src.length) {
    re.lastIndex = searchPos;
    const m = re.exec(src);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    out += src.slice(lastEnd, start);
    // no replacement for an empty match right after the previous match
    if (end > lastEnd || start === 0) out += expand(repl, m);
    lastEnd = end;
    const width = searchPos < src.length ? String.fromCodePoint(src.codePointAt(searchPos)!).length : 1;
    searchPos = searchPos + width > end ? searchPos + width : end;
  }
  return out + src.slice(lastEnd);
}
