// Checks one parsed PromQL expression against the series index: every series exists, every label exists where it
// is used, functions get the series types they need, and vector matches can match. Infers the output labels
// on the way, which is what makes the label checks possible.
import { parseDuration } from '../duration.ts';
import { isSetOperator, type LabelRef, type Matcher, type Node, type Span } from './ast.ts';
import { aggregationParameter, describeSignature, functions, type ArgKind } from './functions.ts';
import { re2Problem } from './regex.ts';
import { closest, type SeriesIndex, type SeriesInfo } from './series-index.ts';

export interface Problem extends Span {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
}

/** What an expression evaluates to. `labels` undefined means unknown: label checks downstream are skipped. */
export interface Value {
  readonly kind: 'vector' | 'matrix' | 'scalar' | 'string';
  readonly labels: ReadonlySet<string> | undefined;
  /** For selectors and range selectors over one series: what that series is. */
  readonly series?: SeriesInfo;
  /** Derived from histogram buckets (keeps the `le` meaning through rate() and aggregations). */
  readonly buckets?: boolean;
  /** Made from buckets by an operation that does not give back a histogram: why, and how to join instead. */
  readonly notBuckets?: { readonly message: string; readonly hint: string };
}

const counterFunctions = new Set(['rate', 'irate', 'increase', 'resets']);
const gaugeFunctions = new Set(['deriv', 'delta', 'idelta', 'predict_linear', 'holt_winters', 'double_exponential_smoothing']);
const scalarFunctions = new Set(['time', 'pi', 'scalar']);
/** Functions of no argument return a vector without labels: hour(), minute(), … */
const timeFunctions = new Set(['minute', 'hour', 'day_of_week', 'day_of_month', 'day_of_year', 'days_in_month', 'month', 'year']);

const scalar: Value = { kind: 'scalar', labels: new Set() };

const kindName: Readonly<Record<Value['kind'], string>> = {
  vector: 'an instant vector', matrix: 'a range vector', scalar: 'a scalar (a number)', string: 'a string',
};

