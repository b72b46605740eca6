// `stackc import --alertmanager`: an Alertmanager config written for the test (two teams, nested routes, continue, a
// mute interval, a custom inhibition, every matcher form, inline credentials, a credential file, a receiver kind stackc
// lacks, a route no alert reaches) with a rules fixture → a stack that compiles, whose alertmanager.yml is the input's
// tree and receivers (read back and normalised on both sides), that amtool accepts, and that holds no credential.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { compileStacks, loadStacks } from '../../compiler/compile.ts';
import { alertmanagerFile } from '../../compiler/emit/alertmanager.ts';
import { parseMatcherText } from '../../compiler/import/alertmanager-config.ts';
import { matcherText } from '../../compiler/routing/matchers.ts';
import { checkAlertmanagerConfig } from '../../compiler/verify/amtool-check-config.ts';
import { requireTool, root } from '../helpers/stack.ts';
import { describe, judgeFixture } from '../verify/helpers.ts';
import { run, scratch } from './helpers.ts';

requireTool('amtool', 'prometheus-alertmanager');
type Raw = Record<string, unknown>;
const fixtures = join(root, 'test/fixtures/import-alertmanager');
const work = scratch('import-alertmanager');
const input = parse(readFileSync(join(fixtures, 'alertmanager.yml'), 'utf8')) as Raw;
const imported = run('import', 'test/fixtures/import-alertmanager/rules.yml', '--alertmanager', 'test/fixtures/import-alertmanager/alertmanager.yml',
  '--name', 'teams', '--out', `${work.rel}/stacks/teams.ts`);
const compiled = run('compile', '--stacks', `${work.rel}/stacks`, '--out', `${work.rel}/out`);
const output = () => parse(readFileSync(join(work.dir, 'out/teams', alertmanagerFile), 'utf8')) as Raw;
const secretDir = '/etc/alertmanager/secrets/teams-alertmanager/';

test('the import says what it skipped and which Secret keys to create, and the stack compiles', () => {
  assert.is(imported.status, 0, imported.stderr);
  assert.match(imported.stderr, 'receiver ops-pager: victorops_configs skipped: stackc has no notifier of that kind');
  assert.match(imported.stderr, 'route team="storage" written commented out: unreachable: no imported alert carries team="storage"');
  assert.match(imported.stderr, 'global resolve_timeout 5m: a stack has no place for it');
  assert.match(imported.stderr, /create the Secret teams-alertmanager in the monitoring namespace with the keys:\n {2}global-slack-api-url/);
  assert.match(readFileSync(join(work.dir, 'stacks/teams.ts'), 'utf8'), '// unreachable: no imported alert carries team="storage"\n      // route({ match: { team: \'storage\' }');
  assert.is(compiled.status, 0, `${compiled.stdout}${compiled.stderr}`);
});

