// Regexes are held to Prometheus' RE2 syntax, in matchers and in label_replace(): what Prometheus refuses fails compile
// at the regex, and what Prometheus accepts (the forms rule sets use) compiles. promtool is the witness both ways.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { alert, counter, not, promql, rate, ruleGroup, ruleTest, input, stack } from '../../dsl/index.ts';
import { described, promtool } from './promtool.ts';

const jobs = counter({ name: 'jobs_failed_total', help: 'Failed jobs', labels: ['queue', 'reason'] });

const withAlert = (name: string, expr: ReturnType<typeof promql>) => stack(name, {
  namespace: 'jobs', metrics: [jobs],
  groups: [ruleGroup('jobs', { rules: [alert({
    name: 'JobsFailing', severity: 'warning', expr, summary: 's', description: 'd',
    tests: [
      ruleTest({ name: 'fails', at: '10m', input: [input(jobs, { queue: 'mail', reason: 'oom' }, '0+60x20')], expect: [{ labels: { queue: 'mail' }, value: 1 }] }),
      ruleTest({ name: 'quiet', at: '10m', input: [input(jobs, { queue: 'mail', reason: 'oom' }, '0x20')], expect: [] }),
    ],
  })] })],
});

const refused = [
  { name: 'look-ahead in a matcher', expr: promql`sum by (queue) (${rate(jobs.where({ queue: /(?!batch).*/ }), '5m')}) > 0`, at: '(?!batch).*' },
  { name: 'look-behind in a negative matcher', expr: promql`sum by (queue) (${rate(jobs.where({ reason: not(/(?<=x)y/) }), '5m')}) > 0`, at: '(?<=x)y' },
  { name: 'a back-reference in label_replace()', expr: promql`sum by (queue) (label_replace(${rate(jobs, '5m')}, "kind", "$1", "reason", "(a)\\\\1")) > 0`, at: '(a)\\1' },
];

for (const c of refused) {
  test(`${c.name}: Prometheus refuses it, and so does compile, at the regex`, async () => {
    // a matcher's regex fails promtool check rules; label_replace() compiles its regex only when it runs: test rules
    const { check, test: run, issues } = await promtool(withAlert('bad', c.expr));
    assert.ok(check.status === 'failed' || run.status === 'failed', `promtool accepted it: ${described(check)}\n${described(run)}`);
    const regex = issues.filter((i) => i.code === 'promql/regex');
    assert.is(regex.length, 1, issues.map((i) => `${i.code}: ${i.message}`).join('\n'));
    assert.match(regex[0]!.message, /is not valid in Prometheus \(RE2 syntax\)/);
    assert.is(regex[0]!.expr!.text.slice(regex[0]!.expr!.from, regex[0]!.expr!.to).includes(c.at.slice(0, 3)), true);
    assert.match(regex[0]!.hint, /look-ahead/);
  });
}

test('the regexes rule sets use compile, and Prometheus agrees', async () => {
  const expr = promql`sum by (queue) (${rate(jobs.where({ queue: /mail|sms|push/, reason: not(/^$|ok/) }), '5m')})
    + on (queue) sum by (queue) (label_replace(rate(jobs_failed_total{reason=~"(?i)oom.*|[a-z]+_\\\\d+"}[5m]), "kind", "$1", "reason", "([^:]+):.*")) > 0`;
  const { check, issues } = await promtool(withAlert('good', expr));
  assert.is(check.status, 'passed', described(check));
  assert.equal(issues.filter((i) => i.code === 'promql/regex'), []);
});

test.run();
