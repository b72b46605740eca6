// A test input as the stack's exporter shows it. A labelled counter (and a histogram's or summary's series) of the
// generated registries exists only from its first update, unless the registry starts it at 0 (`initialSeries`, for
// labels that declare their values). Leading 0 samples written for such a series are a state the exporter never
// shows: they become absent samples (`_`), so `increase(x[5m]) > 0` is judged as it behaves on the first event.
import type { Metric, Stack, TestSeries } from '../model.ts';

const unborn = new WeakMap<Stack, ReadonlyMap<string, Metric>>();

/** The own metric a series name belongs to, when its series are born by their first update (built once per stack:
 *  every input series of every test asks). */
function bornOnUpdate(stack: Stack, name: string): Metric | undefined {
  let byName = unborn.get(stack);
  if (!byName) {
    const parts = (m: Metric): string[] => m.kind === 'counter' ? [m.name]
      : m.kind === 'histogram' ? [`${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`]
      : m.kind === 'summary' ? [`${m.name}_sum`, `${m.name}_count`] : [];
    byName = new Map(stack.metrics.filter((m) => m.labels.length > 0 && !m.initialSeries).flatMap((m) => parts(m).map((p) => [p, m] as const)));
    unborn.set(stack, byName);
  }
  return byName.get(name);
}

const number = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
/** One item of promtool's expanding notation: `v`, `vxN` (N+1 samples), `v+dxN` / `v-dxN`, `_`, `_xN` (N absent). */
const item = new RegExp(`^(${number})(?:([+-]${number})?x(\\d+))?$`);

/** The values with their leading 0 samples written as absent; from the first other sample on, unchanged. */
export function leadingZerosAbsent(values: string): string {
  const tokens = values.trim().split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let absent = 0;
  let i = 0;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    const blank = /^_(?:x(\d+))?$/.exec(t);
    if (blank) { absent += blank[1] === undefined ? 1 : Number(blank[1]); continue; }
    const m = item.exec(t);
    if (!m || Number(m[1]) !== 0) break;
    const delta = m[2] === undefined ? 0 : Number(m[2]);
    const times = m[3] === undefined ? undefined : Number(m[3]);
    if (times === undefined) { absent += 1; continue; }
    if (delta === 0 || times === 0) { absent += delta === 0 ? times + 1 : 1; continue; }
    // 0+dxN: the first sample is the 0; the rest go on from d
    absent += 1;
    out.push(times === 1 ? `${m[2]!.replace(/^\+/, '')}` : `${m[2]!.replace(/^\+/, '')}${m[2]}x${times - 1}`);
    i++;
    break;
  }
  if (absent === 0) return values;
  return [`_x${absent}`, ...out, ...tokens.slice(i)].join(' ');
}

/** The input as the exporter exposes it: unchanged unless its series is born by its first update. */
export function asExposed(stack: Stack, s: TestSeries): TestSeries {
  if (!bornOnUpdate(stack, s.name)) return s;
  const values = leadingZerosAbsent(s.values);
  return values === s.values ? s : { ...s, values };
}
