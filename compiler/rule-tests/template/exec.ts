// The executor of Go's text/template (text/template/exec.go) over the parsed tree, with Prometheus' option
// missingkey=zero: a missing label is "", a missing entry of an interface map is "<no value>".
import { TemplateError, UnrenderableTemplate, Unsupported } from './errors.ts';
import { functions, lazy, type Param } from './functions.ts';
import type { Arg, Node, Parsed, Pipe } from './parse.ts';
import { printValue } from './print.ts';
import { GoError } from './text.ts';
import { bool, float, int, sortedEntries, str, truth, typeName, type Value } from './values.ts';

/** No value piped in from a previous command (Go's missingVal). */
const missing = Symbol('missing');
type ControlNode = Extract<Node, { kind: 'if' | 'with' | 'range' }>;
type Final = Value | typeof missing;

const breakLoop = Symbol('break');
const continueLoop = Symbol('continue');

function describe(a: Arg): string {
  switch (a.kind) {
    case 'field': return '.' + a.path.join('.');
    case 'variable': return [a.name, ...a.path].join('.');
    case 'identifier': return a.name;
    case 'string': return JSON.stringify(a.text);
    case 'number': return a.text;
    case 'bool': return String(a.value);
    case 'dot': return '.';
    case 'nil': return 'nil';
    case 'chain': return `(…).${a.path.join('.')}`;
    case 'pipe': return '(…)';
  }
}

class Execution {
  private vars: { name: string; value: Value }[];
  private out = '';
  private depth = 0;

  constructor(private readonly parsed: Parsed, data: Value, vars: readonly (readonly [string, Value])[]) {
    this.vars = [{ name: '$', value: data }, ...vars.map(([name, value]) => ({ name, value }))];
  }

  run(): string {
    this.walkList(this.vars[0]!.value, this.parsed.root);
    return this.out;
  }

  private varValue(name: string): Value {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    throw new TemplateError(`undefined variable: ${name}`);
  }

