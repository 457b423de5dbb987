import type Database from "better-sqlite3";
import { StartupError } from "../errors.js";
import { QUOTE_RECHECK_MIGRATION } from "./fact-tables.js";

/**
 * The database schema, one step per version: migration i brings a database from version i to i + 1
 * (recorded in PRAGMA user_version). Never edit a released step; append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE facts (
    seq          INTEGER PRIMARY KEY,
    guild_id     TEXT NOT NULL,
    id           TEXT NOT NULL,
    statement    TEXT NOT NULL,
    question     TEXT,
    source_id    TEXT,
    source_title TEXT,
    source_url   TEXT,
    quote        TEXT,
    revision     INTEGER NOT NULL CHECK (revision >= 1),
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT,
    deleted_by   TEXT,
    suggested_by TEXT,
    UNIQUE (guild_id, id),
    -- A fact cites a listed source, or a title and link of its own.
    CHECK ((source_id IS NULL) = (source_title IS NOT NULL AND source_url IS NOT NULL)),
    CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
  );
  CREATE INDEX facts_by_guild ON facts (guild_id, seq);

  CREATE TABLE fact_revisions (
    fact_seq INTEGER NOT NULL REFERENCES facts (seq),
    revision INTEGER NOT NULL,
    action   TEXT NOT NULL CHECK (action IN ('created', 'edited', 'removed', 'restored', 'imported')),
    at       TEXT NOT NULL,
    by       TEXT NOT NULL,
    changes  TEXT NOT NULL CHECK (json_valid(changes)),
    PRIMARY KEY (fact_seq, revision)
  ) WITHOUT ROWID;

  CREATE TABLE suggestions (
    seq          INTEGER PRIMARY KEY,
    guild_id     TEXT NOT NULL,
    id           TEXT NOT NULL,
    statement    TEXT NOT NULL,
    question     TEXT,
    source_id    TEXT,
    source_title TEXT,
    source_url   TEXT,
    quote        TEXT,
    suggested_by TEXT NOT NULL,
    suggested_at TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    decided_by   TEXT,
    decided_at   TEXT,
    fact_seq     INTEGER REFERENCES facts (seq),
    UNIQUE (guild_id, id),
    CHECK ((source_id IS NULL) = (source_title IS NOT NULL AND source_url IS NOT NULL))
  );
  CREATE INDEX suggestions_pending ON suggestions (guild_id, status, seq);

  -- The last number handed out per guild and kind of id, so that ids are never reused.
  CREATE TABLE id_counters (
    guild_id    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (guild_id, kind)
  ) WITHOUT ROWID;

  CREATE TABLE moderator_roles (
    guild_id TEXT NOT NULL,
    role_id  TEXT NOT NULL,
    PRIMARY KEY (guild_id, role_id)
  ) WITHOUT ROWID;
  `,
  // 2: the quiz. Every answer a member gave, and what moderators set for their server's quiz.
  `
  CREATE TABLE quiz_answers (
    seq         INTEGER PRIMARY KEY,
    guild_id    TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    question_id TEXT NOT NULL,
    topic       TEXT NOT NULL,
    mode        TEXT NOT NULL CHECK (mode IN ('solo', 'round')),
    correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
    -- 1 for the first right answer of a group round, else 0.
    points      INTEGER NOT NULL CHECK (points >= 0),
    at          TEXT NOT NULL
  );
  CREATE INDEX quiz_answers_by_user ON quiz_answers (guild_id, user_id);

  CREATE TABLE quiz_pool_facts (
    guild_id TEXT NOT NULL,
    fact_id  TEXT NOT NULL,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (guild_id, fact_id)
  ) WITHOUT ROWID;

  CREATE TABLE quiz_disabled_questions (
    guild_id    TEXT NOT NULL,
    question_id TEXT NOT NULL,
    disabled_by TEXT NOT NULL,
    disabled_at TEXT NOT NULL,
    PRIMARY KEY (guild_id, question_id)
  ) WITHOUT ROWID;
  `,
  // 3: a server's settings beyond its moderator roles: the channel its fact changes are logged to.
  `
  CREATE TABLE guild_settings (
    guild_id       TEXT PRIMARY KEY,
    log_channel_id TEXT
  ) WITHOUT ROWID;
  `,
  // 4: the publication date of a moderator's own source (YYYY, YYYY-MM or YYYY-MM-DD), when they gave one.
  `
  ALTER TABLE facts ADD COLUMN source_date TEXT;
  ALTER TABLE suggestions ADD COLUMN source_date TEXT;
  `,
  // 5: changes to the stored data that need the bot's knowledge, made once at start-up (see SqlFactStore).
  `
  CREATE TABLE data_migrations (
    name       TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
  ) WITHOUT ROWID;
  -- Quotes are checked on the way in from this version on: a database with no facts yet has none to re-check.
  INSERT INTO data_migrations (name, applied_at)
  SELECT '${QUOTE_RECHECK_MIGRATION}', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE NOT EXISTS (SELECT 1 FROM facts);
  `,
];

/** The database's schema version; refuses one written by newer code, whose data this code would misread. */
export function assertKnownVersion(db: Database.Database, migrations: readonly string[] = MIGRATIONS): number {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > migrations.length) {
    throw new StartupError(
      `the facts database ${db.name} was written by a newer csto-bot (schema version ${version}, this one knows up to ${migrations.length}); it was left as it is`,
    );
  }
  return version;
}

/** Brings the database up to the latest version in one transaction: all steps apply, or none. */
export function migrate(db: Database.Database, migrations: readonly string[] = MIGRATIONS): void {
  db.transaction(() => {
    const version = assertKnownVersion(db, migrations);
    migrations.slice(version).forEach((sql, index) => {
      db.exec(sql);
      db.pragma(`user_version = ${version + index + 1}`);
    });
  }).immediate();
}
