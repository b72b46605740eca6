// What the code at a type error is: a label given to a series, or a key given to an options object. Read from the
// AST and the checker, so the message can name the series, the labels it has and the keys an object takes.
import {
  getTokenAtPosition, isArrayLiteralExpression, isCallExpression, isIdentifier, isObjectLiteralExpression,
  isPropertyAccessExpression, isPropertyAssignment, isShorthandPropertyAssignment, isStringLiteral,
  type Expression, type Node, type ObjectLiteralExpression, type SourceFile,
} from 'typescript/unstable/ast';
import type { Checker, Diagnostic, Project, Type } from 'typescript/unstable/sync';

/** Label names given to a series that does not carry them, in `.where({...})`, `input(series, {...})`, `by`/`without`. */
export interface LabelMistake {
  readonly kind: 'label';
  readonly wrong: readonly string[];
  /** The series as written in the stack file, e.g. `rate(orders, '5m')`. */
  readonly series: string;
  readonly labels: readonly string[];
  /** Where the first wrong label is written, when TypeScript pointed elsewhere (at `by` for "no overload matches"). */
  readonly span?: { readonly pos: number; readonly end: number };
}

/** A key an options object does not take. */
export interface KeyMistake {
  readonly kind: 'key';
  readonly key: string;
  /** Where the object stands: the property it is the value of, or the call it is passed to. */
  readonly container: string;
  readonly known: readonly string[];
}

/** A string the type does not take, where it takes only listed values: a label value the stack did not declare. */
export interface ValueMistake {
  readonly kind: 'value';
  readonly value: string;
  /** The key it is the value of (the label), when it is one. */
  readonly key: string | undefined;
  readonly values: readonly string[];
}

const groupingKeys = new Set(['by', 'without']);
const excessProperty = new Set([2353, 2561]);

/** The most specific diagnostic of a chain: the one TypeScript nests deepest along the first branch. */
export function deepest(d: Diagnostic): Diagnostic {
  let at = d;
  while (at.messageChain?.length) at = at.messageChain[0]!;
  return at;
}

function nameText(node: Node): string | undefined {
  if (isIdentifier(node) || isStringLiteral(node)) return node.text;
  return undefined;
}

function shortText(node: Node, file: SourceFile): string {
  const text = node.getText(file).replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The string literal values of a type: `"a" | "b" | undefined` gives a, b. */
function literals(type: Type | undefined): string[] {
  if (!type) return [];
  const parts = type.isUnionType() ? (type.getTypes() ?? []) : [type];
  return parts.flatMap((t) => (t.isStringLiteralType() ? [String(t.value)] : [])).sort();
}

/** The labels of a series or vector expression: its phantom `labelNames` property (dsl/series.ts). */
function labelsOf(checker: Checker, node: Expression): string[] | undefined {
  const type = checker.getTypeAtLocation(node);
  const symbol = type && checker.getPropertyOfType(type, 'labelNames');
  return symbol ? literals(checker.getTypeOfSymbol(symbol)) : undefined;
}

/** The series an object literal argument speaks about: the argument before it, or the receiver of `x.where({...})`. */
function seriesFor(object: ObjectLiteralExpression): Expression | undefined {
  const call = object.parent;
  if (!isCallExpression(call)) return undefined;
  const index = call.arguments.indexOf(object);
  if (index > 0) return call.arguments[index - 1];
  if (index === 0 && isPropertyAccessExpression(call.expression)) return call.expression.expression;
  return undefined;
}

function labelMistake(checker: Checker, file: SourceFile, object: ObjectLiteralExpression, names: readonly Node[]): LabelMistake | undefined {
  const series = seriesFor(object);
  const labels = series && labelsOf(checker, series);
  if (!series || !labels) return undefined;
  const wrong = names.filter((n) => !labels.includes(nameText(n) ?? ''));
  const first = wrong[0];
  if (!first) return undefined;
  return { kind: 'label', wrong: wrong.map((n) => nameText(n) ?? ''), series: shortText(series, file), labels, span: { pos: first.getStart(file), end: first.getEnd() } };
}

function knownKeys(checker: Checker, object: ObjectLiteralExpression): string[] {
  const contextual = checker.getContextualType(object);
  const type = contextual && (checker.getNonNullableType(contextual) ?? contextual);
  if (!type) return [];
  // where an object or a list is accepted (`routes: { critical, … } | [route(…)]`), the object's keys are the known
  // ones: an object literal is never the list
  const parts = type.isUnionType() ? (type.getTypes() ?? []) : [type];
  const objects = parts.filter((t) => checker.getPropertyOfType(t, 'map') === undefined);
  return [...new Set(objects.flatMap((t) => checker.getPropertiesOfType(t).map((p) => p.name)))].sort();
}

function containerOf(object: ObjectLiteralExpression, file: SourceFile): string {
  const parent = object.parent;
  if (isPropertyAssignment(parent)) return nameText(parent.name) ?? 'this object';
  if (isCallExpression(parent)) return `${shortText(parent.expression, file)}(…)`;
  return 'this object';
}


/** Explains the diagnostic when it is a wrong label or an unknown key; undefined for anything else. */
export function explain(project: Project, d: Diagnostic): LabelMistake | KeyMistake | ValueMistake | undefined {
  const file = d.fileName ? project.program.getSourceFile(d.fileName) : undefined;
  if (!file) return undefined;
  const token = getTokenAtPosition(file, d.pos);
  const parent = token.parent;
  const checker = project.checker;

  // `by: [...]` / `without: [...]`: TypeScript points at the key (no overload matches) or at one element
  const grouping = isPropertyAssignment(parent) && parent.name === token ? parent : isArrayLiteralExpression(parent) ? parent.parent : undefined;
  if (grouping && isPropertyAssignment(grouping) && groupingKeys.has(nameText(grouping.name) ?? '') && isArrayLiteralExpression(grouping.initializer) && isObjectLiteralExpression(grouping.parent)) {
    return labelMistake(checker, file, grouping.parent, grouping.initializer.elements.filter(isStringLiteral));
  }

  // a key of an object literal: a label in `.where({...})` or `input(series, {...})`, else an options key
  // a string literal where the type lists its values (declared label values: `queue: 'mial'`, `not('faild')`)
  // (TypeScript points at the string, or at the key whose value it is)
  const literal = isStringLiteral(token) ? token
    : isPropertyAssignment(parent) && parent.name === token && isStringLiteral(parent.initializer) ? parent.initializer : undefined;
  if (literal && (d.code === 2322 || d.code === 2345 || d.code === 2820)) {
    const values = literals(checker.getContextualType(literal));
    const owner = literal.parent;
    const key = isPropertyAssignment(owner) && owner.initializer === literal ? nameText(owner.name) : undefined;
    if (values.length > 0 && !values.includes(literal.text)) return { kind: 'value', value: literal.text, key, values };
  }

  if ((isPropertyAssignment(parent) || isShorthandPropertyAssignment(parent)) && parent.name === token && isObjectLiteralExpression(parent.parent)) {
    const key = nameText(token);
    if (key === undefined) return undefined;
    const object = parent.parent;
    const known = knownKeys(checker, object);
    // an object keyed by labels (`Matchers<L>`, an input's label set) takes exactly the labels of its series
    const series = seriesFor(object);
    const labels = series && labelsOf(checker, series);
    if (labels?.length && known.length && known.every((k) => labels.includes(k))) return labelMistake(checker, file, object, [token]);
    if (excessProperty.has(d.code) || excessProperty.has(deepest(d).code)) return { kind: 'key', key, container: containerOf(object, file), known };
  }
  return undefined;
}
