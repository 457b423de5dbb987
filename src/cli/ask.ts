import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import type { Answer } from "../answers/answer.js";
import { formatAnswerText } from "../answers/format-text.js";
import { isUserFacingError } from "../errors.js";
import { MAX_QUESTION_LENGTH } from "../text/clean-input.js";
import { loadKnowledgeBase } from "../knowledge/snapshot.js";

const USAGE = `Usage:
  npm run ask -- "member armenia"            an answer to read
  npm run --silent ask -- --json "question"  one JSON object
  npm run --silent ask -- --jsonl < file     one JSON object per input line`;

const { values, positionals } = parseArgs({
  options: { json: { type: "boolean" }, jsonl: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  allowPositionals: true,
});

/** The machine-readable shape other tools rely on (see README): keep it stable. */
function toJson(answer: Answer) {
  return {
    query: answer.query,
    answered: answer.answered,
    outcome: answer.outcome,
    confidence: answer.confidence,
    answer: answer.answer && {
      id: answer.answer.id,
      kind: answer.answer.kind,
      title: answer.answer.title,
      text: answer.answer.text,
      quote: answer.answer.quote,
      sources: answer.answer.sources,
    },
    ...(answer.notice ? { notice: answer.notice } : {}),
    ...(answer.alternative ? { alternative: answer.alternative } : {}),
    suggestions: answer.suggestions,
    related: answer.related,
  };
}

/** The same keys as an answer, plus the error; a long input is echoed only up to the longest question accepted. */
function errorJson(query: string, error: unknown) {
  const message = isUserFacingError(error) ? error.message : "internal error";
  const echoed = query.length > MAX_QUESTION_LENGTH ? `${query.slice(0, MAX_QUESTION_LENGTH)}…` : query;
  return { query: echoed, answered: false, outcome: "error", confidence: 0, answer: null, suggestions: [], related: [], error: message };
}

const { answers } = loadKnowledgeBase();

if (values.help || (!values.jsonl && positionals.length === 0)) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

if (values.jsonl) {
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    let result: object;
    try {
      result = toJson(answers.ask(line));
    } catch (error) {
      result = errorJson(line, error);
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
} else {
  const question = positionals.join(" ");
  try {
    const answer = answers.ask(question);
    console.log(values.json ? JSON.stringify(toJson(answer)) : formatAnswerText(answer));
  } catch (error) {
    if (!isUserFacingError(error)) throw error;
    if (values.json) console.log(JSON.stringify(errorJson(question, error)));
    else console.error(error.message);
    process.exitCode = 1;
  }
}
