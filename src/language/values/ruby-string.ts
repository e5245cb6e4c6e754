// Ruby's String methods that Fluentd's conversions (lib/fluent/config/types.rb) rest on:
// to_i, to_f, split on commas, and the unanchored `/([0-9]+)u/` unit match.

const TO_I = /^\s*([+-]?\d+(?:_\d+)*)/;
const TO_F = /^\s*([+-]?(?:\d+(?:_\d+)*)?(?:\.\d+(?:_\d+)*)?(?:[eE][+-]?\d+)?)/;

/** Ruby `str.to_i`: leading digits (underscores between digits allowed), else 0. */
export function rubyToI(text: string): number {
  const m = TO_I.exec(text);
  return m ? Number(m[1].replace(/_/g, '')) : 0;
}

/** Ruby `str.to_f`: the longest leading float, else 0. */
export function rubyToF(text: string): number {
  const m = TO_F.exec(text);
  if (!m || !/\d/.test(m[1])) return 0;
  // "1e" or "1." are read up to the last valid digit
  const s = m[1].replace(/_/g, '');
  const n = Number(s);
  if (Number.isFinite(n)) return n;
  const safe = /^[+-]?(?:\d+)?(?:\.\d+)?/.exec(s);
  return safe ? Number(safe[0]) || 0 : 0;
}

/**
 * Ruby's strip + split on commas with the blanks around them: trailing empty fields
 * dropped, none for ''.
 * Written without the regexp, whose backtracking is quadratic on long blank runs.
 */
export function rubySplitComma(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const parts = trimmed.split(',').map((p) => p.trim());
  while (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** The number before the first unit of `table` (in its order) found in the text, times that unit. */
export function scaledByUnit(text: string, table: [string, number][]): number | undefined {
  for (const [units, mult] of table) {
    const digits = digitsBeforeUnit(text, units);
    if (digits !== undefined) return Number(digits) * mult;
  }
  return undefined;
}

/**
 * What Ruby's unanchored `/([0-9]+)u/` captures: the run of digits right before the
 * first unit letter that follows a digit (found in one pass — the regexp itself
 * backtracks quadratically on long digit runs).
 */
function digitsBeforeUnit(text: string, units: string): string | undefined {
  for (let j = 1; j < text.length; j++) {
    if (!units.includes(text[j])) continue;
    let i = j;
    while (i > 0 && text.charCodeAt(i - 1) >= 48 && text.charCodeAt(i - 1) <= 57) i--;
    if (i < j) return text.slice(i, j);
  }
  return undefined;
}
