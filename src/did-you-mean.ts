/**
 * "Did you mean": the known name closest to a misspelt one, so a refusal (an unknown tool, a
 * near-miss settings key, a toolset typo) can name the fix instead of only the fault.
 */

/** Edit distance (insertions, deletions, substitutions; an adjacent swap counts as one). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known name `given` most likely means, or undefined when none is close. Close means: equal but
 * for case and separators, one is a prefix of the other (`transition` for `transition_type`), or
 * within an edit distance of about a third of the name.
 */
export function closestName(given: string, known: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s]+/g, '');
  const g = norm(given);
  if (!g) return undefined;
  let best: { name: string; score: number } | undefined;
  for (const name of known) {
    const k = norm(name);
    let score: number;
    if (k === g) score = 0;
    // Of several names sharing the prefix, the nearest in length wins (TOOL means TOOLS, not TOOLSETS).
    else if (g.length >= 3 && (k.startsWith(g) || g.startsWith(k)))
      score = 0.5 + Math.abs(k.length - g.length) / 1000;
    else {
      const distance = editDistance(g, k);
      if (distance > Math.max(1, Math.floor(Math.max(g.length, k.length) / 3))) continue;
      score = distance;
    }
    if (!best || score < best.score) best = { name, score };
  }
  return best?.name;
}