function setOf(labels: readonly LabelRef[]): Set<string> {
  return new Set(labels.map((l) => l.name));
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function list(labels: Iterable<string>): string {
  const all = [...labels].sort();
  return all.length ? all.join(', ') : '(none)';
}

export class ExpressionChecker {
  readonly problems: Problem[] = [];

  constructor(
    private readonly index: SeriesIndex,
    private readonly scrapeIntervalMs: number,
  ) {}

  private report(span: Span, code: string, message: string, hint: string): void {
    this.problems.push({ from: span.from, to: span.to, code, message, hint });
  }

  private checkLabel(ref: LabelRef, labels: ReadonlySet<string> | undefined, what: string): void {
    if (!labels || labels.has(ref.name)) return;
    const near = closest(ref.name, labels);
    this.report(ref, 'promql/unknown-label', `label "${ref.name}" does not exist on ${what}`,
      `${near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? ` : ''}its labels are: ${list(labels)}`);
  }

  check(n: Node): Value {
    switch (n.type) {
      case 'number': return scalar;
      case 'string': return { kind: 'string', labels: new Set() };
      case 'paren':
      case 'offset': return this.check(n.expr);
      case 'unary': return this.check(n.expr);
      case 'selector': return this.selector(n);
      case 'matrix': {
        const inner = this.check(n.selector);
        this.checkRange(n, n.range);
        return { ...inner, kind: 'matrix' };
      }
      case 'subquery': {
        const inner = this.check(n.expr);
        this.checkRange(n, n.range);
        // a subquery's samples are evaluated results: gauges, whatever they were made of
        return { kind: 'matrix', labels: inner.labels, ...(inner.buckets ? { buckets: true } : {}) };
      }
      case 'call': return this.call(n);
      case 'aggregate': return this.aggregate(n);
      case 'binary': return this.binary(n);
    }
  }

  private checkRange(span: Span, range: string): void {
    const ms = parseDuration(range);
    if (ms === undefined || ms === 0) {
      this.report(span, 'promql/invalid-duration', `"${range}" is not a valid range`, 'write a positive duration such as 5m, 1h or 30s');
    }
  }

  /** A regex Prometheus' RE2 refuses (look-ahead, back-references, …) fails every query that holds it. */
  private checkRegex(span: Span, pattern: string, where: string): void {
    const problem = re2Problem(pattern);
    if (problem) {
      this.report(span, 'promql/regex', `the regex "${pattern}" in ${where} is not valid in Prometheus (RE2 syntax): ${problem}`,
        'RE2 has no look-ahead, look-behind or back-references: match the values you want directly, or use a != / !~ matcher to exclude the others');
    }
  }

  /** A matcher on a label with declared values must be able to match one: `phase="Runing"` selects nothing, and
   *  `phase!="Runing"` excludes nothing. An empty value (`!=""`: the label is set) is always meaningful. */
  private checkDeclaredValue(m: Matcher, info: SeriesInfo): void {
    const declared = info.values?.[m.label];
    if (!declared || m.value === '') return;
    let regex: RegExp | undefined;
    if (m.op === '=~' || m.op === '!~') {
      try {
        regex = new RegExp(`^(?:${m.value})$`, 'u');
      } catch {
        return; // RE2 syntax JavaScript does not read: checked by checkRegex, not guessed here
      }
    }
    const hits = regex ? declared.filter((v) => regex.test(v)) : declared.filter((v) => v === m.value);
    if (hits.length > 0) return;
    const near = regex ? [] : closest(m.value, declared);
    const effect = m.op === '=' || m.op === '=~' ? 'selects nothing' : 'excludes nothing';
    this.report(m, 'promql/undeclared-value',
      `${m.op === '=~' || m.op === '!~' ? `the regex "${m.value}"` : `"${m.value}"`} matches none of the values ${info.from} declares for ${m.label} (${declared.join(', ')}), so the matcher ${effect}`,
      `${near.length ? `did you mean ${near.map((v) => `"${v}"`).join(' or ')}? ` : ''}match one of ${declared.map((v) => `"${v}"`).join(', ')}, or declare the value in the metric's labels`);
  }

  private selector(n: Extract<Node, { type: 'selector' }>): Value {
    for (const m of n.matchers) if (m.op === '=~' || m.op === '!~') this.checkRegex(m, m.value, `the matcher on ${m.label}`);
    if (!n.name) {
      this.report(n, 'promql/no-metric-name', 'this selector does not name a series, so it cannot be checked',
        'start the selector with the series name, or use a metric object in a promql`…` hole');
      return { kind: 'vector', labels: undefined };
    }
    const forbidden = this.index.forbidden.get(n.name);
    if (forbidden) {
      this.report(n, 'promql/bare-histogram', forbidden.message, forbidden.hint);
      return { kind: 'vector', labels: undefined };
    }
    const info = this.index.series.get(n.name);
    if (!info) {
      const near = closest(n.name, this.index.series.keys());
      this.report({ from: n.from, to: n.from + n.name.length }, 'promql/unknown-series',
        `series "${n.name}" is not exported by this stack, recorded by a rule, or declared in a catalog`,
        `${near.length ? `did you mean ${near.join(', ')}? ` : ''}declare the metric in the stack's metrics, or add the catalog that provides it to the stack's catalogs`);
      return { kind: 'vector', labels: undefined };
    }
    for (const m of n.matchers) this.checkLabel({ name: m.label, from: m.from, to: m.to }, info.labels, `${n.name} (${info.from})`);
    for (const m of n.matchers) this.checkDeclaredValue(m, info);
    const buckets = info.origin === 'histogram bucket' || info.labels?.has('le') === true;
    return { kind: 'vector', labels: info.labels, series: info, ...(buckets ? { buckets: true } : {}) };
  }

  /** An argument of the wrong kind, or too many or too few: Prometheus' parser refuses the whole expression. */
  private checkSignature(n: Extract<Node, { type: 'call' }>, args: readonly Value[]): boolean {
    const sig = functions[n.fn];
    if (!sig) return true; // a function this table does not know yet: Prometheus (and verify) judge it
    const min = sig.args.length - (sig.optional ?? 0);
    const max = sig.variadic ? Infinity : sig.args.length;
    const usage = describeSignature(n.fn, sig);
    if (args.length < min || args.length > max) {
      this.report(n, 'promql/arity', `${n.fn}() takes ${min === max ? min : max === Infinity ? `at least ${min}` : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, got ${args.length}`,
        `call it as ${usage}`);
      return false;
    }
    let ok = true;
    args.forEach((a, i) => {
      const want = sig.args[Math.min(i, sig.args.length - 1)]!;
      if (a.kind === want) return;
      ok = false;
      this.report(n.args[i]!, 'promql/argument-type', `argument ${i + 1} of ${n.fn}() must be ${kindName[want]}, got ${kindName[a.kind]}`,
        `${want === 'matrix' ? `add a range to the selector, e.g. ${n.fn}(x[5m]); ` : a.kind === 'matrix' ? 'drop the range [..], or wrap it in a *_over_time() function; ' : ''}call it as ${usage}`);
    });
    return ok;
  }

  private call(n: Extract<Node, { type: 'call' }>): Value {
    const args = n.args.map((a) => this.check(a));
    const fn = n.fn;
    // a call Prometheus refuses has no meaningful result to check further
    if (!this.checkSignature(n, args)) return { kind: functions[fn]?.returns ?? 'vector', labels: undefined };
    const first = args[0];
    if (counterFunctions.has(fn) || gaugeFunctions.has(fn)) this.checkSeriesType(n, fn, first);
    if (counterFunctions.has(fn) && n.args[0]?.type === 'matrix') this.checkRateWindow(n.args[0], fn);
    if (fn === 'histogram_quantile' || fn === 'histogram_fraction') return this.histogramQuantile(n, args);
    if (fn === 'label_replace' || fn === 'label_join') return this.labelFunction(n, args);
    if (fn === 'absent' || fn === 'absent_over_time') {
      const sel = n.args[0]?.type === 'matrix' ? n.args[0].selector : n.args[0];
      const eq = sel?.type === 'selector' ? sel.matchers.filter((m) => m.op === '=').map((m) => m.label) : [];
      return { kind: 'vector', labels: new Set(eq) };
    }
    if (scalarFunctions.has(fn)) return scalar;
    if (fn === 'vector' || (timeFunctions.has(fn) && args.length === 0)) return { kind: 'vector', labels: new Set() };
    // every other function keeps the labels of its vector or range argument
    const input = args.find((a) => a.kind === 'vector' || a.kind === 'matrix');
    return { kind: 'vector', labels: input?.labels, ...(input?.buckets && counterFunctions.has(fn) ? { buckets: true } : {}) };
  }

  private checkSeriesType(n: Span, fn: string, arg: Value | undefined): void {
    const series = arg?.series;
    if (!series) return;
    const wantsCounter = counterFunctions.has(fn);
    if (wantsCounter && series.type !== 'counter') {
      this.report(n, 'promql/rate-over-gauge', `${fn}() needs a counter, but ${series.name} is a gauge (${series.from})`,
        `${fn}() assumes values only go up and treats every decrease as a reset; for a gauge use deriv() or delta(), or *_over_time()`);
    }
    if (!wantsCounter && series.type === 'counter') {
      this.report(n, 'promql/gauge-function-over-counter', `${fn}() is for gauges, but ${series.name} is a counter (${series.from})`,
        'use rate() or increase(), which handle counter resets');
    }
  }

  private checkRateWindow(m: Extract<Node, { type: 'matrix' }>, fn: string): void {
    const ms = parseDuration(m.range);
    if (ms !== undefined && ms > 0 && ms < 2 * this.scrapeIntervalMs) {
      this.report(m, 'promql/range-too-short', `${fn}() over [${m.range}] sees fewer than two samples at the stack's scrape interval`,
        `use a range of at least four scrape intervals (${(4 * this.scrapeIntervalMs) / 1000}s)`);
    }
  }

  private histogramQuantile(n: Extract<Node, { type: 'call' }>, args: Value[]): Value {
    const input = args[1];
    const arg = n.args[1];
    if (input && arg) {
      if (input.notBuckets) {
        this.report(arg, 'promql/histogram-quantile', `${n.fn}() needs histogram buckets with their le label, but ${input.notBuckets.message}`, input.notBuckets.hint);
      } else if (!input.buckets && input.labels !== undefined) {
        this.report(arg, 'promql/histogram-quantile', `${n.fn}() needs histogram buckets, but its argument is not made of a *_bucket series`,
          'pass rate(<histogram>_bucket[5m]), aggregated with le kept: sum by (le) (rate(x_bucket[5m]))');
      } else if (input.labels && !input.labels.has('le')) {
        this.report(arg, 'promql/histogram-quantile', `${n.fn}() needs the le label, but its argument drops it`,
          'keep le in the aggregation: sum by (le, …) (…) or sum without (…) (…) without naming le');
      }
      if (arg.type === 'matrix' || arg.type === 'selector' || (input.series && input.series.type === 'counter')) {
        this.report(arg, 'promql/histogram-quantile', `${n.fn}() over raw bucket counters gives the quantile since the process started`,
          'take rate() of the buckets first: histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m])))');
      }
    }
    const labels = input?.labels ? new Set([...input.labels].filter((l) => l !== 'le')) : undefined;
    return { kind: 'vector', labels };
  }

  private labelFunction(n: Extract<Node, { type: 'call' }>, args: Value[]): Value {
    const input = args[0];
    const dst = n.args[1]?.type === 'string' ? n.args[1].value : undefined;
    const sources = n.fn === 'label_replace' ? [n.args[3]] : n.args.slice(3);
    const regex = n.fn === 'label_replace' ? n.args[4] : undefined;
    if (regex?.type === 'string') this.checkRegex(regex, regex.value, 'label_replace()');
    for (const s of sources) {
      if (s?.type === 'string' && s.value !== '') this.checkLabel({ name: s.value, from: s.from, to: s.to }, input?.labels, 'the input of ' + n.fn + '()');
    }
    return { kind: 'vector', labels: input?.labels && dst ? new Set([...input.labels, dst]) : input?.labels };
  }

  private aggregate(n: Extract<Node, { type: 'aggregate' }>): Value {
    const args = n.args.map((a) => this.check(a));
    const parameter = aggregationParameter[n.op];
    const want: ArgKind[] = parameter ? [parameter, 'vector'] : ['vector'];
    if (n.op in aggregationParameter) {
      const usage = `${n.op}(${want.join(', ')})`;
      if (args.length !== want.length) {
        this.report(n, 'promql/arity', `${n.op}() takes ${want.length} argument${want.length === 1 ? '' : 's'}, got ${args.length}`, `call it as ${usage}`);
        return { kind: 'vector', labels: undefined };
      }
      const wrong = args.findIndex((a, i) => a.kind !== want[i]);
      if (wrong >= 0) {
        this.report(n.args[wrong]!, 'promql/argument-type', `argument ${wrong + 1} of ${n.op}() must be ${kindName[want[wrong]!]}, got ${kindName[args[wrong]!.kind]}`,
          `${args[wrong]!.kind === 'matrix' ? `aggregate over time first (e.g. ${n.op}(avg_over_time(x[5m]))), then across series; ` : ''}call it as ${usage}`);
        return { kind: 'vector', labels: undefined };
      }
    }
    const input = args[args.length - 1];
    const inputLabels = input?.labels;
    const g = n.grouping;
    // by (x) keeps x: a label the input lacks is a mistake. without (x) only drops it: a label that is not there is a
    // no-op Prometheus accepts, and mixins write defensive `without (instance, pod)` over series that lack one
    if (g?.mode === 'by') for (const l of g.labels) this.checkLabel(l, inputLabels, `the input of ${n.op}()`);
    const buckets = input?.buckets ? { buckets: true } : input?.notBuckets ? { notBuckets: input.notBuckets } : {};
    if (n.op === 'topk' || n.op === 'bottomk' || n.op === 'limitk' || n.op === 'limit_ratio') return { kind: 'vector', labels: inputLabels, ...buckets };
    let labels: Set<string> | undefined;
    if (!g) labels = new Set();
    else if (g.mode === 'by') labels = setOf(g.labels);
    else labels = inputLabels ? new Set([...inputLabels].filter((l) => !g.labels.some((x) => x.name === l))) : undefined;
    if (n.op === 'count_values' && labels && n.args[0]?.type === 'string') labels.add(n.args[0].value);
    return { kind: 'vector', labels, ...buckets };
  }

  private binary(n: Extract<Node, { type: 'binary' }>): Value {
    const lhs = this.check(n.lhs);
    const rhs = this.check(n.rhs);
    const odd = [n.lhs, n.rhs].find((_, i) => [lhs, rhs][i]!.kind === 'matrix' || [lhs, rhs][i]!.kind === 'string');
    if (odd) {
      this.report(odd, 'promql/argument-type', `"${n.op}" works on instant vectors and scalars, but this side is ${kindName[(odd === n.lhs ? lhs : rhs).kind]}`,
        'apply a function such as rate() or avg_over_time() to a range first');
      return { kind: 'vector', labels: undefined };
    }
    if (lhs.kind !== 'vector' || rhs.kind !== 'vector') {
      const v = lhs.kind === 'vector' ? lhs : rhs.kind === 'vector' ? rhs : undefined;
      if (!v) return scalar;
      return { kind: 'vector', labels: v.labels, ...(v.buckets ? { buckets: true } : {}) };
    }
    const m = n.matching;
    if (m) {
      // on (x) matches by x; ignoring (x) of a label neither side has changes nothing, as Prometheus runs it
      for (const l of m.mode === 'on' ? m.labels : []) {
        if (lhs.labels && rhs.labels && !lhs.labels.has(l.name) && !rhs.labels.has(l.name)) {
          this.checkLabel(l, new Set([...lhs.labels, ...rhs.labels]), 'either side of the operation');
        }
      }
      const other = m.group?.side === 'left' ? rhs.labels : lhs.labels;
      for (const l of m.group?.labels ?? []) this.checkLabel(l, other, `the ${m.group?.side === 'left' ? 'right' : 'left'} side`);
    }
    const histogram = this.bucketsOf(n, lhs, rhs);
    if (isSetOperator(n.op)) return { kind: 'vector', labels: n.op === 'or' && lhs.labels && rhs.labels ? new Set([...lhs.labels, ...rhs.labels]) : lhs.labels, ...histogram };
    if (!lhs.labels || !rhs.labels) return { kind: 'vector', labels: undefined, ...histogram };
    if (m?.group) {
      const [many, one] = m.group.side === 'left' ? [lhs.labels, rhs.labels] : [rhs.labels, lhs.labels];
      return { kind: 'vector', labels: new Set([...many, ...m.group.labels.map((l) => l.name).filter((l) => one.has(l))]), ...histogram };
    }
    // one-to-one: both sides must carry the same labels after on()/ignoring(), or no pair can ever match
    const ignored = m?.mode === 'ignoring' ? setOf(m.labels) : new Set<string>();
    const left = m?.mode === 'on' ? setOf(m.labels) : new Set([...lhs.labels].filter((l) => !ignored.has(l)));
    const right = m?.mode === 'on' ? setOf(m.labels) : new Set([...rhs.labels].filter((l) => !ignored.has(l)));
    if (m?.mode !== 'on' && !sameSet(left, right)) {
      const onlyLeft = [...left].filter((l) => !right.has(l));
      const onlyRight = [...right].filter((l) => !left.has(l));
      this.report(n, 'promql/vector-matching',
        `the two sides of "${n.op}" have different labels, so one-to-one matching never pairs them` +
          `${onlyLeft.length ? `: only the left has ${list(onlyLeft)}` : ''}${onlyRight.length ? `${onlyLeft.length ? ';' : ':'} only the right has ${list(onlyRight)}` : ''}`,
        `aggregate both sides to the same labels, e.g. sum by (${list([...left].filter((l) => right.has(l)))}) (…) on each side`);
    }
    // Prometheus keeps the left side's labels, reduced to on() or minus ignoring() (comparisons included)
    return { kind: 'vector', labels: m?.mode === 'on' ? setOf(m.labels) : left, ...histogram };
  }

  /** Whether an operation between two vectors still gives histogram buckets (what histogram_quantile() reads):
   *  - `and` / `unless` keep the left side's series as they are;
   *  - `+` and `or` of two bucket sets add or join histograms;
   *  - `*` and `/` scale the buckets by a value shared by every bucket of a match group (a 1-valued info metric joined
   *    with group_left to attach its labels, a total), which leaves the quantile as it was. That holds when the
   *    buckets are the side whose series the result is: the left, or the many side of group_left / group_right,
   *    and the other side has no le. Buckets on the other side lose their le: said how, since Prometheus would
   *    refuse the match or drop le. */
  private bucketsOf(n: Extract<Node, { type: 'binary' }>, lhs: Value, rhs: Value): Pick<Value, 'buckets' | 'notBuckets'> {
    if (!lhs.buckets && !rhs.buckets) return {};
    if (n.op === 'and' || n.op === 'unless') return lhs.buckets ? { buckets: true } : {};
    if (n.op === '+' || n.op === 'or') return lhs.buckets && rhs.buckets ? { buckets: true } : {};
    if (n.op !== '*' && n.op !== '/') return {};
    const m = n.matching;
    const [kept, other] = m?.group?.side === 'right' ? [rhs, lhs] : [lhs, rhs];
    // unknown labels count as having le: nothing is claimed about them
    const otherHasLe = other.buckets === true && other.labels?.has('le') !== false;
    if (!kept.buckets) {
      if (!otherHasLe) return {};
      const side = m?.group ? `group_${m.group.side}` : 'one-to-one matching';
      return { notBuckets: {
        message: `"${n.op}" keeps the series of its ${m?.group?.side === 'right' ? 'right' : 'left'} side, and the buckets are on the other (${side} takes one series per match group from there, and the buckets have one per le)`,
        hint: `put the buckets on the kept side: <buckets> ${n.op} ${m ? `${m.mode} (${m.labels.map((l) => l.name).join(', ')})` : 'on (…)'} group_left (<labels to attach>) <info metric>`,
      } };
    }
    if (otherHasLe) return {}; // buckets by buckets: not a histogram any more
    if (!m?.group && m?.mode === 'on' && !m.labels.some((l) => l.name === 'le')) {
      return { notBuckets: {
        message: `the one-to-one match on (${m.labels.map((l) => l.name).join(', ')}) keeps only the labels it names, so le is dropped (and one-to-one matching refuses the several buckets of one match group)`,
        hint: `join with group_left, which keeps every label of the buckets: <buckets> ${n.op} on (${m.labels.map((l) => l.name).join(', ')}) group_left (<labels to attach>) <info metric>`,
      } };
    }
    if (!m?.group && m?.mode === 'ignoring' && m.labels.some((l) => l.name === 'le')) {
      return { notBuckets: {
        message: 'the one-to-one match ignoring (le) drops le (and one-to-one matching refuses the several buckets of one match group)',
        hint: `join with group_left, which keeps every label of the buckets: <buckets> ${n.op} ignoring (le) group_left <total>`,
      } };
    }
    return { buckets: true };
  }
}
