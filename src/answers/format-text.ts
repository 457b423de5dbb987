import { citation, type SourceRef } from "../knowledge/model.js";
import { quoteCredit, type Answer } from "./answer.js";

export function formatSourceLine(source: SourceRef): string {
  return `${source.title}. ${citation(source)}. ${source.url}`;
}

/** An answer as a person reads it in a terminal. */
export function formatAnswerText(answer: Answer): string {
  const lines: string[] = [];
  if (!answer.answer) {
    if (answer.notice) lines.push(answer.notice);
    lines.push(`No confident answer to "${answer.query}": the knowledge base does not seem to cover it.`);
    if (answer.suggestions.length > 0) {
      lines.push("", "Closest entries:");
      for (const suggestion of answer.suggestions) lines.push(`  - ${suggestion.title} [${suggestion.id}]`);
    }
    return lines.join("\n");
  }
  const body = answer.answer;
  lines.push(body.title, "=".repeat(Math.min(body.title.length, 80)), body.text);
  if (body.quote) lines.push("", `  > "${body.quote}"`, `    (${quoteCredit(body)})`);
  lines.push("", body.sources.length > 1 ? "Sources:" : "Source:");
  for (const source of body.sources) lines.push(`  ${formatSourceLine(source)}`);
  if (body.addedByServer) lines.push("  (added by this server's moderators)");
  if (answer.alternative) lines.push("", `Or did you mean: ${answer.alternative.title} [${answer.alternative.id}]`);
  if (answer.related.length > 0) {
    lines.push("", "Related:");
    for (const related of answer.related) lines.push(`  - ${related.title} [${related.id}]`);
  }
  lines.push("", `[${body.id}] confidence ${answer.confidence.toFixed(2)}`);
  return lines.join("\n");
}
