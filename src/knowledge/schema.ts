import { z } from "zod";

/** Lower-case words joined by hyphens: stable, readable, safe in Discord custom ids. */
export const EntryId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lower-case words joined by hyphens")
  .max(80);

/** A calendar date as precise as the source allows: 2002, 2002-10 or 2002-10-07. */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/, "use YYYY, YYYY-MM or YYYY-MM-DD");

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

export const SourceKind = z.enum(["news", "analysis", "opinion"]);

export const Source = z.strictObject({
  id: EntryId,
  title: text(256),
  author: text(200),
  publisher: text(200),
  date: text(100),
  dateNote: text(400).optional().describe("Why the date given is not the one the document carries, or what it rests on"),
  url: z.url({ protocol: /^https?$/ }),
  kind: SourceKind.describe("opinion: the author argues a view, so every claim taken from it is attributed"),
  attribution: text(80)
    .optional()
    .describe("How answers name the author, e.g. 'Ambassador Yakovenko'; required for opinion pieces"),
  textFile: z
    .string()
    .regex(/^[a-z0-9.-]+$/)
    .describe("File under knowledge/sources/ holding the text that quotes are checked against"),
});
export type Source = z.infer<typeof Source>;

export const SourcesFile = z.strictObject({
  $schema: z.string().optional(),
  sources: z.array(Source).min(1),
});

export const Quote = z.strictObject({
  source: EntryId,
  text: text(400).describe("Verbatim from the source's text (whitespace and typographic quotes may differ)"),
});
export type Quote = z.infer<typeof Quote>;

const phrase = text(200);

/** Fields every kind of entry shares: how it is found, and what it cites. */
const entryBase = {
  id: EntryId,
  title: text(200),
  keywords: z.array(phrase).default([]).describe("Search terms; may repeat across entries"),
  aliases: z
    .array(phrase)
    .default([])
    .describe("Names that route straight to this entry (a person, an operation, a country); unique across all entries"),
  tags: z.array(EntryId).default([]),
  sources: z.array(EntryId).min(1),
  quotes: z.array(Quote).min(1).max(4),
  date: PartialDate.optional().describe("When the fact happened, for the timeline"),
  related: z.array(EntryId).default([]),
};

export const QaEntry = z.strictObject({
  ...entryBase,
  kind: z.literal("qa"),
  question: phrase,
  phrasings: z.array(phrase).default([]),
  answer: text(1500),
  sides: z
    .array(EntryId)
    .default([])
    .describe("For an entry that shows where documents disagree: the entries that each give one side, answered with this entry instead"),
});

export const FactEntry = z.strictObject({
  ...entryBase,
  kind: z.literal("fact"),
  statement: text(1000),
});

export const CountryStatus = z.enum([
  "member",
  "member-participation-frozen",
  "former-member",
  "former-treaty-party",
  "observer",
  "non-member",
]);
export type CountryStatus = z.infer<typeof CountryStatus>;

export const MembershipEventType = z.enum([
  "signed",
  "joined",
  "left",
  "suspended",
  "rejoined",
  "observer",
  "froze",
  "other",
]);

export const MembershipEvent = z.strictObject({
  date: PartialDate,
  type: MembershipEventType,
  text: text(400),
  sources: z.array(EntryId).min(1),
  entry: EntryId.optional().describe(
    "The dated entry that tells this same event, if one does: the timeline shows the entry once, naming every state whose record links it",
  ),
});
export type MembershipEvent = z.infer<typeof MembershipEvent>;

export const CountryEntry = z.strictObject({
  ...entryBase,
  kind: z.literal("country"),
  name: text(80),
  status: CountryStatus,
  statusAsOf: PartialDate,
  summary: text(1500),
  events: z.array(MembershipEvent).default([]),
});

export const Entry = z.discriminatedUnion("kind", [QaEntry, FactEntry, CountryEntry]);
export type Entry = z.infer<typeof Entry>;
export type CountryEntry = z.infer<typeof CountryEntry>;

export const EntriesFile = z.strictObject({
  $schema: z.string().optional(),
  entries: z.array(Entry),
});

const folded = z.string().trim().min(1).max(80);

export const LexiconFile = z.strictObject({
  $schema: z.string().optional(),
  phrases: z
    .record(folded, z.string().regex(/^[a-z0-9]+$/))
    .describe("A phrase of several words -> the one token that stands for it, e.g. 'united nations' -> 'un'"),
  variants: z
    .record(folded, folded)
    .describe("A spelling or transliteration -> the word it means, e.g. 'belorussia' -> 'belarus'"),
  russian: z
    .record(folded, folded)
    .describe("The start of a Russian word (its stem) -> its English meaning, e.g. 'расширен' -> 'enlargement'"),
  people: z.array(folded).default([]).describe("Surnames of people the knowledge names: what a 'who' question is answered with"),
  places: z.array(folded).default([]).describe("Cities and regions (countries come from their records): what a 'where' question is answered with"),
  countries: z
    .array(folded)
    .default([])
    .describe("Countries with no record of their own: still names, so a question about one ('what language do they speak in Brazil') is about it"),
  organisations: z.array(folded).default([]).describe("Organisations other than the CSTO, which can also answer 'who'"),
  seats: z
    .record(folded, folded)
    .default({})
    .describe("A capital or seat of power -> the country it stands for in a question ('how did Moscow react'), e.g. 'yerevan' -> 'armenia'"),
  countedAlike: z
    .array(z.array(folded).min(2))
    .default([])
    .describe("Words that count the same thing: 'how many soldiers' is answered by '2,030 troops'"),
});
export type LexiconFile = z.infer<typeof LexiconFile>;
