// A reader of what a running app's /metrics serves: the Prometheus text format (0.0.4) as prom-client, client_golang
// and prometheus_client write it, tolerant of what OpenMetrics adds (UNIT lines, `# EOF`, exemplars, timestamps).
// It keeps what conformance and the catalog generator need: each family's declared type and help, and its samples'
// names and labels.

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: string;
}

export interface Family {
  readonly name: string;
  type?: string;
  /** The HELP text, unescaped (`\\` and `\n`). */
  help?: string;
  readonly samples: Sample[];
}

export class ExpositionError extends Error {}

const name = String.raw`[a-zA-Z_:][a-zA-Z0-9_:]*`;
const quoted = String.raw`"(?:[^"\\]|\\.)*"`;

function unquote(text: string): string {
  return text.slice(1, -1).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

/** `name{a="x",…} value [timestamp] [# exemplar]`, or the UTF-8 form `{"name",a="x"} value`. */
function parseSample(line: string, at: number): Sample {
  // the label block ends at the first `}` outside quotes, since a value may hold `} ` or ` # {`; what follows the
  // value (a timestamp, an OpenMetrics exemplar) is left unread
  const head = new RegExp(`^(${name})?(\\{(?:[^"}]|${quoted})*\\})?\\s+(\\S+)`).exec(line);
  if (!head) throw new ExpositionError(`line ${at}: not a sample: ${line}`);
  let sampleName = head[1];
  const labels: Record<string, string> = {};
  if (head[2]) {
    const pair = new RegExp(`\\s*(?:(${name}|${quoted})\\s*=\\s*(${quoted})|(${quoted}))\\s*,?`, 'gy');
    const body = head[2].slice(1, -1);
    pair.lastIndex = 0;
    while (pair.lastIndex < body.length) {
      const m = pair.exec(body);
      if (!m) throw new ExpositionError(`line ${at}: malformed labels: ${line}`);
      if (m[3] !== undefined) sampleName = unquote(m[3]);
      else labels[m[1]!.startsWith('"') ? unquote(m[1]!) : m[1]!] = unquote(m[2]!);
    }
  }
  if (sampleName === undefined) throw new ExpositionError(`line ${at}: a sample without a name: ${line}`);
  return { name: sampleName, labels, value: head[3]! };
}

/** The families of an exposition, by the name its TYPE (or, without one, its samples) give. */
export function readExposition(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const family = (n: string) => families.get(n) ?? families.set(n, { name: n, samples: [] }).get(n)!;
  let current: Family | undefined;
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trimEnd();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const meta = new RegExp(`^# (HELP|TYPE|UNIT) (${name}|${quoted})(?: (.*))?$`).exec(line);
      if (!meta) continue; // a comment, or # EOF
      const n = meta[2]!.startsWith('"') ? unquote(meta[2]!) : meta[2]!;
      current = family(n);
      if (meta[1] === 'TYPE') current.type = meta[3];
      // HELP escapes only backslash and newline
      if (meta[1] === 'HELP') current.help = (meta[3] ?? '').replace(/\\([\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
      continue;
    }
    const sample = parseSample(line, i + 1);
    // a sample belongs to the family above it when its name is the family's or one of its suffixed series
    const owner = current && (sample.name === current.name || sample.name.startsWith(`${current.name}_`)) ? current : family(sample.name);
    owner.samples.push(sample);
  }
  return families;
}
