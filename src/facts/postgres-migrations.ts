import { QUOTE_RECHECK_MIGRATION } from "./fact-tables.js";

/**
 * The PostgreSQL schema, one step per version, the same tables as the SQLite steps of the same number: step i
 * brings a database from version i to i + 1 (recorded in schema_version). Never edit a released step; append one.
 * Times are ISO 8601 text, as the export format carries them, so both databases hand back the same strings.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE facts (
    seq          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    guild_id     text NOT NULL,
    id           text NOT NULL,
    statement    text NOT NULL,
    question     text,
    source_id    text,
    source_title text,
    source_url   text,
    quote        text,
    revision     integer NOT NULL CHECK (revision >= 1),
    created_by   text NOT NULL,
    created_at   text NOT NULL,
    updated_by   text NOT NULL,
    updated_at   text NOT NULL,
    deleted_at   text,
    deleted_by   text,
    suggested_by text,
    UNIQUE (guild_id, id),
    -- A fact cites a listed source, or a title and link of its own.
    CHECK ((source_id IS NULL) = (source_title IS NOT NULL AND source_url IS NOT NULL)),
    CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
  );
  CREATE INDEX facts_by_guild ON facts (guild_id, seq);

  CREATE TABLE fact_revisions (
    fact_seq integer NOT NULL REFERENCES facts (seq),
    revision integer NOT NULL,
    action   text NOT NULL CHECK (action IN ('created', 'edited', 'removed', 'restored', 'imported')),
    at       text NOT NULL,
    by       text NOT NULL,
    -- json, not jsonb: the changes come back as they were written, keys in order.
    changes  json NOT NULL,
    PRIMARY KEY (fact_seq, revision)
  );

  CREATE TABLE suggestions (
    seq          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    guild_id     text NOT NULL,
    id           text NOT NULL,
    statement    text NOT NULL,
    question     text,
    source_id    text,
    source_title text,
    source_url   text,
    quote        text,
    suggested_by text NOT NULL,
    suggested_at text NOT NULL,
    status       text NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    decided_by   text,
    decided_at   text,
    fact_seq     integer REFERENCES facts (seq),
    UNIQUE (guild_id, id),
    CHECK ((source_id IS NULL) = (source_title IS NOT NULL AND source_url IS NOT NULL))
  );
  CREATE INDEX suggestions_pending ON suggestions (guild_id, status, seq);

  -- The last number handed out per guild and kind of id, so that ids are never reused.
  CREATE TABLE id_counters (
    guild_id    text NOT NULL,
    kind        text NOT NULL,
    last_number integer NOT NULL,
    PRIMARY KEY (guild_id, kind)
  );

  CREATE TABLE moderator_roles (
    guild_id text NOT NULL,
    role_id  text NOT NULL,
    PRIMARY KEY (guild_id, role_id)
  );
  `,
  // 2: the quiz. Every answer a member gave, and what moderators set for their server's quiz.
  `
  CREATE TABLE quiz_answers (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    guild_id    text NOT NULL,
    user_id     text NOT NULL,
    question_id text NOT NULL,
    topic       text NOT NULL,
    mode        text NOT NULL CHECK (mode IN ('solo', 'round')),
    correct     boolean NOT NULL,
    -- 1 for the first right answer of a group round, else 0.
    points      integer NOT NULL CHECK (points >= 0),
    at          text NOT NULL
  );
  CREATE INDEX quiz_answers_by_user ON quiz_answers (guild_id, user_id);

  CREATE TABLE quiz_pool_facts (
    guild_id text NOT NULL,
    fact_id  text NOT NULL,
    added_by text NOT NULL,
    added_at text NOT NULL,
    PRIMARY KEY (guild_id, fact_id)
  );

  CREATE TABLE quiz_disabled_questions (
    guild_id    text NOT NULL,
    question_id text NOT NULL,
    disabled_by text NOT NULL,
    disabled_at text NOT NULL,
    PRIMARY KEY (guild_id, question_id)
  );
  `,
  // 3: a server's settings beyond its moderator roles: the channel its fact changes are logged to.
  `
  CREATE TABLE guild_settings (
    guild_id       text PRIMARY KEY,
    log_channel_id text
  );
  `,
  // 4: the publication date of a moderator's own source (YYYY, YYYY-MM or YYYY-MM-DD), when they gave one.
  `
  ALTER TABLE facts ADD COLUMN source_date text;
  ALTER TABLE suggestions ADD COLUMN source_date text;
  `,
  // 5: changes to the stored data that need the bot's knowledge, made once at start-up (see SqlFactStore).
  `
  CREATE TABLE data_migrations (
    name       text PRIMARY KEY,
    applied_at text NOT NULL
  );
  -- Quotes are checked on the way in from this version on: a database with no facts yet has none to re-check.
  INSERT INTO data_migrations (name, applied_at)
  SELECT '${QUOTE_RECHECK_MIGRATION}', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE NOT EXISTS (SELECT 1 FROM facts);
  `,
];
