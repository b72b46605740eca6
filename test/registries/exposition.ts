// Samples of a Prometheus text exposition (format 0.0.4), label values unescaped: enough for the registries' tests to
// look series up by name and labels.
export interface ScrapedSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/g;
const unescape = (v: string) => v.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));

export function parseExposition(text: string): ScrapedSample[] {
  return text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((line) => {
    const m = sampleLine.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels = Object.fromEntries([...(m[2] ?? '').matchAll(labelPair)].map((p) => [p[1]!, unescape(p[2]!)]));
    return { name: m[1]!, labels, value: Number(m[3]) };
  });
}

const sameLabels = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/** The value of the sample with exactly this name and these labels, if the exposition has it. */
export function valueOf(samples: readonly ScrapedSample[], name: string, labels: Readonly<Record<string, string>>): number | undefined {
  return samples.find((s) => s.name === name && sameLabels(s.labels, labels))?.value;
}
