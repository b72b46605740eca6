// An Alertmanager configuration as the stack file's `alerting(...)`: receivers and time intervals as constants, the
// routing tree as route(...) calls, inhibit rules as inhibit(...). A route no imported alert can reach would fail the
// compile (alerting/unreachable-route), so it is written commented out with the reason, decided the way the compile
// decides it (compiler/routing/reach.ts); so is a route the DSL cannot say, with a note.
import type { LabelKnowledge } from '../routing/alert-labels.ts';
import { matcherText } from '../routing/matchers.ts';
import { matchersHold } from '../routing/reach.ts';
import type { Matcher } from '../model-routing.ts';
import type { AlertmanagerConfig, ImportedRoute, Yaml } from './alertmanager-config.ts';
import { receiverText, type SecretNeeded } from './alertmanager-receivers.ts';
import { tsKey, tsString } from './ts-text.ts';

export interface AlertingText {
  /** DSL functions the text uses. */
  readonly imports: readonly string[];
  /** Constants before the stack: receivers, time intervals. */
  readonly declarations: readonly string[];
  /** The `alerting: alerting({ … }),` lines inside stack(...). */
  readonly entry: readonly string[];
  readonly secret: string;
  readonly secrets: readonly SecretNeeded[];
  readonly notes: readonly string[];
}

/** A JavaScript RegExp whose source is the value, or undefined when JavaScript cannot read it. */
function regexText(value: string): string | undefined {
  try {
    return new RegExp(value).source === value && !value.includes('\n') ? `/${value}/` : `new RegExp(${tsString(value)})`;
  } catch {
    return undefined;
  }
}

/** `{ team: 'a', severity: /x|y/ }`, or why the DSL cannot say it (one key per label). */
function matchText(matchers: readonly Matcher[], uses: Set<string>): string | { readonly problem: string } {
  const labels = matchers.map((m) => m.label);
  const twice = labels.find((l, i) => labels.indexOf(l) !== i);
  if (twice) return { problem: `two matchers on ${twice} (route({ match }) takes one per label)` };
  const parts: string[] = [];
  for (const m of matchers) {
    const regex = m.op === '=~' || m.op === '!~' ? regexText(m.value) : tsString(m.value);
    if (regex === undefined) return { problem: `${matcherText(m)} is a regex JavaScript cannot read` };
    if (m.op.startsWith('!')) uses.add('not');
    parts.push(`${tsKey(m.label)}: ${m.op.startsWith('!') ? `not(${regex})` : regex}`);
  }
  return `{ ${parts.join(', ')} }`;
}

const camel = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase()).replace(/^[0-9]/, '_$&');
const list = (xs: readonly string[]) => `[${xs.map(tsString).join(', ')}]`;

class Writer {
  readonly uses = new Set(['alerting', 'receiver', 'route']);
  readonly notes: string[] = [];
  readonly usedReceivers = new Set<string>();
  readonly usedIntervals = new Set<string>();
  constructor(readonly receiverVar: ReadonlyMap<string, string>, readonly intervalVar: ReadonlyMap<string, string>, readonly alerts: readonly LabelKnowledge[]) {}

