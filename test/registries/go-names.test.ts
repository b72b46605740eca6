// The Go identifiers the registry derives from a stack's names: packages, value variables and label parameters
// stay valid and distinct whatever the names hold.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { goPackageName, goParams, goValueNames } from '../../compiler/go-names.ts';
import type { Metric } from '../../compiler/model.ts';

const metric = { kind: 'counter', name: 'shelf_moves_total' } as Metric;

test('a package name is the stack name without dashes, then metrics; a leading digit gets stack in front', () => {
  assert.is(goPackageName('book-lending'), 'booklendingmetrics');
  assert.is(goPackageName('go'), 'gometrics');
  assert.is(goPackageName('9-lives'), 'stack9livesmetrics');
});

test('value variables: parts of the value capitalised; no letters or digits, or a clash, adds the position', () => {
  const names = goValueNames(metric, 'to', ['north-wing', '2nd floor', 'a_b', 'a-b', '/', 'café']);
  assert.equal([...names.values()], [
    'ShelfMovesTotalToNorthWing', 'ShelfMovesTotalTo2ndFloor', 'ShelfMovesTotalToAB3', 'ShelfMovesTotalToAB4',
    'ShelfMovesTotalToValue5', 'ShelfMovesTotalToCafé',
  ]);
});

test('label parameters: lowerCamel, never a keyword or a name the method bodies use, never twice', () => {
  assert.equal(goParams(['payment_method', 'type', 'range', 'value', 'open', 'a_b', 'aB']), ['paymentMethod', 'typeLabel', 'rangeLabel', 'valueLabel', 'openLabel', 'aB', 'aB_']);
});

test.run();
