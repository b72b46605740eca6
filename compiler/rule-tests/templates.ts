// Renders alert annotations the way Prometheus does, for the `exp_annotations` of generated rule tests.
// Covers what annotations use: {{ $value }}, {{ $labels.x }} / {{ .Labels.x }}, and the humanize functions,
// with Go's float formatting. Anything else is reported, so the alert needs a test written in the stack.

import type { AlertRule } from '../model.ts';

export class UnrenderableTemplate extends Error {}

/** Go rounds a value exactly halfway between two results to the even one; JavaScript rounds it up. */
function halfEven(v: number, precision: number): number {
  const exp = Math.floor(Math.log10(Math.abs(v)));
  const scale = 10 ** (precision - 1 - exp);
  const scaled = Math.abs(v) * scale;
  if (Number.isInteger(scaled) || !Number.isInteger(scaled * 2)) return v;
  const even = Math.floor(scaled) % 2 === 0 ? Math.floor(scaled) : Math.ceil(scaled);
  return Math.sign(v) * (even / scale);
}

/** Go's `%.<precision>g`: shortest of %e and %f at that many significant digits, trailing zeros removed. */
export function goG(v: number, precision: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (v === 0) return '0';
  v = halfEven(v, precision);
  const exp = Math.floor(Math.log10(Math.abs(Number(v.toPrecision(precision)))));
  if (exp < -4 || exp >= precision) {
    const [mantissa, e] = v.toExponential(precision - 1).split('e');
    const m = mantissa!.includes('.') ? mantissa!.replace(/0+$/, '').replace(/\.$/, '') : mantissa!;
    const n = Number(e);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  const fixed = v.toFixed(Math.max(0, precision - 1 - exp));
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

/** Go's `%v` for a float64 (strconv 'g' with the shortest representation, exponent below 1e-4 and from 1e21). */
export function goFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    const [m, e] = v.toExponential().split('e');
    const n = Number(e);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(v);
}

function humanize(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return goG(v, 4);
  const up = ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
  const down = ['', 'm', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];
  let i = 0;
  if (Math.abs(v) >= 1) {
    while (Math.abs(v) >= 1000 && i < up.length - 1) { v /= 1000; i++; }
    return `${goG(v, 4)}${up[i]}`;
  }
  while (Math.abs(v) < 1 && i < down.length - 1) { v *= 1000; i++; }
  return `${goG(v, 4)}${down[i]}`;
}

function humanizeDuration(v: number): string {
  if (!Number.isFinite(v)) return goG(v, 4);
  if (v === 0) return '0s';
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    const whole = Math.trunc(Math.abs(v));
    const days = Math.floor(whole / 86400);
    const hours = Math.floor(whole / 3600) % 24;
    const minutes = Math.floor(whole / 60) % 60;
    const seconds = whole % 60;
    if (days) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${goG(Math.abs(v), 4)}s`;
  }
  const prefixes = ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];
  let prefix = '';
  for (const p of prefixes) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${goG(v, 4)}${prefix}s`;
}

const functions: Readonly<Record<string, (v: number) => string>> = {
  humanize,
  humanizeDuration,
  humanizePercentage: (v) => `${goG(v * 100, 4)}%`,
};

/** Renders one annotation for the given result labels and value. */
export function renderAnnotation(template: string, labels: Readonly<Record<string, string>>, value: number): string {
  // Go's trim markers: "{{- " drops the whitespace before the action, " -}}" the whitespace after it
  return template.replace(/(\s*)\{\{(-\s)?\s*(.*?)\s*(\s-)?\}\}(\s*)/g, (_all, before: string, trimBefore: string | undefined, body: string, trimAfter: string | undefined, after: string) =>
    `${trimBefore ? '' : before}${renderAction(body, labels, value)}${trimAfter ? '' : after}`);
}

function renderAction(body: string, labels: Readonly<Record<string, string>>, value: number): string {
  const parts = body.split('|').map((p) => p.trim());
  const head = parts[0]!;
  let out: string | number;
  const label = /^(?:\$labels|\.Labels)\.([a-zA-Z_][a-zA-Z0-9_]*)$/.exec(head);
  if (label) out = labels[label[1]!] ?? '<no value>';
  else if (head === '$value' || head === '.Value') out = value;
  else if (/^(humanize|humanizeDuration|humanizePercentage) (\$value|\.Value)$/.test(head)) out = functions[head.split(' ')[0]!]!(value);
  else throw new UnrenderableTemplate(`{{ ${body} }}`);
  for (const fn of parts.slice(1)) {
    const f = functions[fn];
    if (!f || typeof out !== 'number') throw new UnrenderableTemplate(`{{ ${body} }}`);
    out = f(out);
  }
  return typeof out === 'number' ? goFloat(out) : out;
}

/** One firing alert of `alert` as promtool reports it: the result's labels with the alert's own on top, and its
 *  annotations rendered for them. */
export function firingAlert(alert: AlertRule, labels: Readonly<Record<string, string>>, value: number) {
  const annotations = Object.fromEntries(Object.entries(alert.annotations).map(([k, t]) => [k, renderAnnotation(t, labels, value)]));
  return { labels: { ...labels, ...alert.labels }, annotations };
}
