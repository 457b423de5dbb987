/** What the knowledge knows of a folded word, in each script. */
export interface WordKnowledge {
  /** Whether a Latin word is English: a stop word, or a word (of the English vocabulary, a spelling the lexicon knows). */
  englishWord(word: string): "stop word" | "word" | undefined;
  isRussianStopWord(word: string): boolean;
  /** Whether a Cyrillic word is one the knowledge reads: a word of the Russian lexicon, or an indexed stem. */
  isRussianWord(word: string): boolean;
}

/** Longest first, so that "shch" is not read as "sh" and "ch". */
const LETTER_GROUPS: [string, string][] = [
  ["shch", "щ"], ["sch", "щ"], ["zh", "ж"], ["kh", "х"], ["ch", "ч"], ["sh", "ш"],
  ["yu", "ю"], ["ju", "ю"], ["ya", "я"], ["ja", "я"], ["yo", "е"], ["jo", "е"], ["ye", "е"], ["je", "е"],
];
const LETTERS: Record<string, string> = {
  a: "а", b: "б", v: "в", g: "г", d: "д", e: "е", z: "з", i: "и", j: "и", k: "к", l: "л", m: "м",
  n: "н", o: "о", p: "п", r: "р", s: "с", t: "т", u: "у", f: "ф", h: "х", c: "ц", q: "к", x: "кс",
};
const VOWELS = new Set("aeiouy");
const CYRILLIC_CONSONANTS = /[бвгджзклмнпрстфхцчшщ]/;

/** The plain reading of a Latin word as Russian; "y" is "ы" after a consonant and "й" (folded to "и") after a vowel. */
function plainReading(word: string): string {
  let result = "";
  for (let i = 0; i < word.length; ) {
    const group = LETTER_GROUPS.find(([latin]) => word.startsWith(latin, i));
    if (group) {
      result += group[1];
      i += group[0].length;
      continue;
    }
    const letter = word[i]!;
    result += letter === "y" ? (i > 0 && VOWELS.has(word[i - 1]!) ? "и" : "ы") : (LETTERS[letter] ?? letter);
    i++;
  }
  return result;
}

/**
 * The ways a Latin word may be Russian, likeliest first: as spelt; with "э" for an opening "e"
 * ("eto"); and with one soft sign that chat spelling leaves out ("skolko", "generalnyj").
 */
function* readings(word: string): Generator<string> {
  const plain = plainReading(word);
  const openings = plain.startsWith("е") ? [plain, `э${plain.slice(1)}`] : [plain];
  yield* openings;
  for (const reading of openings) {
    for (let i = 1; i <= reading.length; i++) {
      if (CYRILLIC_CONSONANTS.test(reading[i - 1]!)) yield `${reading.slice(0, i)}ь${reading.slice(i)}`;
    }
  }
}

const LATIN_WORD = /[A-Za-z]+/g;

/**
 * A question in Russian typed in Latin letters ("kogda byla osnovana odkb") with its Russian words
 * in Cyrillic, so that it is read as the Russian question it is; any other text as it is.
 *
 * A text is taken for Russian when it has a Russian stop word that is no English word ("kto", "v",
 * "chto"), at least two Russian words in all, and more of them than English words other than stop
 * words: an English question with a stray word or a Russian name is left alone.
 */
export function withRussianInCyrillic(text: string, knowledge: WordKnowledge): string {
  const words = [...new Set((text.match(LATIN_WORD) ?? []).map((word) => word.toLowerCase()))];
  const cyrillic = new Map<string, string>();
  const notEnglish: string[] = [];
  let russianStopWords = 0;
  let english = 0;
  for (const word of words) {
    const englishKind = knowledge.englishWord(word);
    if (englishKind === "stop word") continue;
    const stopWord = firstReading(word, (reading) => knowledge.isRussianStopWord(reading));
    // Words of both ("na", "tak", "im") prove neither, but are Russian in a Russian question.
    if (stopWord) cyrillic.set(word, stopWord);
    if (englishKind === "word") {
      if (!stopWord) english++;
    } else if (stopWord) russianStopWords++;
    else notEnglish.push(word);
  }
  // Most questions stop here, before any word is stemmed.
  if (russianStopWords === 0) return text;
  let russian = russianStopWords;
  for (const word of notEnglish) {
    const reading = firstReading(word, (spelling) => knowledge.isRussianWord(spelling));
    if (!reading) continue;
    cyrillic.set(word, reading);
    russian++;
  }
  if (russian < 2 || russian <= english) return text;
  return text.replace(LATIN_WORD, (word) => cyrillic.get(word.toLowerCase()) ?? word);
}

function firstReading(word: string, accepts: (reading: string) => boolean): string | undefined {
  for (const reading of readings(word)) if (accepts(reading)) return reading;
  return undefined;
}
