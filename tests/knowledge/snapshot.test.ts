import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_KNOWLEDGE_DIR } from "../../src/knowledge/files.js";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { KnowledgeInvalidError } from "../../src/knowledge/load.js";
import { readKnowledgeSnapshot, writeKnowledgeSnapshot } from "../../src/knowledge/snapshot.js";
import { PROJECT_ROOT } from "../../src/project-root.js";

const work = mkdtempSync(join(tmpdir(), "csto-snapshot-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const questions = ["eval/dev.jsonl", "eval/holdout.jsonl"].flatMap((file) =>
  readFileSync(join(PROJECT_ROOT, file), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { q: string }).q),
);

/** A copy of the shipped knowledge that a test may change. */
function knowledgeCopy(name: string): string {
  const dir = join(work, name);
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  return dir;
}

describe("the knowledge snapshot", () => {
  it("answers every question, completes every word start and checks every quote as the knowledge loaded afresh does", () => {
    const path = join(work, "shipped.json");
    writeKnowledgeSnapshot(path);
    const snapshot = readKnowledgeSnapshot(path);
    expect(snapshot).toBeDefined();
    const fromSnapshot = createKnowledgeBase(snapshot!.knowledge, snapshot!.model, snapshot!.precomputed);
    const afresh = createKnowledgeBase();

    expect(questions.length).toBeGreaterThan(200);
    for (const question of [...questions, "Who are the members?", "бескотти", "naot", "member armenia"]) {
      expect(fromSnapshot.answers.ask(question), question).toEqual(afresh.answers.ask(question));
    }
    for (const typed of ["arm", "when was the tr", "colle", "uzbekistan susp"]) {
      expect(fromSnapshot.engine.autocomplete(typed), typed).toEqual(afresh.engine.autocomplete(typed));
    }
    expect(fromSnapshot.knowledge.entries).toEqual(afresh.knowledge.entries);
    expect(fromSnapshot.knowledge.sourceRefs).toEqual(afresh.knowledge.sourceRefs);
    const quote = afresh.knowledge.entries.find((entry) => entry.quotes.length > 0)!.quotes[0]!;
    expect(fromSnapshot.knowledge.quoteOccurs(quote.source.id, quote.text)).toBe(true);
    expect(fromSnapshot.knowledge.quoteOccurs(quote.source.id, `${quote.text} and words no source has`)).toBe(false);
  });

  it("holds one copy of each source's details, however many entries cite it", () => {
    const path = join(work, "shared-sources.json");
    writeKnowledgeSnapshot(path);
    const { entries } = readKnowledgeSnapshot(path)!.knowledge;
    const cited = entries.flatMap((entry) => [...entry.sources, ...entry.quotes.map((quote) => quote.source)]);
    const copiesById = new Map<string, Set<object>>();
    for (const ref of cited) copiesById.set(ref.id, (copiesById.get(ref.id) ?? new Set()).add(ref));
    expect(cited.length).toBeGreaterThan(copiesById.size * 10);
    for (const [id, copies] of copiesById) expect(copies.size, id).toBe(1);
  });

  it.each(["sources/edm-2005.txt", "answer-model.json"])("is not read once a knowledge file (%s) changed after it was taken", (file) => {
    const dir = knowledgeCopy(`edited-${file.replace(/\W/g, "-")}`);
    const path = join(dir, "snapshot.json");
    writeKnowledgeSnapshot(path, dir);
    expect(readKnowledgeSnapshot(path, dir)).toBeDefined();
    appendFileSync(join(dir, file), "\n");
    expect(readKnowledgeSnapshot(path, dir)).toBeUndefined();
  });

  it("is not read when it is missing or damaged", () => {
    const path = join(work, "damaged.json");
    expect(readKnowledgeSnapshot(path)).toBeUndefined();
    writeKnowledgeSnapshot(path);
    writeFileSync(path, readFileSync(path, "utf8").slice(0, 1000));
    expect(readKnowledgeSnapshot(path)).toBeUndefined();
  });

  it("is not written of knowledge that is not valid, and an older one is removed", () => {
    const dir = knowledgeCopy("invalid");
    const path = join(work, "invalid.json");
    writeKnowledgeSnapshot(path, dir);
    writeFileSync(join(dir, "entries", "broken.json"), JSON.stringify({ entries: [{ id: "broken", kind: "fact" }] }));
    expect(() => writeKnowledgeSnapshot(path, dir)).toThrow(KnowledgeInvalidError);
    expect(existsSync(path)).toBe(false);
  });

  it("that the build wrote is of the knowledge as it is now, so the compiled bot starts from it", () => {
    // The test setup builds dist/ (scripts/ensure-build.mjs), which snapshots knowledge/ as well.
    expect(readKnowledgeSnapshot(join(PROJECT_ROOT, "dist", "knowledge.snapshot"))).toBeDefined();
  });
});
