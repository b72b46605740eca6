// The round-trip judge: every emitted YAML/JSON file parses cleanly and its data survives serialisation; a duplicate
// key or a value that changes on the way fails at its file and line.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { alertsFile } from '../../compiler/emit/rules.ts';
import { firstDifference, jsonProblems, roundTrip, yamlProblems } from '../../compiler/verify/round-trip.ts';
import { describe, judgeFixture, marked, queueStack } from './helpers.ts';

const { files } = queueStack;
const data = [...files.keys()].filter((p) => /\.(ya?ml|json)$/.test(p));

test('every YAML and JSON file of the fixture round-trips', async () => {
  const v = await judgeFixture(roundTrip);
  assert.is(v.status, 'passed', describe(v));
  const json = data.filter((p) => p.endsWith('.json')).length;
  assert.is(v.summary, `${data.length - json} YAML and ${json} JSON files`);
});

test('a duplicate key in a rule file fails at its line, mapped to the rule defined there', async () => {
  const v = await judgeFixture(roundTrip, (f) => f.set(alertsFile, f.get(alertsFile)!.replace(/^( +)for: (\S+)$/m, '$1for: $2\n$1for: $2')));
  assert.is(v.status, 'failed');
  assert.is(v.failures.length, 1, describe(v));
  assert.match(v.failures[0]!.message, /^prometheus\/alerts\.yml:\d+: .*[Mm]ap keys must be unique/);
  assert.is(v.failures[0]!.where?.line, marked('backlog-alerts'));
});

test('JSON: a duplicate key and a number JSON cannot carry both fail', () => {
  assert.equal(jsonProblems('{\n  "a": 1,\n  "a": 2\n}').map((p) => p.line), [3]);
  assert.match(jsonProblems('{"a": 1e999}')[0]!.message, /\.a changes/);
  assert.equal(jsonProblems('{"a": [1, {"b": "c"}]}'), []);
});

test('YAML: parse errors carry their line; clean documents have no problems', () => {
  assert.is(yamlProblems('a: 1\nb: [\n')[0]!.line > 1, true);
  assert.equal(yamlProblems('a: 1\n---\nb: [x, "y: z"]\n'), []);
  assert.is(firstDifference({ a: [1, 2] }, { a: [1, 3] }), '.a[1]');
});

test.run();
