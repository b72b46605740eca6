// The dashboards against Grafana's published types (@grafana/grafana-foundation-sdk, the current Grafana; see
// compiler/emit/grafana-schema.ts): each dashboard, each panel, each panel type's options and field config, and each
// target as a Prometheus query, written as typed constants and checked by tsc. An unknown or misspelt field fails.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dashboardsDir } from '../emit/grafana.ts';
import type { JudgeFailure } from './judge.ts';
import { skipped, verdict, type JudgeInput, type Verdict } from './input.ts';
import { panelOf } from './locate.ts';

// stackc's own files, found from this module: the repository run from source, or the installed package's dist/
// (where the schema is its .js and .d.ts, and tsc the `typescript` package stackc depends on)
const grafanaSchema = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../emit/grafana-schema.ts' : '../emit/grafana-schema.js', import.meta.url));
const tscBin = join(createRequire(import.meta.url).resolve('typescript/package.json'), '..', 'bin', 'tsc');

interface PanelJson {
  readonly id?: number;
  readonly type?: string;
  readonly options?: unknown;
  readonly fieldConfig?: { readonly defaults?: { readonly custom?: unknown } };
  readonly targets?: readonly unknown[];
}

/** A line of the generated TypeScript: which dashboard (and panel) it checks. */
interface Checked { readonly file: string; readonly panel?: number }

/** One typed constant per line, so tsc's line number says which dashboard or panel is wrong. */
export function typeCheckSource(dashboards: ReadonlyMap<string, string>): { source: string; lines: Checked[] } {
  const schema = grafanaSchema;
  const source = [
    `import type { GrafanaDashboard, PanelSchemas, PrometheusTarget } from ${JSON.stringify(schema)};`,
    `type PanelOrRow = NonNullable<GrafanaDashboard['panels']>[number];`,
  ];
  const lines: Checked[] = [{ file: '' }, { file: '' }];
  const add = (code: string, checked: Checked) => { source.push(code); lines.push(checked); };
  let n = 0;
  for (const [file, json] of dashboards) {
    const { panels = [], ...rest } = JSON.parse(json) as { panels?: PanelJson[] };
    // the panels are checked one by one below, as elements of the dashboard's panel list
    add(`export const d${n}: GrafanaDashboard = ${JSON.stringify({ ...rest, panels: [] })};`, { file });
    panels.forEach((p, i) => {
      const id = `d${n}p${i}`;
      const at = { file, ...(p.id === undefined ? {} : { panel: p.id }) };
      add(`export const ${id}: PanelOrRow = ${JSON.stringify(p)};`, at);
      if (p.type === 'row' || p.type === undefined) return;
      const type = JSON.stringify(p.type);
      add(`export const ${id}o: PanelSchemas[${type}]['options'] = ${JSON.stringify(p.options)};`, at);
      const custom = p.fieldConfig?.defaults?.custom;
      if (custom !== undefined) add(`export const ${id}c: NonNullable<PanelSchemas[${type}]['custom']> = ${JSON.stringify(custom)};`, at);
      (p.targets ?? []).forEach((t, j) => add(`export const ${id}t${j}: PrometheusTarget = ${JSON.stringify(t)};`, at));
    });
    n++;
  }
  return { source: `${source.join('\n')}\n`, lines };
}

/** tsc's diagnostics: `dashboards.ts(LINE,COL): error TSnnnn: message`, continuation lines indented. */
export function diagnostics(output: string): { line: number; column: number; message: string }[] {
  const found: { line: number; column: number; message: string }[] = [];
  for (const l of output.split('\n')) {
    const m = /^dashboards\.ts\((\d+),(\d+)\): (error .*)$/.exec(l);
    if (m) found.push({ line: Number(m[1]), column: Number(m[2]), message: m[3]! });
    else if (found.length && /^\s+\S/.test(l)) found.at(-1)!.message += `\n${l}`;
    else if (l.trim()) found.push({ line: 0, column: 0, message: l.trim() });
  }
  return found;
}

/** The JSON key tsc points at (`"graphTooltip"`), which its message does not always name. */
function fieldAt(code: string | undefined, column: number): string {
  const key = code === undefined ? undefined : /^"((?:[^"\\]|\\.)*)"\s*:/.exec(code.slice(column - 1))?.[1];
  return key === undefined ? '' : ` field "${key}"`;
}

async function tsc(source: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'stackc-grafana-types-'));
  try {
    writeFileSync(join(dir, 'dashboards.ts'), source);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', skipLibCheck: true,
        allowImportingTsExtensions: true, types: [],
      },
      files: ['dashboards.ts'],
    }));
    try {
      await promisify(execFile)(process.execPath, [tscBin, '-p', dir, '--pretty', 'false'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
      return '';
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; message: string };
      return `${err.stdout ?? ''}${err.stderr ?? ''}`.trim() || err.message;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function checkDashboardTypes({ stack, files }: JudgeInput): Promise<Verdict> {
  const dashboards = new Map([...files].filter(([p]) => p.startsWith(`${dashboardsDir}/`) && p.endsWith('.json')));
  if (dashboards.size === 0) return skipped('the stack has no dashboards');
  const { source, lines } = typeCheckSource(dashboards);
  const code = source.split('\n');
  const failures: JudgeFailure[] = diagnostics(await tsc(source)).map(({ line, column, message }) => {
    const checked = lines[line - 1];
    if (!checked?.file) return { message };
    const panel = checked.panel === undefined ? '' : ` panel ${checked.panel}`;
    return { message: `${checked.file}${panel}${fieldAt(code[line - 1], column)}: ${message}`, ...panelOf(stack, checked.file, checked.panel) };
  });
  const panels = [...dashboards.values()].reduce((n, j) => n + ((JSON.parse(j) as { panels?: unknown[] }).panels?.length ?? 0), 0);
  return verdict(failures, `${dashboards.size} dashboard${dashboards.size === 1 ? '' : 's'}, ${panels} panels and rows`);
}
