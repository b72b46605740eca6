// Go's strconv.FormatFloat for float64: 'e', 'f' and 'g' with a precision or the shortest representation.
// Rounding is done on the exact decimal value of the double, half to even, as Go does; JavaScript's toFixed rounds
// exact halves away from zero (0.125 → "0.13" where Go prints "0.12") and switches to exponents from 1e21.

/** The decimal digits of a double without leading or trailing zeros, and where the point goes: value = 0.digits × 10^point. */
interface Decimal {
  digits: string;
  point: number;
}

/** The exact decimal expansion of a finite, non-negative double. */
function exact(x: number): Decimal {
  if (x === 0) return { digits: '', point: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exp2 = (biased === 0 ? 1 : biased) - 1075;
  // mantissa × 2^exp2 = mantissa × 5^-exp2 / 10^-exp2 when exp2 < 0
  const digits = exp2 >= 0 ? (mantissa << BigInt(exp2)).toString() : (mantissa * 5n ** BigInt(-exp2)).toString();
  return trim({ digits, point: exp2 >= 0 ? digits.length : digits.length + exp2 });
}

function trim(d: Decimal): Decimal {
  const lead = d.digits.length - d.digits.replace(/^0+/, '').length;
  const digits = d.digits.slice(lead).replace(/0+$/, '');
  return digits === '' ? { digits: '', point: 0 } : { digits, point: d.point - lead };
}

/** The shortest digits that read back as `x` (JavaScript and Go agree on them). */
function shortest(x: number): Decimal {
  if (x === 0) return { digits: '', point: 0 };
  const [mantissa, e] = x.toExponential().split('e') as [string, string];
  return trim({ digits: mantissa.replace('.', ''), point: Number(e) + 1 });
}

/** Rounds to `n` digits, an exact half to the even digit (strconv's decimal.Round). */
function round(d: Decimal, n: number): Decimal {
  if (n < 0) return { digits: '', point: 0 };
  if (n >= d.digits.length) return d;
  const next = d.digits.charCodeAt(n) - 48;
  const rest = d.digits.slice(n + 1);
  const up = next > 5 || (next === 5 && (/[1-9]/.test(rest) || (n > 0 && (d.digits.charCodeAt(n - 1) - 48) % 2 === 1)));
  if (!up) return trim({ digits: d.digits.slice(0, n), point: d.point });
  const kept = d.digits.slice(0, n);
  let i = kept.length - 1;
  while (i >= 0 && kept[i] === '9') i--;
  if (i < 0) return { digits: '1', point: d.point + 1 };
  return trim({ digits: kept.slice(0, i) + String(Number(kept[i]) + 1), point: d.point });
}

function digitAt(d: Decimal, i: number): string {
  return i >= 0 && i < d.digits.length ? d.digits[i]! : '0';
}

function fmtE(neg: boolean, d: Decimal, prec: number, letter: 'e' | 'E'): string {
  let s = (neg ? '-' : '') + digitAt(d, 0);
  if (prec > 0) s += '.' + Array.from({ length: prec }, (_, i) => digitAt(d, i + 1)).join('');
  const exp = d.digits === '' ? 0 : d.point - 1;
  return `${s}${letter}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function fmtF(neg: boolean, d: Decimal, prec: number): string {
  let s = neg ? '-' : '';
  s += d.point > 0 ? Array.from({ length: d.point }, (_, i) => digitAt(d, i)).join('') : '0';
  if (prec > 0) s += '.' + Array.from({ length: prec }, (_, i) => digitAt(d, d.point + i)).join('');
  return s;
}

/** strconv.FormatFloat(x, verb, prec, 64); prec -1 is the shortest representation. */
export function formatFloat(x: number, verb: 'e' | 'E' | 'f' | 'g' | 'G', prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  const short = prec < 0;
  let d: Decimal;
  if (short) {
    d = shortest(abs);
    prec = verb === 'e' || verb === 'E' ? Math.max(d.digits.length - 1, 0) : verb === 'f' ? Math.max(d.digits.length - d.point, 0) : d.digits.length;
  } else {
    const e = exact(abs);
    if (verb === 'e' || verb === 'E') d = round(e, prec + 1);
    else if (verb === 'f') d = round(e, e.point + prec);
    else d = round(e, prec === 0 ? (prec = 1) : prec);
  }
  if (verb === 'e' || verb === 'E') return fmtE(neg, d, prec, verb);
  if (verb === 'f') return fmtF(neg, d, prec);
  // %g: %e when the exponent is below -4 or not below the precision (6 for the shortest form)
  let eprec = prec;
  const nd = d.digits.length;
  if (eprec > nd && nd >= d.point) eprec = nd;
  if (short) eprec = 6;
  const exp = d.point - 1;
  if (nd !== 0 && (exp < -4 || exp >= eprec)) return fmtE(neg, d, Math.min(prec, nd) - 1, verb === 'G' ? 'E' : 'e');
  if (nd === 0) return neg ? '-0' : '0';
  return fmtF(neg, d, Math.max((prec > d.point ? nd : prec) - d.point, 0));
}

/** Go's %v of a float64. */
export function goFloat(v: number): string {
  return formatFloat(v, 'g', -1);
}

/** Go's `%.<precision>g`. */
export function goG(v: number, precision: number): string {
  return formatFloat(v, 'g', precision);
}
