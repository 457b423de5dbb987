import type { Source } from "../knowledge/schema.js";
import { foldText } from "../text/normalize.js";
import { yearsIn } from "./generate.js";
import { CHOICES_PER_QUESTION, rightChoice, type QuizQuestion } from "./question.js";

const foldedWords = (text: string) => ` ${foldText(text)} `;
const mentions = (text: string, name: string) => foldedWords(text).includes(` ${foldText(name)} `);

/**
 * What is wrong with a generated question, as sentences; empty when it is fair: four distinct
 * choices, exactly one of them right, a quote that backs the right one, and a prompt that does not
 * give it away.
 */
export function questionProblems(question: QuizQuestion, sources: readonly Source[]): string[] {
  const problems: string[] = [];
  const { choices, quote } = question;
  if (choices.length !== CHOICES_PER_QUESTION) problems.push(`has ${choices.length} choices instead of ${CHOICES_PER_QUESTION}`);
  if (new Set(choices.map(foldText)).size !== choices.length) problems.push("has two choices that read the same");
  if (!Number.isInteger(question.answer) || question.answer < 0 || question.answer >= choices.length) return [...problems, "has no right choice"];
  if (quote.text.trim() === "") problems.push("has no supporting quote");
  const right = rightChoice(question);
  const wrong = choices.filter((_, i) => i !== question.answer);
  switch (question.kind) {
    case "event-year":
    case "claim-year": {
      if (!quote.text.includes(right) && !quote.source.date.includes(right)) problems.push(`cites a quote that does not back ${right}`);
      const quoted = yearsIn(quote.text);
      for (const year of wrong) if (quoted.includes(year)) problems.push(`offers ${year}, which the quote also names, as a wrong answer`);
      if (question.prompt.includes(right)) problems.push("names the right year in its prompt");
      break;
    }
    case "status": {
      const names = question.answerNames ?? [right];
      if (!names.some((name) => mentions(quote.text, name) || mentions(quote.source.title, name))) problems.push(`cites a quote that does not mention ${right}`);
      if (mentions(question.prompt, right)) problems.push("names the right state in its prompt");
      break;
    }
    case "quote-author": {
      const author = sources.find((source) => source.id === quote.source.id)?.attribution;
      if (author !== right) problems.push(`gives ${right} as the author of a quote from ${quote.source.id}`);
      for (const name of choices) if (mentions(question.prompt, name.split(" ").at(-1)!)) problems.push(`names ${name} in its prompt`);
      break;
    }
  }
  return problems;
}
