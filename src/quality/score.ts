import type { Answer } from "../answers/answer.js";

export interface QualityQuestion {
  id: string;
  q: string;
  kind: string;
  expect: { all?: string[][] | undefined; sources?: string[] | undefined; abstain?: boolean | undefined };
}

export interface Outcome {
  id: string;
  kind: string;
  question: string;
  outOfScope: boolean;
  /** Whether the bot gave an answer (right or wrong), and how sure it was. */
  answered: boolean;
  confidence: number;
  ok: boolean;
  reason: string;
}

/** Whether an answer meets a question's expectations, in the terms of eval/README: substrings, sources, abstention. */
export function judge(question: QualityQuestion, answer: Answer): { ok: boolean; reason: string } {
  const { expect } = question;
  if (expect.abstain) {
    return answer.answered
      ? { ok: false, reason: `answered with ${answer.answer?.id} (confidence ${answer.confidence})` }
      : { ok: true, reason: "abstained" };
  }
  if (!answer.answer) return { ok: false, reason: `abstained (confidence ${answer.confidence}); closest: ${answer.suggestions.map((s) => s.id).join(", ")}` };
  const body = answer.answer;
  const haystack = `${body.title}\n${body.text}\n${body.quote}`.toLowerCase();
  const missing = (expect.all ?? []).filter((group) => !group.some((alternative) => haystack.includes(alternative.toLowerCase())));
  if (missing.length > 0) return { ok: false, reason: `${body.id} lacks ${missing.map((group) => group.join("|")).join(", ")}` };
  const cited = body.sources.map((source) => `${source.title} ${source.author} ${source.publisher}`.toLowerCase());
  const wanted = expect.sources ?? [];
  if (wanted.length > 0 && !wanted.some((name) => cited.some((source) => source.includes(name.toLowerCase())))) {
    return { ok: false, reason: `${body.id} cites ${body.sources.map((s) => s.id).join(", ")}, wanted ${wanted.join("|")}` };
  }
  return { ok: true, reason: body.id };
}

export function scoreQuestion(question: QualityQuestion, ask: () => Answer): Outcome {
  const outOfScope = question.expect.abstain === true;
  const base = { id: question.id, kind: question.kind, question: question.q, outOfScope };
  try {
    const answer = ask();
    return { ...base, answered: answer.answered, confidence: answer.confidence, ...judge(question, answer) };
  } catch (error) {
    return { ...base, answered: false, confidence: 0, ok: false, reason: `error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

interface Tally {
  inScope: number;
  correct: number;
  outOfScope: number;
  abstained: number;
  /** Answers given, and how many of them were wrong (an out-of-scope question answered is wrong). */
  answered: number;
  answeredWrong: number;
}

export interface QualityReport extends Tally {
  byKind: Map<string, Tally>;
}

export function summarize(outcomes: Outcome[]): QualityReport {
  const empty = (): Tally => ({ inScope: 0, correct: 0, outOfScope: 0, abstained: 0, answered: 0, answeredWrong: 0 });
  const report: QualityReport = { ...empty(), byKind: new Map() };
  for (const outcome of outcomes) {
    let row = report.byKind.get(outcome.kind);
    if (!row) report.byKind.set(outcome.kind, (row = empty()));
    for (const tally of [report, row]) {
      if (outcome.answered) {
        tally.answered++;
        if (!outcome.ok) tally.answeredWrong++;
      }
      if (outcome.outOfScope) {
        tally.outOfScope++;
        if (outcome.ok) tally.abstained++;
      } else {
        tally.inScope++;
        if (outcome.ok) tally.correct++;
      }
    }
  }
  return report;
}
