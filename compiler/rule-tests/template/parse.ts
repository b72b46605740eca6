// The parser of Go's text/template (text/template/parse/parse.go) into a small tree: text, actions, if / with /
// range with else (and `else if`, `else with`), break / continue, define / template / block. Like Go's, it rejects
// an undefined variable or function at parse time.
import { TemplateError, Unsupported } from './errors.ts';
import { lex, type Token } from './lex.ts';

export interface Pipe {
  /** Variables declared (`:=`) or assigned (`=`) by the pipeline. */
  readonly decl: readonly string[];
  readonly assign: boolean;
  readonly cmds: readonly (readonly Arg[])[];
}

export type Arg =
  | { readonly kind: 'field'; readonly path: readonly string[] }
  | { readonly kind: 'variable'; readonly name: string; readonly path: readonly string[] }
  | { readonly kind: 'chain'; readonly node: Arg; readonly path: readonly string[] }
  | { readonly kind: 'identifier'; readonly name: string }
  | { readonly kind: 'dot' }
  | { readonly kind: 'nil' }
  | { readonly kind: 'bool'; readonly value: boolean }
  /** A number constant as Go's idealConstant makes it: an int, or a float64 when written with . e E p P. */
  | { readonly kind: 'number'; readonly type: 'int' | 'float64'; readonly value: number; readonly text: string }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'pipe'; readonly pipe: Pipe };

export type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'action'; readonly pipe: Pipe }
  | { readonly kind: 'if' | 'with' | 'range'; readonly pipe: Pipe; readonly list: readonly Node[]; readonly else?: readonly Node[] }
  | { readonly kind: 'template'; readonly name: string; readonly pipe?: Pipe }
  | { readonly kind: 'break' | 'continue' };

export interface Parsed {
  readonly root: readonly Node[];
  readonly defined: ReadonlyMap<string, readonly Node[]>;
}

/** The value of a number or character token, or why Go would refuse it. */
function numberArg(token: Token): Arg {
  const text = token.text;
  if (token.kind === 'char') {
    const body = text.slice(1, -1);
    const simple: Record<string, number> = { '\\a': 7, '\\b': 8, '\\f': 12, '\\n': 10, '\\r': 13, '\\t': 9, '\\v': 11, '\\\\': 92, "\\'": 39 };
    const code = body.startsWith('\\') ? simple[body] ?? (/^\\[xuU]/.test(body) ? parseInt(body.slice(2), 16) : undefined) : [...body].length === 1 ? body.codePointAt(0) : undefined;
    if (code === undefined) throw new Unsupported(`the character constant ${text}`);
    return { kind: 'number', type: 'int', value: code, text };
  }
  if (/[_i]|^[+-]?0[bBoO]|^[+-]?0[0-9]|[pP]/.test(text)) throw new Unsupported(`the number ${text} (octal, binary, hexadecimal float, complex or with underscores)`);
  if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(text)) {
    const value = (text.startsWith('-') ? -1 : 1) * parseInt(text.replace(/^[+-]?0[xX]/, ''), 16);
    if (!Number.isSafeInteger(value)) throw new Unsupported(`the number ${text} (beyond 2^53)`);
    return { kind: 'number', type: 'int', value, text };
  }
  if (/^[+-]?[0-9]+$/.test(text)) {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new Unsupported(`the number ${text} (beyond 2^53)`);
    return { kind: 'number', type: 'int', value, text };
  }
  if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text)) {
    const value = Number(text);
    if (!Number.isFinite(value)) throw new TemplateError(`number ${text} out of range`);
    return { kind: 'number', type: 'float64', value, text };
  }
  throw new TemplateError(`bad number syntax: ${JSON.stringify(text)}`);
}

class Parser {
  private i = 0;
  private vars: string[];
  private rangeDepth = 0;
  readonly defined = new Map<string, readonly Node[]>();

