/**
 * Discord's markdown, as far as text echoed back or typed by moderators is concerned. Written
 * without discord.js so that domain code and the console share it.
 */

/** Every character Discord may read as formatting, a link (the colon of `http://`), a mention, a heading or a list. */
const MARKDOWN_CHARACTERS = /[\\*_~`|>#\-[\]()<@:]/g;

/** Text typed by a user, escaped so that Discord shows it exactly as typed, with no formatting or link. */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_CHARACTERS, "\\$&");
}

/**
 * A masked link shows one text and opens another address. Discord's parser lets the text hold
 * brackets of its own (`[[site]](url)`, `[a]b](url)`), so anything from an opening bracket up to
 * `](` counts, however the brackets in between are nested. A `]` followed by whitespace and then
 * `(` is no link in Discord, so `[1] (2005)` passes.
 */
const MASKED_LINK = /\[[\s\S]*?\]\(/;

export function containsMaskedLink(text: string): boolean {
  return MASKED_LINK.test(text);
}