  private setVar(name: string, value: Value): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    throw new TemplateError(`undefined variable: ${name}`);
  }

  private walkList(dot: Value, nodes: readonly Node[]): void {
    for (const n of nodes) this.walk(dot, n);
  }

  private walk(dot: Value, node: Node): void {
    switch (node.kind) {
      case 'text':
        this.out += node.text;
        return;
      case 'action': {
        const v = this.pipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.out += v === undefined ? '<no value>' : printValue(v);
        return;
      }
      case 'if': case 'with': {
        const mark = this.vars.length;
        const v = this.pipeline(dot, node.pipe);
        if (truth(v)) this.walkList(node.kind === 'with' ? v : dot, node.list);
        else if (node.else) this.walkList(dot, node.else);
        this.vars.length = mark;
        return;
      }
      case 'range':
        this.range(dot, node);
        return;
      case 'template': {
        const body = this.parsed.defined.get(node.name);
        if (!body) throw new TemplateError(`template ${JSON.stringify(node.name)} not defined`);
        if (++this.depth > 1000) throw new TemplateError('exceeded maximum template depth');
        const inner = node.pipe ? this.pipeline(dot, node.pipe) : undefined;
        const outer = this.vars;
        this.vars = [{ name: '$', value: inner }];
        this.walkList(inner, body);
        this.vars = outer;
        this.depth--;
        return;
      }
      case 'break': throw breakLoop;
      case 'continue': throw continueLoop;
    }
  }

  private range(dot: Value, node: ControlNode): void {
    const mark = this.vars.length;
    const v = this.pipeline(dot, node.pipe);
    const decl = node.pipe.decl;
    let items: [Value, Value][];
    if (v === undefined) items = [];
    else if (v.type === 'map[string]string' || v.type === 'map[string]interface {}') items = sortedEntries(v).map(([k, e]) => [str(k), e]);
    else if (v.type === 'int') {
      if (decl.length > 1) throw new TemplateError(`can't use ${v.value} to iterate over more than one variable`);
      items = Array.from({ length: Math.max(v.value, 0) }, (_, i) => [undefined, int(i)]);
    } else throw new TemplateError(`range can't iterate over ${printValue(v)}`);
    const inner = this.vars.length;
    try {
      for (const [key, elem] of items) {
        if (node.pipe.assign) {
          if (decl.length > 1) {
            this.setVar(decl[0]!, key);
            this.setVar(decl[1]!, elem);
          } else if (decl.length === 1) this.setVar(decl[0]!, elem);
        } else {
          if (decl.length >= 1) this.vars[this.vars.length - 1]!.value = elem;
          if (decl.length === 2) this.vars[this.vars.length - 2]!.value = key;
        }
        try {
          this.walkList(elem, node.list);
        } catch (e) {
          if (e !== continueLoop) throw e;
        } finally {
          this.vars.length = inner;
        }
      }
    } catch (e) {
      if (e !== breakLoop) throw e;
    }
    if (items.length === 0 && node.else) this.walkList(dot, node.else);
    this.vars.length = mark;
  }

  private pipeline(dot: Value, pipe: Pipe): Value {
    let value: Final = missing;
    for (const cmd of pipe.cmds) value = this.command(dot, cmd, value);
    const result = value === missing ? undefined : value;
    for (const name of pipe.decl) {
      if (pipe.assign) this.setVar(name, result);
      else this.vars.push({ name, value: result });
    }
    return result;
  }

  private notAFunction(args: readonly Arg[], final: Final): void {
    if (args.length > 1 || final !== missing) throw new TemplateError(`can't give argument to non-function ${describe(args[0]!)}`);
  }

  private command(dot: Value, args: readonly Arg[], final: Final): Value {
    const first = args[0]!;
    switch (first.kind) {
      case 'field': return this.fieldChain(dot, first.path, args, final);
      case 'chain': return this.fieldChain(this.arg(dot, 'any', first.node), first.path, args, final);
      case 'identifier': return this.call(dot, first.name, args.slice(1), final);
      case 'variable': {
        const v = this.varValue(first.name);
        if (first.path.length === 0) {
          this.notAFunction(args, final);
          return v;
        }
        return this.fieldChain(v, first.path, args, final);
      }
      case 'pipe':
        this.notAFunction(args, final);
        return this.pipeline(dot, first.pipe);
    }
    this.notAFunction(args, final);
    switch (first.kind) {
      case 'bool': return bool(first.value);
      case 'dot': return dot;
      case 'nil': throw new TemplateError('nil is not a command');
      case 'number': return first.type === 'int' ? int(first.value) : float(first.value);
      case 'string': return str(first.text);
    }
  }

  private fieldChain(receiver: Value, path: readonly string[], args: readonly Arg[], final: Final): Value {
    path.slice(0, -1).forEach((name) => { receiver = this.field(name, receiver, [], missing); });
    return this.field(path[path.length - 1]!, receiver, args, final);
  }

  private field(name: string, receiver: Value, args: readonly Arg[], final: Final): Value {
    if (receiver === undefined) return undefined;
    const hasArgs = args.length > 1 || final !== missing;
    switch (receiver.type) {
      case 'alert':
        if (!receiver.fields.has(name)) break;
        if (hasArgs) throw new TemplateError(`${name} has arguments but cannot be invoked as function`);
        return receiver.fields.get(name);
      case 'map[string]string': case 'map[string]interface {}':
        if (hasArgs) throw new TemplateError(`${name} is not a method but has arguments`);
        return receiver.entries.get(name) ?? (receiver.type === 'map[string]string' ? str('') : undefined);
      case '*time.Duration': case '*time.Time':
        throw new Unsupported(`.${name} of a ${receiver.type.slice(1)}`);
    }
    throw new TemplateError(`can't evaluate field ${name} in type ${typeName(receiver)}`);
  }

  private call(dot: Value, name: string, args: readonly Arg[], final: Final): Value {
    const f = functions.get(name)!;
    const numIn = args.length + (final === missing ? 0 : 1);
    if (f.variadic ? numIn < f.params.length : numIn !== f.params.length) {
      throw new TemplateError(`wrong number of args for ${name}: want ${f.variadic ? 'at least ' : ''}${f.params.length} got ${numIn}`);
    }
    const typeAt = (i: number): Param => (i < f.params.length ? f.params[i]! : f.variadic!);
    if (lazy.has(name)) {
      let v: Value;
      for (const a of args) {
        v = this.arg(dot, 'any', a);
        if (truth(v) === (name === 'or')) return v;
      }
      return final === missing ? v! : final;
    }
    const argv = args.map((a, i) => this.arg(dot, typeAt(i), a));
    if (final !== missing) argv.push(this.validate(final, typeAt(argv.length)));
    try {
      return f.call(argv);
    } catch (e) {
      if (e instanceof GoError) throw new TemplateError(`error calling ${name}: ${e.message}`);
      throw e;
    }
  }

  /** Go's validateType: a string parameter takes only a string. */
  private validate(v: Value, type: Param): Value {
    if (type === 'any') return v;
    if (v === undefined) throw new TemplateError('invalid value; expected string');
    if (v.type !== 'string') throw new TemplateError(`wrong type for value; expected string; got ${typeName(v)}`);
    return v;
  }

  private arg(dot: Value, type: Param, a: Arg): Value {
    switch (a.kind) {
      case 'dot': return this.validate(dot, type);
      case 'nil':
        if (type === 'any') return undefined;
        throw new TemplateError(`cannot assign nil to ${type}`);
      case 'field': return this.validate(this.fieldChain(dot, a.path, [a], missing), type);
      case 'variable': {
        const v = this.varValue(a.name);
        return this.validate(a.path.length ? this.fieldChain(v, a.path, [a], missing) : v, type);
      }
      case 'pipe': return this.validate(this.pipeline(dot, a.pipe), type);
      case 'identifier': return this.validate(this.call(dot, a.name, [], missing), type);
      case 'chain': return this.validate(this.fieldChain(this.arg(dot, 'any', a.node), a.path, [a], missing), type);
    }
    if (type === 'string') {
      if (a.kind === 'string') return str(a.text);
      throw new TemplateError(`expected string; found ${describe(a)}`);
    }
    switch (a.kind) {
      case 'bool': return bool(a.value);
      case 'number': return a.type === 'int' ? int(a.value) : float(a.value);
      case 'string': return str(a.text);
    }
  }
}

/** Executes a parsed template on `data`, with the variables Prometheus' header declares. */
export function execute(parsed: Parsed, data: Value, vars: readonly (readonly [string, Value])[]): string {
  try {
    return new Execution(parsed, data, vars).run();
  } catch (e) {
    if (e instanceof UnrenderableTemplate) throw e;
    if (e === breakLoop || e === continueLoop) throw new TemplateError('break or continue outside range');
    if (e instanceof RangeError) throw new Unsupported('a template nested too deep');
    throw e;
  }
}
