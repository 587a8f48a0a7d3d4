//! The whole schema and its migrations, in one place so a second backend
//! (Postgres) has one module to mirror. The SQL sticks to what both speak:
//! `ON CONFLICT … DO UPDATE`, `CASE`, `substr`/`length`; the SQLite-only
//! parts (`PRAGMA user_version`, `application_id`) stay in this file.

use std::path::Path;

use sqlx::{Row, SqlitePool};

use crate::error::{StoreError, db, is_not_a_database};

/// Marks the file as baton's ("batn"), so another program's SQLite
/// database is refused instead of having our tables added to it.
const APPLICATION_ID: i64 = 0x6261_746e;

/// Each step takes the schema from version `index` to `index + 1`; the
/// version lives in `PRAGMA user_version`. Hand-rolled rather than sqlx's
/// `migrate!`: that pulls in the macro crates for a schema this small, and
/// a list of SQL strings is all a migration needs to be. Never edit a
/// shipped step; append a new one.
const MIGRATIONS: &[&[&str]] = &[
    // 1: sessions, their agents, their events.
    &[
        "CREATE TABLE sessions (
            id          TEXT PRIMARY KEY NOT NULL,
            started_ms  INTEGER NOT NULL,
            updated_ms  INTEGER NOT NULL,
            finished_ms INTEGER,
            task        TEXT NOT NULL DEFAULT '',
            model       TEXT NOT NULL DEFAULT '',
            workspace   TEXT NOT NULL DEFAULT '',
            status      TEXT NOT NULL DEFAULT 'running' CHECK (status IN
                ('running', 'success', 'failure', 'budget_exhausted', 'cancelled')),
            error       TEXT,
            cost_usd    REAL NOT NULL DEFAULT 0,
            tokens      INTEGER NOT NULL DEFAULT 0,
            turns       INTEGER NOT NULL DEFAULT 0,
            tool_calls  INTEGER NOT NULL DEFAULT 0,
            events      INTEGER NOT NULL DEFAULT 0,
            bytes       INTEGER NOT NULL DEFAULT 0,
            owner_pid   INTEGER,
            spec        TEXT
        )",
        "CREATE INDEX sessions_started ON sessions (started_ms)",
        "CREATE TABLE agents (
            session    TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            agent      TEXT NOT NULL,
            parent     TEXT,
            role       TEXT NOT NULL DEFAULT '',
            model      TEXT NOT NULL DEFAULT '',
            status     TEXT NOT NULL DEFAULT 'running' CHECK (status IN
                ('running', 'success', 'failure', 'budget_exhausted', 'cancelled')),
            started_ms INTEGER NOT NULL,
            PRIMARY KEY (session, agent)
        )",
        "CREATE TABLE events (
            session TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            seq     INTEGER NOT NULL,
            ts_ms   INTEGER NOT NULL,
            agent   TEXT NOT NULL,
            kind    TEXT NOT NULL,
            body    TEXT NOT NULL,
            PRIMARY KEY (session, seq)
        )",
        // The session's counts follow its events inside SQLite, so a write
        // needs no statement of its own for them: every statement is a
        // round trip a flush waits on. (A Postgres backend would use a
        // trigger function, or fold this into its insert.)
        "CREATE TRIGGER events_tally AFTER INSERT ON events BEGIN
            UPDATE sessions SET events = events + 1,
                bytes = bytes + length(CAST(NEW.body AS BLOB)),
                updated_ms = max(updated_ms, NEW.ts_ms)
            WHERE id = NEW.session;
        END",
    ],
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the file up to [`SCHEMA_VERSION`], refusing files that are not
/// ours or are newer than this build.
///
/// One `BEGIN IMMEDIATE` transaction: two processes opening a fresh file at
/// once serialise here (the second waits on the busy timeout), and the
/// second then sees the first's version and has nothing to do.
pub(crate) async fn migrate(pool: &SqlitePool, path: &Path) -> Result<(), StoreError> {
    let not_ours = || StoreError::NotADatabase {
        path: path.to_path_buf(),
    };
    let classify = |context: &'static str| {
        move |err: sqlx::Error| {
            if is_not_a_database(&err) {
                not_ours()
            } else {
                db(context)(err)
            }
        }
    };

    let mut tx = pool
        .begin_with("BEGIN IMMEDIATE")
        .await
        .map_err(classify("starting the migration"))?;
    let version: i64 = sqlx::query("PRAGMA user_version")
        .fetch_one(&mut *tx)
        .await
        .and_then(|row| row.try_get(0))
        .map_err(classify("reading the schema version"))?;
    let application_id: i64 = sqlx::query("PRAGMA application_id")
        .fetch_one(&mut *tx)
        .await
        .and_then(|row| row.try_get(0))
        .map_err(classify("reading the application id"))?;

    if version == 0 {
        // A fresh file has no tables; one with tables but no version is
        // some other program's database.
        let tables: i64 = sqlx::query("SELECT count(*) FROM sqlite_master")
            .fetch_one(&mut *tx)
            .await
            .and_then(|row| row.try_get(0))
            .map_err(classify("reading the schema"))?;
        if tables > 0 {
            return Err(not_ours());
        }
    } else if application_id != APPLICATION_ID {
        return Err(not_ours());
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version == SCHEMA_VERSION {
        // Nothing to do; dropping the transaction rolls it back.
        return Ok(());
    }

    for step in MIGRATIONS
        .iter()
        .skip(usize::try_from(version).unwrap_or(0))
    {
        for statement in *step {
            sqlx::query(statement)
                .execute(&mut *tx)
                .await
                .map_err(db("migrating the schema"))?;
        }
    }
    // PRAGMAs take no bound parameters; both values are our own constants.
    sqlx::query(&format!("PRAGMA application_id = {APPLICATION_ID}"))
        .execute(&mut *tx)
        .await
        .map_err(db("marking the file as baton's"))?;
    sqlx::query(&format!("PRAGMA user_version = {SCHEMA_VERSION}"))
        .execute(&mut *tx)
        .await
        .map_err(db("recording the schema version"))?;
    tx.commit().await.map_err(db("committing the migration"))
}
