import type { Outcome } from "./score.js";

export interface CalibrationRow {
  label: string;
  answers: number;
  right: number;
}

const BUCKETS = [0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 1.01];

/** Answers given, grouped by confidence, with the share that was right: a calibrated bot is right 0.9 of the time at 0.9. */
export function calibration(outcomes: Outcome[]): CalibrationRow[] {
  const answered = outcomes.filter((outcome) => outcome.answered);
  let lower = 0;
  return BUCKETS.map((upper) => {
    const inBucket = answered.filter((outcome) => outcome.confidence >= lower && outcome.confidence < upper);
    const row = { label: `${lower.toFixed(2)}–${Math.min(upper, 1).toFixed(2)}`, answers: inBucket.length, right: inBucket.filter((outcome) => outcome.ok).length };
    lower = upper;
    return row;
  });
}