/** Matchers of every form, as one sorted list of `name op "value"` (a regex's escaped `/` is the same character). */
function matchers(o: Raw, prefix = ''): string[] {
  const legacy = (key: string, op: string) => Object.entries((o[`${prefix}match${key}`] ?? {}) as Raw).map(([l, v]) => `${l}${op}${JSON.stringify(String(v))}`);
  const listed = ((o[`${prefix}matchers`] ?? []) as string[]).flatMap((m) => parseMatcherText(m, 'test').map(matcherText));
  return [...listed, ...legacy('', '='), ...legacy('_re', '=~')].map((m) => m.replace(/\\\\\//g, '/')).sort();
}

function tree(r: Raw, skip: (r: Raw) => boolean): Raw {
  const keys = ['receiver', 'group_by', 'group_wait', 'group_interval', 'repeat_interval', 'mute_time_intervals', 'active_time_intervals'];
  return {
    ...Object.fromEntries(keys.filter((k) => r[k] !== undefined).map((k) => [k, r[k]])),
    matchers: matchers(r), continue: r.continue === true,
    routes: ((r.routes ?? []) as Raw[]).filter((c) => !skip(c)).map((c) => tree(c, skip)),
  };
}

test('the routing tree is the input\'s, matchers normalised, less the route no imported alert reaches', () => {
  const unreachable = (r: Raw) => r.receiver === 'storage';
  const expected = tree(input.route as Raw, unreachable);
  assert.is((expected.routes as Raw[]).length, 4);
  assert.equal(tree(output().route as Raw, () => false), expected);
  assert.equal(output().time_intervals, input.time_intervals);
  const inhibit = (i: Raw) => ({ source: matchers(i, 'source_'), target: matchers(i, 'target_'), equal: i.equal ?? [] });
  assert.equal((output().inhibit_rules as Raw[]).map(inhibit), (input.inhibit_rules as Raw[]).map(inhibit));
});

// Alertmanager's defaults per kind, and what global supplies, so a field left out equals its value
const sendResolvedDefault: Readonly<Record<string, boolean>> = { slack_configs: false, email_configs: false, pagerduty_configs: true, webhook_configs: true, opsgenie_configs: true };
const secretFields = new Set(['api_url', 'routing_key', 'auth_password', 'api_key']);

function notifier(kind: string, c: Raw, global: Raw): Raw {
  const out: Raw = { send_resolved: sendResolvedDefault[kind], ...c };
  if (kind === 'email_configs') Object.assign(out, { from: c.from ?? global.smtp_from, smarthost: c.smarthost ?? global.smtp_smarthost, require_tls: c.require_tls ?? true });
  if (kind === 'slack_configs' && !c.api_url && !c.api_url_file) out.api_url = global.slack_api_url;
  for (const [k, v] of Object.entries(out)) {
    const field = k.replace(/_file$/, '');
    if (!secretFields.has(field)) continue;
    delete out[k];
    // the output names a key of the stack's Secret; the input held the value (or a file of its own)
    out[field] = k.endsWith('_file') && String(v).startsWith(secretDir) ? 'a Secret key' : k.endsWith('_file') ? 'a file' : 'a Secret key';
  }
  const auth = ((c.http_config as Raw | undefined)?.authorization ?? undefined) as Raw | undefined;
  if (auth) out.http_config = { authorization: { type: 'Bearer', credentials: 'a Secret key' } };
  return out;
}

function receivers(config: Raw, skip: (name: string, kind: string) => boolean): Raw {
  const global = (config.global ?? {}) as Raw;
  return Object.fromEntries((config.receivers as Raw[]).filter((r) => !skip(String(r.name), '')).map((r) => [r.name, Object.fromEntries(
    Object.entries(r).filter(([k]) => k !== 'name' && !skip(String(r.name), k)).map(([k, v]) => [k, (v as Raw[]).map((c) => notifier(k, c, global))]),
  )]));
}

test('the receivers are the input\'s by kind and non-secret fields, each credential now a file of the Secret', () => {
  const out = output();
  for (const r of out.receivers as Raw[]) {
    for (const c of Object.values(r).filter(Array.isArray).flat() as Raw[]) {
      const files = JSON.stringify(c).match(/"(?:[a-z_]+_file)":"[^"]*"/g) ?? [];
      for (const f of files) assert.ok(f.includes(secretDir), `${String(r.name)}: ${f}`);
    }
  }
  // storage is named by the unreachable route only; victorops has no builder
  const expected = receivers(input, (name, kind) => name === 'storage' || kind === 'victorops_configs');
  assert.is(Object.keys(expected).length, 7);
  assert.equal(receivers(out, () => false), expected);
});

test('amtool check-config accepts the emitted files (the verify judge)', async () => {
  const loaded = await loadStacks(join(work.dir, 'stacks'), root);
  assert.equal(loaded.issues, []);
  const stack = compileStacks(loaded.stacks)[0]!;
  const v = await judgeFixture(checkAlertmanagerConfig, undefined, stack);
  assert.is(v.status, 'passed', describe(v));
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? filesUnder(join(dir, e)) : [join(dir, e)]));
}

test('no credential of the input appears in the stack file or out/', () => {
  const values = [...readFileSync(join(fixtures, 'alertmanager.yml'), 'utf8').matchAll(/(?:api_url|routing_key|auth_password|api_key|credentials): (\S+)/g)].map((m) => m[1]!)
    .filter((v) => v !== 'ops');
  assert.ok(values.length >= 8, values.join(' '));
  for (const file of filesUnder(work.dir)) {
    const text = readFileSync(file, 'utf8');
    for (const v of values) assert.not.ok(text.includes(v), `${file.slice(root.length + 1)} holds ${v}`);
  }
});

test('a file that is not an Alertmanager config is refused, saying which and why, and nothing is written', () => {
  const r = run('import', 'test/fixtures/import-alertmanager/rules.yml', '--alertmanager', 'test/fixtures/import-alertmanager/rules.yml',
    '--name', 'teams', '--out', `${work.rel}/refused.ts`);
  assert.is(r.status, 1);
  assert.match(r.stderr, '✖ test/fixtures/import-alertmanager/rules.yml: not an Alertmanager configuration (it needs route: and receivers:)');
  assert.throws(() => statSync(join(work.dir, 'refused.ts')));
});

test('importing again gives the same bytes', () => {
  const again = run('import', 'test/fixtures/import-alertmanager/rules.yml', '--alertmanager', 'test/fixtures/import-alertmanager/alertmanager.yml',
    '--name', 'teams', '--out', `${work.rel}/again.ts.txt`);
  assert.is(again.status, 0, again.stderr);
  assert.is(readFileSync(join(work.dir, 'again.ts.txt'), 'utf8'), readFileSync(join(work.dir, 'stacks/teams.ts'), 'utf8'));
  work.remove();
});

test.run();
