// A peer as judge: the objectives of test/fixtures/slo-api.ts are also written as Sloth specs
// (test/fixtures/slo-api.sloth.yml). Sloth, built from the version pinned in tools/sloth/, generates its rules; promtool
// then evaluates them on the inputs of stackc's own derived tests, and Sloth's alerts must fire exactly where stackc's
// do. Deliberate differences: stackc's alerts wait a `for` (2m page, 15m ticket) and Sloth's do not, so the cases are
// read at the end of each burst, after every `for`; stackc writes the budget as a decimal (0.001), Sloth as a float
// (0.0009999999999999432), which only a ratio exactly at a threshold could tell apart, and those cases are left out.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, stringify } from 'yaml';
import { compileStacks } from '../../compiler/compile.ts';
import { toYaml } from '../../compiler/emit/yaml.ts';
import type { Slo, SloAlert } from '../../compiler/model.ts';
import { stackIndex } from '../../compiler/promql/analyze.ts';
import { seriesText } from '../../compiler/rule-tests/cases.ts';
import { firesIn, sloCases, verdictIn, type SloCase } from '../../compiler/rule-tests/slo.ts';
import { renderAnnotation } from '../../compiler/rule-tests/templates.ts';
import api from '../fixtures/slo-api.ts';
import { requireTool, root } from '../helpers/stack.ts';

