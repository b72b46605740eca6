// `stackc import <rules.yml…>`: writes a stack file from Prometheus rule files. Prints what to check; exits 1 on a
// rule file it cannot read, 2 on wrong arguments.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, relative, resolve, sep } from 'node:path';
import { commandArgs } from '../command-args.ts';
import { projectRoot } from '../../dsl/source.ts';
import { importRules } from './index.ts';
import { DashboardFileError, readDashboardFile, type ImportedDashboard } from './grafana-dashboard.ts';
import { readRuleFiles, RuleFileError } from './rule-files.ts';
import { AlertmanagerFileError, readAlertmanagerConfig, type AlertmanagerConfig } from './alertmanager-config.ts';

const usage = `Usage: stackc import <rules.yml> [more.yml …] [options]

Writes a stack file whose rule groups compile back to the same Prometheus rules: same groups, names, expressions,
for, labels and annotations. Series are resolved against the shipped catalogs and the files' own recording rules;
the others are declared in the stack's own catalog with types and labels inferred from how the rules use them,
each with a "check:" comment. Every rule is marked untested('imported'). With --alertmanager, the routing tree,
receivers and inhibit rules of an Alertmanager config become the stack's alerting(...); every credential becomes a
Secret key to create. With --dashboard, Grafana dashboard JSON files become dashboard(...) calls; what the DSL
cannot say is a "// not imported:" comment and a note.

Options:
  --name NAME        the stack's name (default: the first file's name, e.g. rules for rules.yml)
  --out FILE         where to write the stack file (default: stacks/<name>.ts)
  --namespace NS     the namespace the stack's app runs in (default: the name)
  --alertmanager FILE  an alertmanager.yml to import as the stack's alerting (docs/import.md)
  --dashboard FILE   a Grafana dashboard JSON file to import (repeat for more; docs/import.md)
  --force            overwrite FILE when it exists
  -h, --help         show this help

Then: npm run compile (or npx stackc compile) checks and compiles it; docs/import.md says what to review.`;

function defaultName(file: string): string {
  const name = basename(file, extname(file)).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return name || 'imported';
}

const display = (path: string) => relative(projectRoot, path).split(sep).join('/');

export async function main(argv: readonly string[]): Promise<number> {
  const args = commandArgs(argv, { name: { type: 'string' }, out: { type: 'string' }, namespace: { type: 'string' }, alertmanager: { type: 'string' }, dashboard: { type: 'string', multiple: true }, force: { type: 'boolean' } }, usage);
  if (typeof args === 'number') return args;
  if (args.positionals.length === 0) {
    console.error(`stackc import needs at least one rule file.\n\n${usage}`);
    return 2;
  }
  const paths = args.positionals.map((p) => resolve(p));
  const name = args.values.name ?? defaultName(paths[0]!);
  const out = resolve(args.values.out ?? resolve(projectRoot, 'stacks', `${name}.ts`));
  if (existsSync(out) && !args.values.force) {
    console.error(`${display(out)} exists; stackc import does not overwrite it. Pass --force, or choose another --out or --name.`);
    return 1;
  }
  let groups;
  let alertmanager: AlertmanagerConfig | undefined;
  let dashboards: ImportedDashboard[] = [];
  try {
    groups = readRuleFiles(paths, display);
    const am = args.values.alertmanager;
    if (am !== undefined) alertmanager = readAlertmanagerConfig(resolve(am), display(resolve(am)));
    dashboards = (args.values.dashboard ?? []).map((d) => readDashboardFile(resolve(d), display(resolve(d))));
  } catch (e) {
    if (e instanceof RuleFileError || e instanceof AlertmanagerFileError || e instanceof DashboardFileError || (e as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(`✖ ${(e as Error).message}`);
      return 1;
    }
    throw e;
  }
  const result = importRules(groups, { stackName: name, namespace: args.values.namespace ?? name, sources: paths.map(display), ...(alertmanager ? { alertmanager } : {}), dashboards });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, result.source);
  for (const note of result.notes) console.error(`note: ${note}`);
  const secrets = result.alerting?.secrets ?? [];
  // the names only: the values stay where they were, for the user to move into the Secret
  if (secrets.length) {
    console.error(`note: create the Secret ${result.alerting!.secret} in the monitoring namespace with ${secrets.length === 1 ? 'the key' : 'the keys'}:\n` +
      secrets.map((s) => `  ${s.key}  (${s.what})`).join('\n'));
  }
  const n = (count: number, what: string) => `${count} ${what}${count === 1 ? '' : 's'}`;
  console.log(`wrote ${display(out)}: ${n(result.ruleCount, 'rule')} in ${n(groups.length, 'group')}; ${result.families.length} series declared in its own catalog ` +
    '(check the "check:" comments). Next: npm run compile');
  return 0;
}
