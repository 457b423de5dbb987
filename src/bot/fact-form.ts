import { FACT_LIMITS } from "../facts/fact-input.js";
import type { ServerFact } from "../facts/fact-store.js";
import type { Modal } from "./reply.js";

/**
 * The form's examples: a listed source by name alone, or a title of one's own with the link
 * members can read it at (a title alone is refused, so the example never shows one).
 */
export const SOURCE_EXAMPLE = "bescotti (a listed source), or a title of your own: Week 3 lecture notes";
export const LINK_EXAMPLE = "https://example.org/week-3-notes 2024-03 (the date is optional: YYYY-MM-DD, YYYY-MM or YYYY)";

/** Labels of the form's fields, as moderators see them in error messages. */
export const FIELD_LABELS: Record<string, string> = {
  statement: "Statement",
  question: "Question or keywords",
  sourceId: "Source",
  sourceTitle: "Source",
  sourceUrl: "Source URL",
  sourceDate: "Publication date",
  quote: "Supporting quote",
};

/** Room for a link, a space and the longest date, YYYY-MM-DD. */
const LINK_AND_DATE_LENGTH = FACT_LIMITS.sourceUrl + " YYYY-MM-DD".length;

/**
 * The form's link field holds the link and, after a space, the publication date of the source
 * ("https://example.org/notes 2024-03"). A web address holds no unencoded space, so the split is not ambiguous.
 * A date typed alone is the date, so it can be refused with a listed source rather than read as a link.
 */
export function splitLinkAndDate(text: string): { url: string; date: string } {
  const trimmed = text.trim();
  if (/^\d/.test(trimmed)) return { url: "", date: trimmed };
  const match = /^(\S*)[\s,]*(.*)$/s.exec(trimmed)!;
  return { url: match[1]!.replace(/,$/, ""), date: match[2]!.trim() };
}

/** The form's text for an existing fact, to pre-fill an edit. */
export function fieldsOf(fact: ServerFact): Record<string, string> {
  return {
    statement: fact.statement,
    question: fact.question ?? "",
    source: "sourceId" in fact && fact.sourceId !== undefined ? fact.sourceId : fact.sourceTitle,
    url: fact.sourceUrl !== undefined ? [fact.sourceUrl, fact.sourceDate].filter(Boolean).join(" ") : "",
    quote: fact.quote ?? "",
  };
}

/** The fact form: the same five inputs to add, edit or suggest a fact. */
export function factForm(customId: string, title: string, values: Record<string, string> = {}): Modal {
  return {
    customId,
    title,
    fields: [
      { id: "statement", label: "Statement", style: "paragraph", required: true, maxLength: FACT_LIMITS.statement, value: values.statement },
      { id: "question", label: "Question or keywords it answers", style: "short", required: false, maxLength: FACT_LIMITS.question, value: values.question },
      { id: "source", label: "Source: a listed one, or a title of your own", style: "short", required: true, maxLength: FACT_LIMITS.sourceTitle, value: values.source, placeholder: SOURCE_EXAMPLE },
      // Discord allows five inputs, all taken: the date of one's own source goes after its link, which it belongs to.
      { id: "url", label: "Link and date, with a title of your own", style: "short", required: false, maxLength: LINK_AND_DATE_LENGTH, value: values.url, placeholder: LINK_EXAMPLE },
      { id: "quote", label: "Supporting quote", style: "paragraph", required: false, maxLength: FACT_LIMITS.quote, value: values.quote },
    ],
  };
}