  /** Lines of one route and its children; commented out when no alert in `reaching` can take it. */
  route(r: ImportedRoute, reaching: readonly LabelKnowledge[], indent: string, problem?: string, commented = false): string[] {
    const uses = new Set<string>();
    const match = matchText(r.matchers, uses);
    const unknown = [...r.muteWhen, ...r.activeWhen].find((n) => !this.intervalVar.has(n));
    const receiverMissing = r.receiver !== undefined && !this.receiverVar.has(r.receiver);
    const why = problem ?? (typeof match !== 'string' ? `not representable: ${match.problem}` : unknown ? `not representable: no time interval ${unknown}`
      : receiverMissing ? `not representable: no receiver ${r.receiver}` : undefined);
    const inner = `${indent}  `;
    const hidden = commented || why !== undefined;
    const kept: ImportedRoute[] = [];
    const children = r.routes.flatMap((child) => {
      const candidates = reaching.filter((a) => matchersHold(child.matchers, a) !== 'no');
      const taken = candidates.filter((a) => !kept.some((k) => !k.continue && matchersHold(k.matchers, a) === 'yes'));
      const childWhy = hidden ? undefined : candidates.length === 0 ? `unreachable: ${this.noneCarries(child.matchers, reaching)}`
        : taken.length === 0 ? 'unreachable: every imported alert it matches is taken first by a route before it' : undefined;
      const lines = this.route(child, taken, `${inner}  `, childWhy, hidden);
      if (!childWhy) kept.push(child);
      return lines;
    });
    const fields = [
      ...(typeof match === 'string' && r.matchers.length ? [`match: ${match}`] : []),
      ...(r.receiver !== undefined ? [`receiver: ${this.receiverVar.get(r.receiver) ?? tsString(r.receiver)}`] : []),
      ...(r.continue ? ['continue: true'] : []),
      ...(r.groupBy ? [`groupBy: ${list(r.groupBy)}`] : []),
      ...(r.groupWait ? [`groupWait: ${tsString(r.groupWait)}`] : []),
      ...(r.groupInterval ? [`groupInterval: ${tsString(r.groupInterval)}`] : []),
      ...(r.repeatInterval ? [`repeatInterval: ${tsString(r.repeatInterval)}`] : []),
      ...(r.muteWhen.length ? [`muteWhen: [${r.muteWhen.map((n) => this.intervalVar.get(n) ?? tsString(n)).join(', ')}]`] : []),
      ...(r.activeWhen.length ? [`activeWhen: [${r.activeWhen.map((n) => this.intervalVar.get(n) ?? tsString(n)).join(', ')}]`] : []),
    ];
    const lines = children.length
      ? [`${indent}route({`, ...fields.map((f) => `${inner}${f},`), `${inner}routes: [`, ...children, `${inner}],`, `${indent}}),`]
      : [`${indent}route({ ${fields.join(', ')} }),`];
    if (commented) return lines;
    if (why) {
      this.notes.push(`route ${r.matchers.map(matcherText).join(', ') || '(every alert)'} written commented out: ${why}`);
      // the route's lines, children included, behind `//`: uncommenting them gives the route back
      return [`${indent}// ${why}`, ...lines.map((l) => `${indent}// ${l.slice(indent.length)}`)];
    }
    for (const u of uses) this.uses.add(u);
    if (r.receiver !== undefined) this.usedReceivers.add(r.receiver);
    for (const n of [...r.muteWhen, ...r.activeWhen]) this.usedIntervals.add(n);
    return lines;
  }

  /** The matchers no alert reaching the parent satisfies: one alone when one is enough, else all of them. */
  noneCarries(matchers: readonly Matcher[], reaching: readonly LabelKnowledge[]): string {
    const alone = matchers.find((m) => reaching.every((a) => matchersHold([m], a) === 'no'));
    return alone ? `no imported alert carries ${matcherText(alone)}` : `no imported alert carries ${matchers.map(matcherText).join(', ')} together`;
  }
}

function rangeText(r: Yaml): string {
  const strings = (key: string, v: unknown) => (Array.isArray(v) && v.length ? [`${key}: ${list(v.map((x) => String(x).toLowerCase()))}`] : []);
  const times = Array.isArray(r.times) ? (r.times as Yaml[]).map((t) => `{ start: ${tsString(String(t.start_time))}, end: ${tsString(String(t.end_time))} }`) : [];
  return `{ ${[...(times.length ? [`times: [${times.join(', ')}]`] : []), ...strings('weekdays', r.weekdays), ...strings('daysOfMonth', r.days_of_month),
    ...strings('months', r.months), ...strings('years', r.years), ...(r.location ? [`location: ${tsString(String(r.location))}`] : [])].join(', ')} }`;
}

const globalsUsed = new Set(['slack_api_url', 'slack_api_url_file', 'smtp_from', 'smtp_smarthost', 'smtp_auth_username', 'smtp_auth_password',
  'smtp_auth_password_file', 'smtp_require_tls', 'opsgenie_api_key', 'opsgenie_api_key_file', 'opsgenie_api_url']);

function unique(names: readonly string[], suffix: string): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const n of names) {
    let v = `${camel(n)}${suffix}`;
    for (let i = 2; taken.has(v); i++) v = `${camel(n)}${suffix}${i}`;
    taken.add(v);
    out.set(n, v);
  }
  return out;
}

