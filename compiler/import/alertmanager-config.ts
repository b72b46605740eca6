// Reading an Alertmanager configuration into plain data: the routing tree with every matcher form (`matchers:`,
// the legacy `match:` / `match_re:`) made one list of matchers, inhibit rules likewise, time intervals and receivers
// as written. A wrong shape is the user's mistake, reported with the file and where in it.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import type { Matcher, MatchOp, Route } from '../model-routing.ts';

export type Yaml = Readonly<Record<string, unknown>>;

/** A route as the model holds it, less what only a stack gives it (where it was written, whether stackc made it);
 *  its matchers sorted by label, then operator: the order the DSL writes them in. */
export interface ImportedRoute extends Omit<Route, 'kind' | 'derived' | 'source' | 'routes'> {
  readonly routes: readonly ImportedRoute[];
}

export interface ImportedInhibition {
  readonly source: readonly Matcher[];
  readonly target: readonly Matcher[];
  readonly equal: readonly string[];
  readonly where: string;
}

export interface AlertmanagerConfig {
  readonly file: string;
  /** The root route: its receiver is the default one; its routes are the tree. */
  readonly root: ImportedRoute;
  readonly receivers: readonly Yaml[];
  readonly inhibitions: readonly ImportedInhibition[];
  readonly timeIntervals: readonly { readonly name: string; readonly ranges: readonly Yaml[] }[];
  readonly global: Yaml;
  /** Top-level keys with no place in a stack (templates, tracing, …). */
  readonly otherKeys: readonly string[];
}

export class AlertmanagerFileError extends Error {}

const record = (v: unknown): Yaml => (v && typeof v === 'object' && !Array.isArray(v) ? v as Yaml : {});
const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));

/** One `matchers:` entry: `a="b"`, `a=b`, `a=~"x|y"`, or several in `{a="b", c!="d"}`. */
export function parseMatcherText(input: string, where: string): Matcher[] {
  let s = input.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1);
  const out: Matcher[] = [];
  let i = 0;
  while (i < s.length) {
    const head = /^[\s,]*([^\s=!~,"{}]+)\s*(=~|!~|!=|=)\s*/.exec(s.slice(i));
    if (!head) {
      if (/^[\s,]*$/.test(s.slice(i))) break;
      throw new AlertmanagerFileError(`${where}: cannot read the matcher ${JSON.stringify(input)}`);
    }
    i += head[0].length;
    let value: string;
    if (s[i] === '"') {
      const quoted = /^"(?:[^"\\]|\\.)*"/.exec(s.slice(i));
      if (!quoted) throw new AlertmanagerFileError(`${where}: unterminated quote in the matcher ${JSON.stringify(input)}`);
      value = JSON.parse(quoted[0]) as string;
      i += quoted[0].length;
    } else {
      const bare = /^[^,]*/.exec(s.slice(i))![0];
      value = bare.trim();
      i += bare.length;
    }
    out.push({ label: head[1]!, op: head[2] as MatchOp, value });
  }
  return out;
}

const opOrder: Readonly<Record<MatchOp, number>> = { '=': 0, '!=': 1, '=~': 2, '!~': 3 };

/** `matchers:` and the legacy `match:` (equality) / `match_re:` (regex) of one object, as one sorted list. */
function matchersOf(o: Yaml, prefix: string, where: string): Matcher[] {
  const legacy = (key: string, op: MatchOp) => Object.entries(record(o[`${prefix}match${key}`])).map(([label, v]): Matcher => ({ label, op, value: String(v) }));
  return [
    ...list(o[`${prefix}matchers`]).flatMap((m) => parseMatcherText(String(m), where)),
    ...legacy('', '='), ...legacy('_re', '=~'),
  ].sort((a, b) => a.label.localeCompare(b.label) || opOrder[a.op] - opOrder[b.op] || a.value.localeCompare(b.value));
}

function routeOf(o: Yaml, where: string): ImportedRoute {
  const groupBy = o.group_by === undefined ? undefined : list(o.group_by).map(String);
  const optional = (key: string) => text(o[key]);
  const receiver = optional('receiver');
  const [groupWait, groupInterval, repeatInterval] = [optional('group_wait'), optional('group_interval'), optional('repeat_interval')];
  return {
    matchers: matchersOf(o, '', where),
    ...(receiver !== undefined ? { receiver } : {}),
    continue: o.continue === true,
    ...(groupBy ? { groupBy } : {}),
    ...(groupWait !== undefined ? { groupWait } : {}),
    ...(groupInterval !== undefined ? { groupInterval } : {}),
    ...(repeatInterval !== undefined ? { repeatInterval } : {}),
    muteWhen: list(o.mute_time_intervals).map(String),
    activeWhen: list(o.active_time_intervals).map(String),
    routes: list(o.routes).map((r, i) => routeOf(record(r), `${where} › routes[${i}]`)),
  };
}

const known = new Set(['global', 'route', 'receivers', 'inhibit_rules', 'time_intervals', 'mute_time_intervals']);

export function readAlertmanagerConfig(path: string, display: string): AlertmanagerConfig {
  let doc: unknown;
  try {
    doc = load(readFileSync(path, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new AlertmanagerFileError(`${display}: no such file`);
    throw new AlertmanagerFileError(`${display}: not YAML (${(e as Error).message.split('\n')[0]})`);
  }
  const top = record(doc);
  if (!top.route || !Array.isArray(top.receivers)) throw new AlertmanagerFileError(`${display}: not an Alertmanager configuration (it needs route: and receivers:)`);
  const root = routeOf(record(top.route), `${display} route`);
  if (root.receiver === undefined) throw new AlertmanagerFileError(`${display}: the root route names no receiver`);
  return {
    file: display,
    root,
    receivers: list(top.receivers).map(record),
    inhibitions: list(top.inhibit_rules).map((r, i) => {
      const o = record(r);
      const where = `${display} inhibit_rules[${i}]`;
      return { source: matchersOf(o, 'source_', where), target: matchersOf(o, 'target_', where), equal: list(o.equal).map(String), where };
    }),
    // mute_time_intervals: is the older name of time_intervals:, same shape
    timeIntervals: [...list(top.time_intervals), ...list(top.mute_time_intervals)].map((t) => {
      const o = record(t);
      return { name: String(o.name), ranges: list(o.time_intervals).map(record) };
    }),
    global: record(top.global),
    otherKeys: Object.keys(top).filter((k) => !known.has(k)).sort(),
  };
}
