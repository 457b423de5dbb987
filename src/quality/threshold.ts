/** One question asked with no threshold: the confidence of its answer (-1 for none) and whether that answer was right. */
export interface Judged {
  id: string;
  confidence: number;
  /** For an in-scope question, the answer was right; for an out-of-scope one, it was refused. */
  right: boolean;
  outOfScope: boolean;
  /** The entry it would be answered with, and what that entry lacks (see judge). */
  verdict: string;
}

/** How a judged question fares at a threshold. */
export type Fate = "right" | "wrong" | "refused";

/** A question with no answer at all (-1) is refused at any threshold. */
const isAnsweredAt = (question: Judged, threshold: number) => question.confidence >= threshold && question.confidence >= 0;

export function fateAt(question: Judged, threshold: number): Fate {
  if (!isAnsweredAt(question, threshold)) return question.outOfScope ? "right" : "refused";
  return !question.outOfScope && question.right ? "right" : "wrong";
}

export interface ThresholdChoice {
  threshold: number;
  right: number;
  inScope: number;
  wrong: number;
  answered: number;
}

/** What a threshold does to a set of judged questions. */
export function atThreshold(judged: Judged[], threshold: number): ThresholdChoice {
  let right = 0;
  let wrong = 0;
  let answered = 0;
  for (const question of judged) {
    if (!isAnsweredAt(question, threshold)) continue;
    answered++;
    if (fateAt(question, threshold) === "right") right++;
    else wrong++;
  }
  return { threshold, right, inScope: judged.filter((question) => !question.outOfScope).length, wrong, answered };
}

/**
 * The threshold that answers the most in-scope questions right while at most `maxWrongShare` of
 * the answers it gives are wrong. Where a range of thresholds does equally well, the middle of the
 * highest such range, away from both edges. Answering nothing always qualifies.
 */
export function chooseThreshold(judged: Judged[], maxWrongShare: number): ThresholdChoice {
  const steps = Array.from({ length: 100 }, (_, i) => atThreshold(judged, (i + 1) / 100));
  const value = (choice: ThresholdChoice) => (choice.wrong <= maxWrongShare * choice.answered ? choice.right : -1);
  const best = Math.max(...steps.map(value));
  let top = steps.length - 1;
  while (value(steps[top]!) !== best) top--;
  let bottom = top;
  while (bottom > 0 && value(steps[bottom - 1]!) === best) bottom--;
  return steps[Math.floor((bottom + top) / 2)]!;
}
