// "Did you mean …?" — the closest known name by Damerau-Levenshtein distance
// (optimal string alignment: insert, delete, substitute, swap two neighbours).

/** The largest distance still worth suggesting for a name of this length. */
export function defaultBound(name: string): number {
  if (name.length <= 3) return 1;
  if (name.length <= 6) return 2;
  return 3;
}

/**
 * Distance between a and b, or `bound + 1` as soon as it must exceed `bound`
 * (rows are cut off early, so comparing against a long list stays cheap).
 */
export function damerauLevenshtein(a: string, b: string, bound = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  const n = a.length;
  const m = b.length;
  if (!n) return m;
  if (!m) return n;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > bound) return bound + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m];
}

/**
 * The candidate closest to `name` within `bound` (default: by length), or undefined.
 * Case differences count as one edit each, except that a candidate equal ignoring
 * case always wins. Ties keep the first candidate in the given order.
 */
export function closest(name: string, candidates: Iterable<string>, bound = defaultBound(name)): string | undefined {
  let best: string | undefined;
  let bestD = bound + 1;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    if (c === name) continue;
    if (c.toLowerCase() === lower) return c;
    const d = damerauLevenshtein(name, c, Math.min(bound, bestD - 1));
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= bound ? best : undefined;
}