const promtool = requireTool('promtool', 'prometheus');
const sloth = execFileSync('bash', [join(root, 'scripts/build-sloth.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
const { stack } = compileStacks([api])[0]!;
const { index } = stackIndex(stack);
const spec = parse(readFileSync(join(root, 'test/fixtures/slo-api.sloth.yml'), 'utf8')) as { slos: { name: string; alerting: { ticket_alert?: { disable?: boolean } } }[] };
const work = mkdtempSync(join(tmpdir(), 'stackc-sloth-'));

interface SlothRule { alert?: string; record?: string; labels?: Record<string, string>; annotations?: Record<string, string> }
interface SlothRules { readonly file: string; readonly groups: readonly string[]; readonly rules: readonly SlothRule[] }

/** Sloth's rules for one objective, generated with the objective's window as Sloth's SLO period. */
function slothRules(slo: Slo): SlothRules {
  const input = join(work, `${slo.name}.sloth.yml`);
  writeFileSync(input, stringify({ ...spec, slos: spec.slos.filter((s) => s.name === slo.name) }));
  const file = join(work, `${slo.name}.rules.yml`);
  const run = spawnSync(sloth, ['generate', '-i', input, '-o', file, '--default-slo-period', slo.window], { encoding: 'utf8' });
  assert.is(run.status, 0, run.stderr);
  const { groups } = parse(readFileSync(file, 'utf8')) as { groups: { name: string; rules: SlothRule[] }[] };
  return { file, groups: groups.map((g) => g.name), rules: groups.flatMap((g) => g.rules) };
}

/** Sloth's alert of the same name and severity as stackc's `alert`. */
function slothAlert(rules: readonly SlothRule[], alert: SloAlert): SlothRule | undefined {
  return rules.find((r) => r.alert === alert.name && r.labels?.severity === alert.severity);
}

/** The labels a Sloth alert fires with: its error ratios' labels without the window, then its own. */
function firingLabels(rules: readonly SlothRule[], alert: SlothRule): Record<string, string> {
  const { sloth_window: _window, ...ratio } = rules.find((r) => r.record === 'slo:sli_error:ratio_rate5m')?.labels ?? {};
  return { ...ratio, ...alert.labels };
}

let written = 0;

/** promtool test of Sloth's rules on one of stackc's cases: its alerts of `name` are expected as stackc's fire,
 *  without `for`. */
function judge(slo: Slo, c: SloCase, rules: SlothRules, name: string): { ok: boolean; output: string } {
  // the alerts of the name Sloth generated (its spec may leave the ticket out)
  const alerts = slo.alerts.filter((a) => a.name === name && slothAlert(rules.rules, a));
  const expected = alerts.filter((a) => firesIn(c, slo, { ...a, for: '0s' })).map((a) => {
    const rule = slothAlert(rules.rules, a)!;
    const labels = firingLabels(rules.rules, rule);
    return { exp_labels: labels, exp_annotations: Object.fromEntries(Object.entries(rule.annotations ?? {}).map(([k, t]) => [k, renderAnnotation(t, labels, c.scenario.ratio)])) };
  });
  const every = `${c.spacing}s`;
  const file = join(work, `case-${++written}.test.yml`);
  writeFileSync(file, toYaml({
    rule_files: [rules.file],
    evaluation_interval: every,
    // promtool evaluates groups in an unspecified order unless told: Sloth's alerts read its recordings, which must
    // come first in every evaluation (read a step late, a 15-minute spacing leaves them stale)
    group_eval_order: rules.groups,
    tests: [{
      interval: every,
      input_series: c.input.map((s) => ({ series: seriesText(s.name, s.labels), values: s.values })),
      alert_rule_test: [{ eval_time: `${c.scenario.steps * c.spacing}s`, alertname: name, exp_alerts: expected }],
    }],
  }));
  const run = spawnSync(promtool, ['test', 'rules', file], { encoding: 'utf8' });
  return { ok: run.status === 0, output: `${file}\n${run.stdout}${run.stderr}` };
}

test('Sloth\'s alerts fire on the inputs of stackc\'s derived tests exactly where stackc\'s do', () => {
  let judged = 0;
  for (const slo of stack.slos) {
    const rules = slothRules(slo);
    for (const alert of slo.alerts) {
      // an alert Sloth's spec leaves out (a ticket with windows of stackc's own) has nothing to compare with
      const peer = slothAlert(rules.rules, alert);
      const disabled = alert.severity === 'warning' && spec.slos.find((s) => s.name === slo.name)?.alerting.ticket_alert?.disable;
      assert.ok(peer || disabled, `Sloth generated ${alert.name} ${alert.severity}`);
      if (!peer) continue;
      const cases = sloCases(stack, index, slo, alert)!;
      assert.ok(cases.length >= 2 * alert.windows.length, `${alert.name} ${alert.severity}: cases`);
      for (const c of cases) {
        // a ratio exactly at a threshold, which stackc's `for` kept from deciding (the objective against a 1× ticket)
        if (slo.alerts.some((a) => a.name === alert.name && slothAlert(rules.rules, a) && verdictIn(c, slo, { ...a, for: '0s' }) === undefined)) continue;
        // read at the end of the burst, stackc's `for` changes nothing for the alert the case tests
        assert.is(firesIn(c, slo, alert), firesIn(c, slo, { ...alert, for: '0s' }), `${alert.name} ${alert.severity}: ${c.name}`);
        const verdict = judge(slo, c, rules, alert.name);
        assert.ok(verdict.ok, `${slo.name} ${alert.severity}: ${c.name}\n${verdict.output}`);
        judged++;
      }
    }
  }
  assert.ok(judged > 0);
});

test('the judge bites: Sloth\'s rules with a page factor of stackc\'s doubled fail the same cases', () => {
  const slo = stack.slos[0]!;
  const rules = slothRules(slo);
  const page = slo.alerts[0]!;
  const [first] = page.windows;
  // Sloth's generated file, its fastest window's factor doubled: the case that fires at 1.05× that factor must fail
  const text = readFileSync(rules.file, 'utf8').replaceAll(`(${first!.factor} * `, `(${first!.factor * 2} * `);
  writeFileSync(rules.file, text);
  const firing = sloCases(stack, index, slo, page)!.find((c) => c.name.startsWith(`fires at 1.05× its ${first!.factor}×`))!;
  assert.is(judge(slo, firing, rules, page.name).ok, false);
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test.run();
