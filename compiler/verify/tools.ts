// Running the real judges' command-line tools: today's built by scripts/build-judges.sh when there, else found on PATH
// (no shell), run with a time limit, output collected.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { builtJudge } from './built-judges.ts';
import type { Verdict } from './input.ts';

/** Tools the judges run, and the Debian package each comes from (what to install when one is missing). */
export const debianPackages = {
  promtool: 'prometheus',
  amtool: 'prometheus-alertmanager',
} as const;
export type Tool = keyof typeof debianPackages;

/** The absolute path of `tool`: the built judge when scripts/build-judges.sh made it, else on PATH, else undefined. */
export function findTool(tool: string): string | undefined {
  return builtJudge(tool) ?? onPath(tool);
}

/** The absolute path of `tool` on PATH (Debian's judges), or undefined. */
export function onPath(tool: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter).filter(Boolean)) {
    const path = join(dir, tool);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Why a judge cannot run without `tool`: the summary of a skipped line. */
export function missingTool(tool: Tool): string {
  return `${tool} is not installed (Debian package ${debianPackages[tool]}: apt-get install -y ${debianPackages[tool]})`;
}

const versions = new Map<string, Promise<string>>();

/** `promtool 3.16.0`: the name and version the tool at `path` reports (`--version`), asked once per path. */
export function toolVersion(path: string): Promise<string> {
  const name = path.split('/').pop()!;
  let version = versions.get(path);
  if (!version) {
    version = runTool(path, ['--version'], '.', 10_000).then((run) => {
      const found = /version (\S+)/.exec(run.output)?.[1];
      return found ? `${name} ${found}` : `${name} (unknown version)`;
    }, () => `${name} (unknown version)`);
    versions.set(path, version);
  }
  return version;
}

export interface ToolRun {
  /** Exit code; null when the tool was killed (time limit). */
  readonly code: number | null;
  /** stdout and stderr, in the order the tool wrote them. */
  readonly output: string;
}

/** Runs `path args…` in `cwd`; never throws for a non-zero exit, which is the judge's verdict. */
export function runTool(path: string, args: readonly string[], cwd: string, timeoutMs = 120_000): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** The verdict with the version of the tool that gave it in front of its summary: `promtool 3.16.0: 12 rules…`. */
export async function ranBy(path: string, verdict: Verdict): Promise<Verdict> {
  return { ...verdict, summary: `${await toolVersion(path)}: ${verdict.summary}` };
}
