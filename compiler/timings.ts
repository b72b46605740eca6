// `--timings`: where a run's time went, from process start, on stderr. The benchmark reads it; a user asks for it
// when a compile feels slow. The type check runs beside the other phases, so it is reported as when it finished.
const marks: [string, number][] = [];

/** Notes that `phase` ended now. */
export function mark(phase: string): void {
  marks.push([phase, performance.now()]);
}

/** `timings: start 120 ms, load 95 ms, …, total 610 ms, peak RSS 130 MiB` (durations between marks). */
export function timingsLine(): string {
  const parts: string[] = [];
  let previous = 0;
  for (const [phase, at] of [...marks].sort((a, b) => a[1] - b[1])) {
    parts.push(phase.startsWith('type check') ? `${phase} done at ${at.toFixed(0)} ms` : `${phase} ${(at - previous).toFixed(0)} ms`);
    if (!phase.startsWith('type check')) previous = at;
  }
  return `timings: ${parts.join(', ')}, total ${performance.now().toFixed(0)} ms, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`;
}
