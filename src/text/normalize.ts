const TYPOGRAPHIC_QUOTES: [RegExp, string][] = [
  [/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"'],
  [/[\u2013\u2014\u2212]/g, "-"],
];

/** For checking that a quote occurs in its source: the same text up to whitespace and quote styles. */
export function normalizeQuoteText(text: string): string {
  let result = text.normalize("NFC");
  for (const [pattern, replacement] of TYPOGRAPHIC_QUOTES) result = result.replace(pattern, replacement);
  return result.replace(/\s+/g, " ").trim();
}

const ASCII_ONLY = /^[\x00-\x7F]*$/;

/** Lower case, no diacritics (Cyrillic й and ё kept apart from и and е is not worth it), no punctuation. */
export function foldText(text: string): string {
  // The same result for plain ASCII, without Unicode normalisation: most of the knowledge is ASCII,
  // and folding it all made up a third of the start-up time.
  if (ASCII_ONLY.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Two aliases are the same alias when they fold to the same words. */
export function aliasKey(alias: string): string {
  return foldText(alias);
}

const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ж: "zh", з: "z", и: "i", й: "y", к: "k", л: "l", м: "m",
  н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh",
  щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya", і: "i", ї: "yi", є: "ye", ў: "u",
};

/** Romanises a folded Cyrillic word, so names typed in Russian meet their Latin spelling. */
export function transliterate(word: string): string {
  let result = "";
  for (const char of word) result += CYRILLIC_TO_LATIN[char] ?? char;
  return result;
}

export function isCyrillic(word: string): boolean {
  return /[\u0400-\u04FF]/.test(word);
}
