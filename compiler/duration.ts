// PromQL / Prometheus durations: `1h30m`, `5m`, `30s`, `0s`.
const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 } as const;
const pattern = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** The longest duration Prometheus parses: a Go time.Duration, int64 nanoseconds (about 292 years). */
export const maxDurationMs = Math.floor(Number(2n ** 63n - 1n) / 1e6);

/** Milliseconds in a duration, or undefined when Prometheus would reject it (bad syntax, or "duration out of range"). */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const m = pattern.exec(text);
  if (!m || text === '') return undefined;
  const units = [unitMs.y, unitMs.w, unitMs.d, unitMs.h, unitMs.m, unitMs.s, unitMs.ms];
  const total = units.reduce((sum, ms, i) => sum + Number(m[i + 1] ?? 0) * ms, 0);
  return total < maxDurationMs ? total : undefined;
}

/** Prometheus' own formatting of a duration: the largest units first, e.g. 90000 → `1m30s`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, size] of [['y', unitMs.y], ['w', unitMs.w], ['d', unitMs.d], ['h', unitMs.h], ['m', unitMs.m], ['s', unitMs.s], ['ms', unitMs.ms]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}
