/** One question asked with no threshold: the confidence of its answer (-1 for none) and whether that answer was right. */
export interface Judged {
  confidence: number;
  /** For an in-scope question, the answer was right; for an out-of-scope one, it was refused. */
  right: boolean;
  outOfScope: boolean;
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
    if (question.confidence < threshold || question.confidence < 0) continue;
    answered++;
    const isRight = !question.outOfScope && question.right;
    if (isRight) right++;
    else wrong++;
  }
  return { threshold, right, inScope: judged.filter((question) => !question.outOfScope).length, wrong, answered };
}

/**
 * The threshold that does best when a wrong answer costs `wrongCost` right ones: with a cost of 9,
 * an answer is worth giving only when it is right at least nine times in ten. Ties go to the
 * higher threshold, the more careful one.
 */
export function chooseThreshold(judged: Judged[], wrongCost: number): ThresholdChoice {
  let best = atThreshold(judged, 1);
  for (let step = 99; step >= 1; step--) {
    const choice = atThreshold(judged, step / 100);
    if (choice.right - wrongCost * choice.wrong > best.right - wrongCost * best.wrong) best = choice;
  }
  return best;
}
