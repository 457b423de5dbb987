import { foldText } from "../text/normalize.js";

/**
 * Share of their distinct words two statements must have in common to count as the same fact:
 * high enough that rewording one clause makes a new fact, low enough that a changed article or
 * added "CSTO" does not.
 */
export const SAME_STATEMENT = 0.8;

function wordsOf(text: string): Set<string> {
  return new Set(foldText(text).split(" ").filter(Boolean));
}

/** Whether two statements say the same thing in (nearly) the same words, whatever their case and punctuation. */
export function sameStatement(a: string, b: string): boolean {
  const left = wordsOf(a);
  const right = wordsOf(b);
  if (left.size === 0 || right.size === 0) return false;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / (left.size + right.size - shared) >= SAME_STATEMENT;
}
