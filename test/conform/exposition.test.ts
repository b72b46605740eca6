// The tolerant exposition reader on label values that look like the format's own syntax: a `} ` inside a value once
// ended the label block early (a lazy match), and a ` # {` inside one was cut off as if an exemplar began there.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readExposition } from '../../compiler/conform/exposition.ts';

test('a label value holding "} ", " # {" or an escaped quote is read whole; a timestamp and an exemplar after the value are left out', () => {
  const text = [
    '# HELP beds_ratio Moisture \\\\ by bed\\nsecond line',
    '# TYPE beds_ratio gauge',
    'beds_ratio{bed="} 7 {",class="a"} 1.5',
    'beds_ratio{bed="p # {trace_id=\\"x\\"} 1"} 2 1700000000000',
    'beds_ratio{bed="q"} 3 # {trace_id="abc"} 1.0',
    '',
  ].join('\n');
  const family = readExposition(text).get('beds_ratio')!;
  assert.equal(family.samples, [
    { name: 'beds_ratio', labels: { bed: '} 7 {', class: 'a' }, value: '1.5' },
    { name: 'beds_ratio', labels: { bed: 'p # {trace_id="x"} 1' }, value: '2' },
    { name: 'beds_ratio', labels: { bed: 'q' }, value: '3' },
  ]);
  assert.is(family.help, 'Moisture \\ by bed\nsecond line');
});

test.run();
