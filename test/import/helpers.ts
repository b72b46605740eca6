// Shared by the import tests: run `stackc import` and `stackc compile` as a user does, read rule files back as plain
// data, and normalise expressions with Prometheus' own printer.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { requireTool, root, stackc } from '../helpers/stack.ts';

export interface Run { readonly status: number | null; readonly stdout: string; readonly stderr: string }

/** A scratch folder inside the repository, so the stack file's `stackc` imports resolve as in a user's project. */
export function scratch(name: string): { readonly rel: string; readonly dir: string; readonly remove: () => void } {
  const rel = `.tmp/${name}-${process.pid}`;
  const dir = join(root, rel);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return { rel, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function run(...args: readonly string[]): Run {
  const r = spawnSync(process.execPath, stackc(...args), { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A rule as Prometheus reads it, with the defaults made explicit so that a field left out equals its default. */
export interface PlainRule {
  readonly kind: 'alert' | 'record';
  readonly name: string;
  readonly expr: string;
  readonly for: string;
  readonly keep_firing_for: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface PlainGroup {
  readonly name: string;
  readonly interval: string | undefined;
  readonly query_offset: string | undefined;
  readonly limit: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly rules: readonly PlainRule[];
}

type Raw = Record<string, unknown>;

function strings(v: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries((v ?? {}) as Raw).map(([k, x]) => [k, String(x)]));
}

/** The groups of rule files, by name (Prometheus keys groups by file and name; stackc splits alerting and recording
 *  groups into two files, so the order across files is not the input's). */
export function ruleGroups(files: readonly string[]): Map<string, PlainGroup> {
  const groups = files.flatMap((f) => ((parse(readFileSync(f, 'utf8')) as { groups: Raw[] }).groups));
  return new Map(groups.map((g) => [String(g.name), {
    name: String(g.name),
    interval: g.interval === undefined ? undefined : String(g.interval),
    query_offset: g.query_offset === undefined ? undefined : String(g.query_offset),
    limit: (g.limit as number | undefined) ?? 0,
    labels: strings(g.labels),
    rules: (g.rules as Raw[]).map((r) => ({
      kind: r.alert !== undefined ? 'alert' : 'record',
      name: String(r.alert ?? r.record),
      expr: String(r.expr),
      for: r.for === undefined ? '0s' : String(r.for),
      keep_firing_for: r.keep_firing_for === undefined ? undefined : String(r.keep_firing_for),
      labels: strings(r.labels),
      annotations: strings(r.annotations),
    } as const)),
  }]));
}

const formatted = new Map<string, string>();

/** An expression as Prometheus' parser reads it, printed back by `promtool promql format`: comments, line breaks,
 *  spacing and number spelling (0.50 → 0.5) are gone, everything that changes the result stays. */
export function normalised(expr: string): string {
  let out = formatted.get(expr);
  if (out === undefined) {
    out = execFileSync(requireTool('promtool', 'prometheus'), ['--experimental', 'promql', 'format', expr], { encoding: 'utf8' }).trim();
    formatted.set(expr, out);
  }
  return out;
}
