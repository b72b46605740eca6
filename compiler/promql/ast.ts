// A small PromQL syntax tree, built from @prometheus-io/lezer-promql's parse. Offsets are into the text,
// so issues can point at the column of the exact selector or label.
import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';

export interface Span { readonly from: number; readonly to: number }
export interface LabelRef extends Span { readonly name: string }
export interface Matcher extends Span { readonly label: string; readonly op: '=' | '!=' | '=~' | '!~'; readonly value: string }

export type Node =
  | (Span & { readonly type: 'selector'; readonly name: string | undefined; readonly matchers: readonly Matcher[] })
  | (Span & { readonly type: 'matrix'; readonly selector: Node; readonly range: string })
  | (Span & { readonly type: 'subquery'; readonly expr: Node; readonly range: string })
  | (Span & { readonly type: 'call'; readonly fn: string; readonly args: readonly Node[] })
  | (Span & {
      readonly type: 'aggregate';
      readonly op: string;
      readonly args: readonly Node[];
      readonly grouping?: { readonly mode: 'by' | 'without'; readonly labels: readonly LabelRef[] };
    })
  | (Span & {
      readonly type: 'binary';
      readonly op: string;
      readonly lhs: Node;
      readonly rhs: Node;
      readonly bool: boolean;
      readonly matching?: {
        readonly mode: 'on' | 'ignoring';
        readonly labels: readonly LabelRef[];
        readonly group?: { readonly side: 'left' | 'right'; readonly labels: readonly LabelRef[] };
      };
    })
  | (Span & { readonly type: 'unary'; readonly expr: Node })
  | (Span & { readonly type: 'paren'; readonly expr: Node })
  | (Span & { readonly type: 'offset'; readonly expr: Node })
  | (Span & { readonly type: 'number'; readonly value: number })
  | (Span & { readonly type: 'string'; readonly value: string });

export interface SyntaxProblem extends Span { readonly message: string }

export type ParseResult = { readonly ok: true; readonly ast: Node } | { readonly ok: false; readonly problem: SyntaxProblem };

export function isSetOperator(op: string): boolean {
  return op === 'and' || op === 'or' || op === 'unless';
}

/** The syntax children of a node. `# comments` may stand between any two tokens (Prometheus' lexer drops them), so
 *  they are left out here: every position below reads the n-th real child, never a comment. */
function children(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (c.name !== 'LineComment') out.push(c);
  return out;
}

function unquote(text: string): string {
  if (text.startsWith('`')) return text.slice(1, -1);
  try {
    return JSON.parse(text.startsWith("'") ? `"${text.slice(1, -1).replace(/"/g, '\\"')}"` : text) as string;
  } catch {
    return text.slice(1, -1);
  }
}

class Builder {
  constructor(private readonly src: string) {}

  text(n: SyntaxNode): string {
    return this.src.slice(n.from, n.to);
  }

  labels(n: SyntaxNode | undefined): LabelRef[] {
    if (!n) return [];
    return children(n)
      .filter((c) => c.name === 'LabelName' || c.name === 'QuotedLabelName')
      .map((c) => ({ name: c.name === 'LabelName' ? this.text(c) : unquote(this.text(c)), from: c.from, to: c.to }));
  }

  matcher(n: SyntaxNode): Matcher {
    const [label, op, value] = children(n);
    if (!label || !op || !value) return { label: '', op: '=', value: '', from: n.from, to: n.to };
    return {
      label: label.name === 'QuotedLabelName' ? unquote(this.text(label)) : this.text(label),
      op: this.text(op) as Matcher['op'],
      value: unquote(this.text(value)),
      from: label.from,
      to: n.to,
    };
  }

