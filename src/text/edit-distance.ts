/**
 * Optimal-string-alignment distance (a transposition counts as one edit), giving up once the
 * distance must exceed `limit`: typo lookups only care about one or two edits.
 */
export function damerauLevenshtein(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (limit <= 1 && !startsCloseEnough(a, b)) return limit + 1;
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, previousPrevious[j - 2]! + 1);
      }
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    previousPrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Whether two words can be at most one edit apart judging by their first two letters alone: with
 * the one edit elsewhere the first letters match, and an edit at the start (a letter changed,
 * added, dropped or swapped) leaves one of the other three pairs equal. Most pairs of words fail
 * this, which spares the table that typo lookups over a whole lexicon would otherwise fill.
 */
function startsCloseEnough(a: string, b: string): boolean {
  if (a.length < 2 || b.length < 2) return true;
  return a[0] === b[0] || a[0] === b[1] || a[1] === b[0] || a[1] === b[1];
}
