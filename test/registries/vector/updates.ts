// The shared test vector: one sequence of updates that the TypeScript, Python and Go registries of the greenhouse
// stack each apply, in this order, before the scrape the test compares. It goes through every method of every kind,
// sends hostile open values, undeclared values for declared labels, and more label sets than a metric's limit.
// The Python driver reads it as JSON; the TypeScript driver applies it as it is; the Go program has it written out.
//
// Only valid Unicode: a lone surrogate (a JavaScript string can hold one, UTF-8 cannot) or an invalid byte is
// sanitised differently by design, and documented per registry (docs/exporter.md): Python writes `?`, Go and
// prom-client write U+FFFD; and Go's source, JSON and the TypeScript API cannot even carry the same invalid bytes.
// Only finite numbers, too: JSON has no others, and prom-client throws on an infinite or NaN observation that the
// other two clients record (docs/exporter.md, "One behaviour in three languages").
import { cycles, dosing, fans, messageSize, moisture, pumpRun, readings, sensorLatency, valveOpenings } from './fixture.ts';

export type Op = 'inc' | 'dec' | 'set' | 'observe';

export interface Update {
  readonly metric: string;
  readonly op: Op;
  /** Every label of the metric, none for a metric without labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** The amount or value; left out of an inc or dec, each language's default of 1 applies. */
  readonly value?: number;
}

/** Open values a scrape must escape or carry as they are: quotes, backslashes (one trailing), a newline, the text
 *  format's own `{}=,`, a `} ` that ends a naive label parser early and what looks like an exemplar, a tab, spaces
 *  at the ends, non-ASCII and characters outside the Basic Multilingual Plane, the empty string. */
export const hostileValues = [
  'say "hi"', 'back\\slash', 'trailing\\', 'line\nbreak', '\\n literally', '{a="b"},c=d', '} 7 {', '# {trace_id="x"} 1',
  'tab\there', ' spaced ', 'ünïcödé 日本語', '🌱 sprout 🚀', '',
] as const;

const at = (metric: { readonly name: string }) => ({
  inc: (labels: Record<string, string>, value?: number): Update => ({ metric: metric.name, op: 'inc', labels, ...(value === undefined ? {} : { value }) }),
  dec: (labels: Record<string, string>, value?: number): Update => ({ metric: metric.name, op: 'dec', labels, ...(value === undefined ? {} : { value }) }),
  set: (labels: Record<string, string>, value: number): Update => ({ metric: metric.name, op: 'set', labels, value }),
  observe: (labels: Record<string, string>, value: number): Update => ({ metric: metric.name, op: 'observe', labels, value }),
});

const r = at(readings);
const v = at(valveOpenings);
const c = at(cycles);
const m = at(moisture);
const f = at(fans);
const p = at(pumpRun);
const l = at(sensorLatency);
const s = at(messageSize);
const d = at(dosing);

export const updates: readonly Update[] = [
  // a declared label beside an open one: the default amount, a fraction, zero
  r.inc({ zone: 'north', sensor: 's1' }), r.inc({ zone: 'north', sensor: 's1' }, 2.5), r.inc({ zone: 'south', sensor: 's1' }, 0),
  r.inc({ zone: 'east', sensor: 's1' }), // undeclared zone: dropped, counted
  // 7 more sensors against a limit of 4 with 2 kept already: 2 are kept, the other 5 dropped and counted
  ...Array.from({ length: 7 }, (_, i) => r.inc({ zone: i % 2 ? 'south' : 'north', sensor: `s${i + 2}` })),
  r.inc({ zone: 'north', sensor: 's1' }, 10), // a kept label set still counts when the metric is full
  r.inc({ zone: 'west', sensor: 's1' }), // undeclared while full: counted as undeclared, not as over the limit

  // every label declared: started at 0, two updated, an undeclared value in either label
  v.inc({ valve: 'a', result: 'ok' }), v.inc({ valve: 'b', result: 'stuck' }, 3), v.inc({ valve: 'b', result: 'half "open" \\ ½' }),
  v.inc({ valve: 'c', result: 'ok' }), v.inc({ valve: 'a', result: 'leaking' }),

  c.inc({}), c.inc({}, 4), c.inc({}, 0.5),

  // a gauge through every method; negative, tiny and huge values
  m.set({ class: 'seedling', bed: 'bed-1' }, 0.25), m.inc({ class: 'seedling', bed: 'bed-1' }), m.inc({ class: 'seedling', bed: 'bed-1' }, 0.5),
  m.dec({ class: 'seedling', bed: 'bed-1' }), m.dec({ class: 'seedling', bed: 'bed-1' }, 0.125),
  m.set({ class: 'mature', bed: 'bed-2' }, -3.5), m.set({ class: 'seedling', bed: 'tiny' }, 1e-7), m.set({ class: 'seedling', bed: 'huge' }, 1.5e21),
  m.dec({ class: 'mature', bed: 'new' }, 2), // a gauge's first update may be a decrement
  ...hostileValues.map((bed, i) => m.set({ class: 'mature', bed }, i + 0.5)),
  m.set({ class: 'weed', bed: 'bed-1' }, 1), // undeclared

  f.inc({}), f.inc({}, 2), f.dec({}), f.set({}, 7), f.dec({}, 0.5),

  // every label declared: each bucket of both pumps from 0; a value on a bucket's bound, one past the last
  p.observe({ pump: 'main' }, 0.1), p.observe({ pump: 'main' }, 0.5), p.observe({ pump: 'main' }, 1), p.observe({ pump: 'main' }, 7),
  p.observe({ pump: 'spare' }, 0.1), p.observe({ pump: 'spare' }, 0.2), // a sum that is not 0.3 in binary
  p.observe({ pump: 'backup' }, 1), // undeclared

  // limit 3: the fourth label set is dropped
  l.observe({ zone: 'north', sensor: 's1' }, 0.005), l.observe({ zone: 'north', sensor: 's2' }, 0.05), l.observe({ zone: 'south', sensor: 's1' }, 0.5),
  l.observe({ zone: 'south', sensor: 's2' }, 0.01), l.observe({ zone: 'north', sensor: 's1' }, 0.1),
  l.observe({ zone: 'up', sensor: 's1' }, 0.1), // undeclared

  // a summary with a hostile peer; limit 3: the fourth label set is dropped
  s.observe({ direction: 'in', peer: 'peer-a' }, 100), s.observe({ direction: 'in', peer: 'peer-a' }, 250), s.observe({ direction: 'out', peer: 'peer-a' }, 10),
  s.observe({ direction: 'in', peer: 'peer "b"\\\n' }, 1), s.observe({ direction: 'out', peer: 'peer-c' }, 5),
  s.observe({ direction: 'sideways', peer: 'peer-a' }, 1), // undeclared

  d.observe({}, 0.25), d.observe({}, 0.75),
];