  node(n: SyntaxNode): Node {
    const kids = children(n);
    const span = { from: n.from, to: n.to };
    switch (n.name) {
      case 'PromQL':
      case 'ParenExpr':
        if (n.name === 'ParenExpr') return { type: 'paren', expr: this.node(kids[0]!), ...span };
        return this.node(kids[0]!);
      case 'VectorSelector': {
        const id = kids.find((c) => c.name === 'Identifier');
        const matchers = kids.find((c) => c.name === 'LabelMatchers');
        const all = matchers ? children(matchers).filter((c) => c.name.endsWith('LabelMatcher')).map((c) => this.matcher(c)) : [];
        // `{__name__="x"}` and `{"x"}` name the metric as well as `x{}` does
        const quotedName = matchers ? children(matchers).find((c) => c.name === 'QuotedLabelName') : undefined;
        const byMatcher = all.find((m) => m.label === '__name__' && m.op === '=');
        const name = id ? this.text(id) : quotedName ? unquote(this.text(quotedName)) : byMatcher?.value;
        return { type: 'selector', name, matchers: all.filter((m) => m.label !== '__name__'), ...span };
      }
      case 'MatrixSelector':
        return { type: 'matrix', selector: this.node(kids[0]!), range: this.text(kids[1]!), ...span };
      case 'SubqueryExpr':
        return { type: 'subquery', expr: this.node(kids[0]!), range: this.text(kids[1]!), ...span };
      case 'OffsetExpr':
      case 'StepInvariantExpr':
      case 'AnchoredExpr':
      case 'SmoothedExpr':
        return { type: 'offset', expr: this.node(kids[0]!), ...span };
      case 'UnaryExpr':
        return { type: 'unary', expr: this.node(kids[1]!), ...span };
      case 'NumberDurationLiteral':
        return { type: 'number', value: Number(this.text(n)), ...span };
      case 'StringLiteral':
        return { type: 'string', value: unquote(this.text(n)), ...span };
      case 'FunctionCall': {
        const body = kids.find((c) => c.name === 'FunctionCallBody');
        return { type: 'call', fn: this.text(kids[0]!).trim(), args: body ? children(body).map((c) => this.node(c)) : [], ...span };
      }
      case 'AggregateExpr': {
        const body = kids.find((c) => c.name === 'FunctionCallBody');
        const modifier = kids.find((c) => c.name === 'AggregateModifier');
        const mode = modifier && children(modifier)[0]?.name === 'Without' ? 'without' : 'by';
        const grouping = modifier ? { mode, labels: this.labels(modifier.getChild('GroupingLabels') ?? undefined) } as const : undefined;
        return {
          type: 'aggregate',
          op: this.text(kids[0]!).trim().toLowerCase(),
          args: body ? children(body).map((c) => this.node(c)) : [],
          ...(grouping ? { grouping } : {}),
          ...span,
        };
      }
      case 'BinaryExpr': {
        const [lhs, op] = kids;
        const rhs = kids[kids.length - 1]!;
        const clause = kids.find((c) => c.name === 'MatchingModifierClause');
        let matching: Extract<Node, { type: 'binary' }>['matching'];
        if (clause) {
          const parts = children(clause);
          const groupings = parts.filter((c) => c.name === 'GroupingLabels');
          const groupNode = parts.find((c) => c.name === 'GroupLeft' || c.name === 'GroupRight');
          matching = {
            mode: parts[0]?.name === 'Ignoring' ? 'ignoring' : 'on',
            labels: this.labels(groupings[0]),
            ...(groupNode ? { group: { side: groupNode.name === 'GroupLeft' ? 'left' : 'right', labels: this.labels(groupings[1]) } as const } : {}),
          };
        }
        return {
          type: 'binary',
          op: this.text(op!).toLowerCase(),
          lhs: this.node(lhs!),
          rhs: this.node(rhs),
          bool: kids.some((c) => c.name === 'BoolModifier'),
          ...(matching ? { matching } : {}),
          ...span,
        };
      }
      default:
        throw new Error(`PromQL node ${n.name} is not handled`);
    }
  }
}

function firstError(n: SyntaxNode): SyntaxNode | undefined {
  if (n.type.isError) return n;
  for (let c = n.firstChild; c; c = c.nextSibling) {
    const e = firstError(c);
    if (e) return e;
  }
  return undefined;
}

/** Parses PromQL. A syntax error comes back with the offset where the parser gave up. */
/** Parsed expressions by text: validation, rule tests and emitters each parse the same expressions. The results
 *  are plain data that nothing mutates. */
const parsed = new Map<string, ParseResult>();

export function parsePromQL(src: string): ParseResult {
  let result = parsed.get(src);
  if (result === undefined) {
    result = parseUncached(src);
    parsed.set(src, result);
  }
  return result;
}

function parseUncached(src: string): ParseResult {
  if (src.trim() === '') return { ok: false, problem: { from: 0, to: 0, message: 'the expression is empty' } };
  const tree = parser.parse(src);
  // nothing but comments is what Prometheus calls "no expression found in input"
  if (children(tree.topNode).every((c) => c.type.isError && c.from === c.to)) return { ok: false, problem: { from: 0, to: src.length, message: 'the expression is empty (it holds only comments)' } };
  const error = firstError(tree.topNode);
  if (error) {
    const near = src.slice(error.from, error.from + 12);
    const message = error.from >= src.length ? 'the expression ends too early' : `unexpected ${JSON.stringify(near)}`;
    return { ok: false, problem: { from: error.from, to: Math.max(error.to, error.from + 1), message } };
  }
  try {
    return { ok: true, ast: new Builder(src).node(tree.topNode) };
  } catch (e) {
    return { ok: false, problem: { from: 0, to: src.length, message: (e as Error).message } };
  }
}

/** Every selector in an expression, in order, with the range of the range selector it stands in (if any). */
export function selectorsIn(n: Node, range?: string): { readonly selector: Extract<Node, { type: 'selector' }>; readonly range: string | undefined }[] {
  switch (n.type) {
    case 'selector': return [{ selector: n, range }];
    case 'matrix': return selectorsIn(n.selector, n.range);
    case 'subquery': case 'paren': case 'offset': case 'unary': return selectorsIn(n.expr);
    case 'call': case 'aggregate': return n.args.flatMap((a) => selectorsIn(a));
    case 'binary': return [...selectorsIn(n.lhs), ...selectorsIn(n.rhs)];
    default: return [];
  }
}

/** The series names an expression selects. */
export function seriesNamesIn(n: Node): Set<string> {
  return new Set(selectorsIn(n).flatMap(({ selector }) => (selector.name ? [selector.name] : [])));
}