/** `alerts`: what Alertmanager will know of each imported alert, as the compile will see it. */
export function alertingText(config: AlertmanagerConfig, stackName: string, alerts: readonly LabelKnowledge[]): AlertingText {
  const secret = `${stackName}-alertmanager`;
  const secrets: SecretNeeded[] = [];
  const receiverNotes: string[] = [];
  const keys = new Set<string>();
  const receivers = config.receivers.map((r) => receiverText(r, secret, config.global, secrets, receiverNotes, keys));
  const receiverVar = unique(receivers.map((r) => r.name), 'Receiver');
  const intervalVar = unique(config.timeIntervals.map((t) => t.name), 'Interval');
  const w = new Writer(receiverVar, intervalVar, alerts);
  const root = config.root;
  const tree = w.route({ ...root, matchers: [] }, alerts, '  ');
  // the root's own lines are `route({ … routes: [ children ], })`: alerting() takes the children
  const routeLines = root.routes.length ? tree.slice(tree.indexOf('    routes: [') + 1, -2) : [];
  w.usedReceivers.add(root.receiver!);

  const inhibits = config.inhibitions.flatMap((i) => {
    const [source, target] = [matchText(i.source, w.uses), matchText(i.target, w.uses)];
    const problem = typeof source !== 'string' ? source.problem : typeof target !== 'string' ? target.problem
      : !i.source.length || !i.target.length ? 'an empty source or target would match every alert' : undefined;
    if (problem) {
      w.notes.push(`${i.where} skipped: ${problem}`);
      return [`      // skipped (${i.where}): ${problem}`];
    }
    w.uses.add('inhibit');
    return [`      inhibit({ source: ${source as string}, target: ${target as string}${i.equal.length ? `, equal: ${list(i.equal)}` : ''} }),`];
  });

  const declarations: string[] = [`// Alertmanager configuration imported from ${config.file}.`];
  if (secrets.length) {
    w.uses.add('secretKey');
    declarations.push(`// Credentials are keys of the Secret ${secret} (create it; no value of the input is written here):`,
      ...secrets.map((s) => `//   ${s.key}: ${s.what}`));
  }
  for (const t of config.timeIntervals.filter((t) => w.usedIntervals.has(t.name))) {
    w.uses.add('timeInterval');
    declarations.push(`const ${intervalVar.get(t.name)} = timeInterval(${tsString(t.name)}, [${t.ranges.map(rangeText).join(', ')}]);`);
  }
  for (const r of receivers) {
    for (const b of r.builders) w.uses.add(b);
    const unused = w.usedReceivers.has(r.name) ? [] : ['// no route that is written names it: not in alertmanager.yml until one does'];
    declarations.push(...unused, r.lines.length
      ? [`const ${receiverVar.get(r.name)} = receiver(${tsString(r.name)}, [`, ...r.lines.map((l) => `  ${l}`), ']);'].join('\n')
      : `const ${receiverVar.get(r.name)} = receiver(${tsString(r.name)}, []);`);
  }
  const unusedIntervals = config.timeIntervals.filter((t) => !w.usedIntervals.has(t.name)).map((t) => t.name);
  const unusedReceivers = receivers.filter((r) => !w.usedReceivers.has(r.name)).map((r) => r.name);
  const g = config.global;
  const notes = [
    ...receiverNotes, ...w.notes,
    ...unusedReceivers.map((n) => `receiver ${n}: no written route names it, so alertmanager.yml leaves it out`),
    ...unusedIntervals.map((n) => `time interval ${n}: no written route uses it, so it is not imported`),
    ...(g.resolve_timeout !== undefined ? [`global resolve_timeout ${String(g.resolve_timeout)}: a stack has no place for it; Alertmanager's default (5m) applies`] : []),
    ...Object.keys(g).filter((k) => k !== 'resolve_timeout' && !globalsUsed.has(k)).sort().map((k) => `global ${k}: not imported (no place in a stack)`),
    ...config.otherKeys.map((k) => `${k}: not imported (no place in a stack)`),
  ];
  const entry = [
    '  alerting: alerting({',
    `    defaultReceiver: ${receiverVar.get(root.receiver!) ?? tsString(root.receiver!)},`,
    // Alertmanager's root defaults, written out: stackc's own defaults differ (group_by)
    `    groupBy: ${list(root.groupBy ?? [])},`,
    `    groupWait: ${tsString(root.groupWait ?? '30s')},`,
    `    groupInterval: ${tsString(root.groupInterval ?? '5m')},`,
    `    repeatInterval: ${tsString(root.repeatInterval ?? '4h')},`,
    '    routes: [',
    ...routeLines,
    '    ],',
    ...(inhibits.length ? ['    inhibit: [', ...inhibits, '    ],'] : []),
    '  }),',
  ];
  return { imports: [...w.uses].sort(), declarations, entry, secret, secrets, notes };
}
