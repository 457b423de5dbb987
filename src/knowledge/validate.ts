import type { z } from "zod";
import { EntriesFile, SourcesFile, type Entry, type Source } from "./schema.js";
import { aliasKey, normalizeQuoteText } from "../text/normalize.js";

/** Raw files as read from disk, so validation can run on fixtures without touching it. */
export interface KnowledgeFiles {
  sourcesFile: { name: string; json: unknown };
  entryFiles: { name: string; json: unknown }[];
  /** Source text by file name (the `textFile` of a source). */
  sourceTexts: Map<string, string>;
}

export interface Problem {
  file: string;
  entryId?: string;
  field?: string;
  message: string;
}

export interface ValidKnowledge {
  sources: Source[];
  entries: Entry[];
  /** Which file each entry came from, for error messages. */
  entryFile: Map<string, string>;
}

export function formatProblem(problem: Problem): string {
  const where = [problem.file, problem.entryId, problem.field].filter(Boolean).join(" › ");
  return `${where}: ${problem.message}`;
}

/** The word of an attribution that an attributed text must contain: "Ambassador Yakovenko" -> "Yakovenko". */
function surnameOf(attribution: string): string {
  return attribution.split(" ").at(-1) ?? attribution;
}

function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.map((part) => (typeof part === "number" ? `[${part}]` : String(part))).join(".");
}

/** The id of the entry a schema issue points into, when the raw JSON still has one. */
function entryIdAt(json: unknown, index: unknown): string | undefined {
  if (typeof index !== "number" || typeof json !== "object" || json === null) return undefined;
  const entries = (json as { entries?: unknown }).entries;
  const entry = Array.isArray(entries) ? entries[index] : undefined;
  const id = typeof entry === "object" && entry !== null ? (entry as { id?: unknown }).id : undefined;
  return typeof id === "string" ? id : `entries[${index}]`;
}

/**
 * Why a record's event may not name this entry as the one telling it, if it may not: the timeline
 * shows the two as one line at the entry's date, so that date must be the event's, perhaps more
 * or less precise.
 */
function eventEntryProblem(eventDate: string, entry: Entry | undefined): string | undefined {
  if (!entry) return "is not an entry";
  if (entry.kind === "country") return "is a country record, not an entry telling one event";
  if (!entry.date) return "has no date, so it is not on the timeline";
  if (!entry.date.startsWith(eventDate) && !eventDate.startsWith(entry.date)) return `is dated ${entry.date}, not ${eventDate}`;
  return undefined;
}

