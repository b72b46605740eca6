// The cross-language comparison: each registry's normalised exposition against the first one's, as a list of
// readable differences (empty when they agree): series only one side has, values that differ, families whose TYPE or
// HELP differ.
import type { Normalised } from './normalise.ts';

type Side<V> = readonly [language: string, entries: ReadonlyMap<string, V>];

/** Same number, NaN included (a summary's quantile over nothing is NaN in every client). */
const sameNumber = (a: number, b: number) => Object.is(a, b) || a === b;

function mapDifferences<V>(what: string, [nameA, a]: Side<V>, [nameB, b]: Side<V>, equal: (x: V, y: V) => boolean): string[] {
  const out: string[] = [];
  for (const [key, value] of a) {
    const other = b.get(key);
    if (other === undefined) out.push(`  ${what} only in ${nameA}: ${key} ${String(value)}`);
    else if (!equal(value, other)) out.push(`  ${what} ${key}: ${nameA} ${String(value)}, ${nameB} ${String(other)}`);
  }
  for (const [key, value] of b) if (!a.has(key)) out.push(`  ${what} only in ${nameB}: ${key} ${String(value)}`);
  return out;
}

/** Every difference of each language from the first, grouped by language; empty when all agree. */
export function differences(byLanguage: ReadonlyMap<string, Normalised>): string[] {
  const [first, ...others] = [...byLanguage];
  if (!first) throw new Error('nothing to compare');
  const [reference, expected] = first;
  return others.flatMap(([language, actual]) => {
    const found = [
      ...mapDifferences('family', [reference, expected.families], [language, actual.families], (x, y) => x === y),
      ...mapDifferences('sample', [reference, expected.samples], [language, actual.samples], sameNumber),
    ];
    return found.length ? [`${language} differs from ${reference}:`, ...found] : [];
  });
}
