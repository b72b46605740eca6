// "Did you mean": the closest known name to a misspelt one, when it is close enough to be what was meant.

/** Edit distance with adjacent transpositions (optimal string alignment): `instnace` is one step from `instance`. */
export function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The known name nearest to `wrong`, if at most about a third of it differs (case differences count half). */
export function didYouMean(wrong: string, known: readonly string[]): string | undefined {
  let best: { name: string; score: number } | undefined;
  for (const name of known) {
    const score = name.toLowerCase() === wrong.toLowerCase() ? 0.5 : distance(wrong.toLowerCase(), name.toLowerCase());
    if (score <= Math.max(1, Math.floor(Math.max(wrong.length, name.length) / 3)) && (!best || score < best.score)) best = { name, score };
  }
  return best?.name;
}