export function validateKnowledge(files: KnowledgeFiles): { knowledge?: ValidKnowledge; problems: Problem[] } {
  const problems: Problem[] = [];

  const parsedSources = SourcesFile.safeParse(files.sourcesFile.json);
  if (!parsedSources.success) {
    for (const issue of parsedSources.error.issues) {
      problems.push({ file: files.sourcesFile.name, field: issuePath(issue), message: issue.message });
    }
    return { problems };
  }
  const sources = parsedSources.data.sources;
  const sourceById = new Map<string, Source>();
  for (const source of sources) {
    if (sourceById.has(source.id)) {
      problems.push({ file: files.sourcesFile.name, entryId: source.id, field: "id", message: "duplicate source id" });
    }
    sourceById.set(source.id, source);
    if (!files.sourceTexts.has(source.textFile)) {
      problems.push({ file: files.sourcesFile.name, entryId: source.id, field: "textFile", message: `no text file ${source.textFile}` });
    }
    if (source.kind !== "news" && !source.attribution) {
      problems.push({ file: files.sourcesFile.name, entryId: source.id, field: "attribution", message: `a ${source.kind} source needs an attribution name` });
    }
  }
  const normalizedTexts = new Map([...files.sourceTexts].map(([name, body]) => [name, normalizeQuoteText(body)]));

  const entries: Entry[] = [];
  const entryFile = new Map<string, string>();
  for (const file of files.entryFiles) {
    const parsed = EntriesFile.safeParse(file.json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [, index, ...rest] = issue.path;
        problems.push({
          file: file.name,
          entryId: entryIdAt(file.json, index),
          field: rest.map((part) => (typeof part === "number" ? `[${part}]` : String(part))).join(".") || undefined,
          message: issue.message,
        });
      }
      continue;
    }
    for (const entry of parsed.data.entries) {
      if (entryFile.has(entry.id)) {
        problems.push({ file: file.name, entryId: entry.id, field: "id", message: `duplicate id, also in ${entryFile.get(entry.id)}` });
        continue;
      }
      entryFile.set(entry.id, file.name);
      entries.push(entry);
    }
  }

  const aliasOwner = new Map<string, string>();
  for (const entry of entries) {
    const file = entryFile.get(entry.id) ?? "?";
    const report = (field: string, message: string) => problems.push({ file, entryId: entry.id, field, message });

    const names = entry.kind === "country" ? [entry.name, ...entry.aliases] : entry.aliases;
    for (const alias of names) {
      const key = aliasKey(alias);
      const owner = aliasOwner.get(key);
      if (owner && owner !== entry.id) report("aliases", `alias "${alias}" is already claimed by ${owner}`);
      else aliasOwner.set(key, entry.id);
    }

    entry.sources.forEach((sourceId, i) => {
      if (!sourceById.has(sourceId)) report(`sources[${i}]`, `unknown source "${sourceId}"`);
    });
    entry.quotes.forEach((quote, i) => {
      const source = sourceById.get(quote.source);
      if (!source) {
        report(`quotes[${i}].source`, `unknown source "${quote.source}"`);
        return;
      }
      if (!entry.sources.includes(quote.source)) report(`quotes[${i}].source`, `"${quote.source}" is not among the entry's sources`);
      const body = normalizedTexts.get(source.textFile);
      if (body !== undefined && !body.includes(normalizeQuoteText(quote.text))) {
        report(`quotes[${i}].text`, `quote does not occur in ${source.textFile}`);
      }
    });
    if (entry.kind === "country") {
      entry.events.forEach((event, i) =>
        event.sources.forEach((sourceId, j) => {
          if (!sourceById.has(sourceId)) report(`events[${i}].sources[${j}]`, `unknown source "${sourceId}"`);
        }),
      );
    }
    const body = entry.kind === "qa" ? entry.answer : entry.kind === "fact" ? entry.statement : entry.summary;
    const cited = entry.sources.map((sourceId) => sourceById.get(sourceId)).filter((source) => source !== undefined);
    const views = cited.flatMap((source) => (source.kind !== "news" && source.attribution ? [{ source, surname: surnameOf(source.attribution) }] : []));
    for (const { source, surname } of views) {
      if (!body.includes(surname)) {
        report(entry.kind === "qa" ? "answer" : entry.kind === "fact" ? "statement" : "summary", `cites the ${source.kind} piece ${source.id}, so the text must attribute it to ${source.attribution}`);
      }
    }
    // An entry that rests on authors' views alone is one of those views, so its title says whose it is too.
    // Country records and entries that set a view beside the news are about their subject, and their text attributes.
    if (entry.kind !== "country" && views.length > 0 && views.length === cited.length) {
      for (const { source, surname } of views) {
        if (!entry.title.includes(surname)) {
          report("title", `rests only on opinion or analysis pieces, so the title must name its author, ${surname} (${source.id})`);
        }
      }
    }
  }
  const entryById = new Map(entries.map((entry) => [entry.id, entry]));
  for (const entry of entries) {
    if (entry.kind === "country") {
      entry.events.forEach((event, i) => {
        const problem = event.entry === undefined ? undefined : eventEntryProblem(event.date, entryById.get(event.entry));
        if (problem) problems.push({ file: entryFile.get(entry.id) ?? "?", entryId: entry.id, field: `events[${i}].entry`, message: `"${event.entry}" ${problem}` });
      });
    }
    const links: [string, string[]][] = [["related", entry.related], ["sides", entry.kind === "qa" ? entry.sides : []]];
    for (const [field, ids] of links) {
      ids.forEach((linkedId, i) => {
        if (!entryFile.has(linkedId)) {
          problems.push({ file: entryFile.get(entry.id) ?? "?", entryId: entry.id, field: `${field}[${i}]`, message: `unknown entry "${linkedId}"` });
        }
      });
    }
  }

  return problems.length > 0 ? { problems } : { knowledge: { sources, entries, entryFile }, problems };
}
