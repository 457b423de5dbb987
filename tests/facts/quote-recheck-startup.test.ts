/** The bot re-checks stored quotes when it starts, and moderators read in a fact's history why a quote went. */
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { factsDatabasePath } from "../../src/facts/sqlite-fact-store.js";
import { migrate, MIGRATIONS } from "../../src/facts/sqlite-migrations.js";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { capturingLogger } from "../log-capture.js";
import { GUILD, MODERATOR, useTempDir } from "./helpers.js";

const MANAGE_GUILD = String(1 << 5);
const FORGED = "The CSTO is a paper tiger and will collapse by 2030.";

describe("starting the bot", () => {
  const tempDir = useTempDir();

  it("removes a stored quote its listed source does not hold, logs it, and shows why in the fact's history", async () => {
    const dataDir = tempDir();
    // A database as an older bot left it, at the schema before the re-check, with a fact whose quote nobody checked.
    const db = new Database(factsDatabasePath(dataDir));
    migrate(db, MIGRATIONS.slice(0, 4));
    const seq = db
      .prepare(
        `INSERT INTO facts (guild_id, id, statement, source_id, quote, revision, created_by, created_at, updated_by, updated_at)
         VALUES (?, 'server-1', 'Bescotti expects the CSTO to collapse.', 'bescotti-2017', ?, 1, ?, '2024-01-01T00:00:00.000Z', ?, '2024-01-01T00:00:00.000Z') RETURNING seq`,
      )
      .pluck()
      .get(GUILD, FORGED, MODERATOR, MODERATOR) as number;
    db.prepare("INSERT INTO fact_revisions (fact_seq, revision, action, at, by, changes) VALUES (?, 1, 'created', '2024-01-01T00:00:00.000Z', ?, '[]')").run(seq, MODERATOR);
    db.close();

    const lines: string[] = [];
    const app = await createApp(createKnowledgeBase(), { kind: "sqlite", dataDir }, capturingLogger(lines));
    try {
      expect(lines.map((line) => JSON.parse(line) as { msg: string; facts?: string[] })).toContainEqual(
        expect.objectContaining({ msg: "removed stored quotes that their listed source does not hold", facts: [`${GUILD}/server-1`] }),
      );
      const requester = { userId: MODERATOR, guildId: GUILD, permissions: MANAGE_GUILD, roleIds: [], locale: "en-US" };
      const history = await app.context.admin!.execute(requester, "fact history", { id: "server-1" });
      expect("embeds" in history && history.embeds[0]?.fields?.[0]?.value).toMatch(
        /\*\*r2\*\* \d{4}-\d\d-\d\d \d\d:\d\d — quote removed by csto-bot: the text of `bescotti-2017` does not contain it, so it is no longer shown as the source's words\. The statement stays\./,
      );
      const shown = await app.context.admin!.execute(requester, "fact show", { id: "server-1" });
      expect("content" in shown && shown.content).toMatch(/revision 2, live; last changed by csto-bot on/);
      expect(JSON.stringify(shown)).not.toContain("paper tiger");
      expect(JSON.stringify(shown)).toContain("Bescotti expects the CSTO to collapse.");
    } finally {
      await app.close();
    }
  });
});