  constructor(private readonly tokens: readonly Token[], private readonly functions: ReadonlySet<string>, vars: readonly string[]) {
    this.vars = ['$', ...vars];
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }
  private next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw new TemplateError('unexpected EOF');
    return t;
  }
  private skipSpace(): void {
    while (this.peek()?.kind === 'space') this.i++;
  }
  private peekNonSpace(): Token | undefined {
    this.skipSpace();
    return this.peek();
  }
  private nextNonSpace(): Token {
    this.skipSpace();
    return this.next();
  }
  private expectClose(context: string): void {
    const t = this.nextNonSpace();
    if (t.kind !== 'close') throw new TemplateError(`unexpected ${JSON.stringify(t.text)} in ${context}`);
  }

  /** Nodes up to `{{ end }}` or `{{ else }}` (which is returned), or to the end of the input at the top level. */
  list(top: boolean): { nodes: Node[]; stop?: 'end' | 'else' } {
    const nodes: Node[] = [];
    for (;;) {
      const t = this.peek();
      if (!t) {
        if (top) return { nodes };
        throw new TemplateError('unexpected EOF');
      }
      this.i++;
      if (t.kind === 'text') {
        nodes.push({ kind: 'text', text: t.text });
        continue;
      }
      const word = this.peekNonSpace();
      if (word?.kind === 'keyword') {
        this.i++;
        if (word.text === 'end' || word.text === 'else') {
          if (top) throw new TemplateError(`unexpected {{${word.text}}}`);
          if (word.text === 'end') this.expectClose('end');
          else if (!['if', 'with'].includes(this.peekNonSpace()?.text ?? '')) this.expectClose('else');
          return { nodes, stop: word.text };
        }
        const node = this.keyword(word.text, top);
        if (node) nodes.push(node);
        continue;
      }
      nodes.push({ kind: 'action', pipe: this.pipeline('command', 'close') });
    }
  }

  private keyword(word: string, top: boolean): Node | undefined {
    switch (word) {
      case 'if': case 'with': case 'range': return this.control(word);
      case 'break': case 'continue':
        if (this.rangeDepth === 0) throw new TemplateError(`{{${word}}} outside {{range}}`);
        this.expectClose(word);
        return { kind: word };
      case 'template': {
        const name = this.nextNonSpace();
        if (name.kind !== 'string') throw new TemplateError(`unexpected ${JSON.stringify(name.text)} in template clause`);
        if (this.peekNonSpace()?.kind === 'close') {
          this.i++;
          return { kind: 'template', name: name.text };
        }
        return { kind: 'template', name: name.text, pipe: this.pipeline('template clause', 'close') };
      }
      case 'define': case 'block': {
        if (word === 'define' && !top) throw new TemplateError('unexpected <define> in command');
        const name = this.nextNonSpace();
        if (name.kind !== 'string') throw new TemplateError(`unexpected ${JSON.stringify(name.text)} in ${word} clause`);
        const pipe = word === 'block' ? this.pipeline('block clause', 'close') : (this.expectClose('define clause'), undefined);
        // a defined template sees only its own $ (its dot)
        const outer = this.vars;
        this.vars = ['$'];
        const body = this.list(false);
        this.vars = outer;
        if (body.stop !== 'end') throw new TemplateError(`unexpected {{else}} in ${word}`);
        if (this.defined.has(name.text) && body.nodes.some((n) => n.kind !== 'text' || n.text.trim() !== '')) {
          throw new TemplateError(`template: multiple definition of template "${name.text}"`);
        }
        this.defined.set(name.text, body.nodes);
        return word === 'block' ? { kind: 'template', name: name.text, pipe: pipe! } : undefined;
      }
    }
    throw new TemplateError(`unexpected keyword ${word}`);
  }

  private control(kind: 'if' | 'with' | 'range'): Node {
    const mark = this.vars.length;
    const pipe = this.pipeline(kind, 'close');
    if (kind === 'range') this.rangeDepth++;
    const body = this.list(false);
    if (kind === 'range') this.rangeDepth--;
    let elseList: Node[] | undefined;
    if (body.stop === 'else') {
      const chained = this.peekNonSpace();
      if (chained?.kind === 'keyword' && (chained.text === 'if' || chained.text === 'with')) {
        if (chained.text !== kind) throw new TemplateError(`unexpected ${chained.text} after else in ${kind}`);
        this.i++;
        // `{{else if x}}…{{end}}` is `{{else}}{{if x}}…{{end}}{{end}}`: the inner control consumes the one end
        elseList = [this.control(kind)];
      } else {
        const rest = this.list(false);
        if (rest.stop !== 'end') throw new TemplateError('expected end; found {{else}}');
        elseList = rest.nodes;
      }
    }
    this.vars.length = mark;
    return { kind, pipe, list: body.nodes, ...(elseList ? { else: elseList } : {}) };
  }

  /** A pipeline up to `end` (the action's close, or the right paren of a parenthesised pipeline). */
  pipeline(context: string, end: 'close' | 'rparen'): Pipe {
    const decl: string[] = [];
    let assign = false;
    // declarations: $x :=, $x =, and in range $i, $e :=
    for (;;) {
      const v = this.peekNonSpace();
      if (v?.kind !== 'variable') {
        if (decl.length) throw new TemplateError('range can only initialize variables');
        break;
      }
      const save = this.i;
      this.i++;
      const after = this.peekNonSpace();
      if (after?.kind === 'declare' || after?.kind === 'assign') {
        this.i++;
        assign = after.kind === 'assign';
        if (assign && !this.vars.includes(v.text)) throw new TemplateError(`undefined variable "${v.text}"`);
        decl.push(v.text);
        break;
      }
      if (after?.kind === 'comma') {
        this.i++;
        decl.push(v.text);
        if (context !== 'range' || decl.length > 1) throw new TemplateError(`too many declarations in ${context}`);
        continue;
      }
      if (decl.length) throw new TemplateError('range can only initialize variables');
      this.i = save;
      break;
    }
    if (decl.length && !assign) this.vars.push(...decl);
    const cmds: Arg[][] = [];
    for (;;) {
      const t = this.peekNonSpace();
      if (!t) throw new TemplateError(`unclosed action`);
      if (t.kind === end) {
        this.i++;
        break;
      }
      if (t.kind === 'close' || t.kind === 'rparen') throw new TemplateError(`unexpected ${JSON.stringify(t.text)} in ${context}`);
      cmds.push(this.command(end));
    }
    if (cmds.length === 0) throw new TemplateError(`missing value for ${context}`);
    cmds.slice(1).forEach((c, n) => {
      if (['bool', 'dot', 'nil', 'number', 'string'].includes(c[0]!.kind)) throw new TemplateError(`non executable command in pipeline stage ${n + 2}`);
    });
    return { decl, assign, cmds };
  }

  private command(end: 'close' | 'rparen'): Arg[] {
    const args: Arg[] = [];
    for (;;) {
      this.skipSpace();
      const t = this.peek();
      if (t?.kind === 'pipe') {
        this.i++;
        break;
      }
      if (t?.kind === end) break;
      args.push(this.operand());
      const after = this.peek();
      if (after?.kind !== 'space' && after?.kind !== 'pipe' && after?.kind !== end) throw new TemplateError(`unexpected ${JSON.stringify(after?.text ?? 'EOF')} in operand`);
    }
    if (args.length === 0) throw new TemplateError('empty command');
    return args;
  }

  private operand(): Arg {
    const term = this.term();
    if (this.peek()?.kind !== 'field') return term;
    const path: string[] = [];
    while (this.peek()?.kind === 'field') path.push(this.next().text.slice(1));
    switch (term.kind) {
      case 'field': return { kind: 'field', path: [...term.path, ...path] };
      case 'variable': return { kind: 'variable', name: term.name, path: [...term.path, ...path] };
      case 'bool': case 'string': case 'number': case 'nil': case 'dot': throw new TemplateError('unexpected . after term');
      default: return { kind: 'chain', node: term, path };
    }
  }

  private term(): Arg {
    const t = this.next();
    switch (t.kind) {
      case 'identifier':
        if (!this.functions.has(t.text)) throw new TemplateError(`function "${t.text}" not defined`);
        return { kind: 'identifier', name: t.text };
      case 'dot': return { kind: 'dot' };
      case 'nil': return { kind: 'nil' };
      case 'variable':
        if (!this.vars.includes(t.text)) throw new TemplateError(`undefined variable "${t.text}"`);
        return { kind: 'variable', name: t.text, path: [] };
      case 'field': return { kind: 'field', path: [t.text.slice(1)] };
      case 'bool': return { kind: 'bool', value: t.text === 'true' };
      case 'number': case 'char': return numberArg(t);
      case 'string': return { kind: 'string', text: t.text };
      case 'lparen': return { kind: 'pipe', pipe: this.pipeline('parenthesized pipeline', 'rparen') };
    }
    throw new TemplateError(`unexpected ${JSON.stringify(t.text)} in operand`);
  }
}

/** Parses `source` as Prometheus does an annotation: with the variables its header declares, and its functions. */
export function parse(source: string, functions: ReadonlySet<string>, vars: readonly string[]): Parsed {
  const parser = new Parser(lex(source), functions, vars);
  const { nodes } = parser.list(true);
  return { root: nodes, defined: parser.defined };
}
