//! Reading sessions back: listings, one session's events, export.

use std::io::Write;

use baton_protocol::{AgentId, Envelope, SessionId};
use futures::TryStreamExt;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use crate::error::{StoreError, db, to_u64};
use crate::{Status, Store, pid_alive};

/// How many candidates an ambiguous prefix lists.
const MAX_CANDIDATES: i64 = 10;

/// One session's summary row.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRow {
    pub id: SessionId,
    pub started_ms: u64,
    /// The newest event's timestamp.
    pub updated_ms: u64,
    pub finished_ms: Option<u64>,
    pub task: String,
    pub model: String,
    pub workspace: String,
    pub status: Status,
    /// `session_finished`'s error, if it had one.
    pub error: Option<String>,
    pub cost_usd: f64,
    pub tokens: u64,
    pub turns: u64,
    pub tool_calls: u64,
    /// How many events are stored, and the size of their JSON.
    pub events: u64,
    pub bytes: u64,
    /// The process writing the session while it runs.
    pub owner_pid: Option<u32>,
    /// What the CLI saved to re-run the session.
    pub spec: Option<serde_json::Value>,
    /// `running`, but no live process owns it: it crashed or was killed,
    /// and can be resumed.
    pub interrupted: bool,
}

/// One agent of a session.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentRow {
    pub agent: AgentId,
    pub parent: Option<AgentId>,
    pub role: String,
    pub model: String,
    pub status: Status,
    pub started_ms: u64,
}

const SESSION_COLUMNS: &str = "id, started_ms, updated_ms, finished_ms, task, model, workspace, \
     status, error, cost_usd, tokens, turns, tool_calls, events, bytes, owner_pid, spec";

impl Store {
    /// The newest `limit` sessions, newest first.
    pub async fn sessions(&self, limit: u32) -> Result<Vec<SessionRow>, StoreError> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM sessions ORDER BY started_ms DESC, id DESC LIMIT ?"
        );
        let rows = sqlx::query(&sql)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(db("listing sessions"))?;
        rows.iter().map(session_row).collect()
    }

    pub async fn session(&self, id: &SessionId) -> Result<Option<SessionRow>, StoreError> {
        let sql = format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?");
        let row = sqlx::query(&sql)
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await
            .map_err(db("reading a session"))?;
        row.as_ref().map(session_row).transpose()
    }

    /// The session's agents in the order they started.
    pub async fn agents(&self, id: &SessionId) -> Result<Vec<AgentRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT agent, parent, role, model, status, started_ms FROM agents
             WHERE session = ? ORDER BY started_ms, agent",
        )
        .bind(id.as_str())
        .fetch_all(&self.pool)
        .await
        .map_err(db("listing agents"))?;
        rows.iter()
            .map(|row| {
                let status: String = get(row, "status")?;
                Ok(AgentRow {
                    agent: AgentId::new(get::<String>(row, "agent")?),
                    parent: get::<Option<String>>(row, "parent")?.map(AgentId::new),
                    role: get(row, "role")?,
                    model: get(row, "model")?,
                    status: parse_status(id, &status)?,
                    started_ms: to_u64(get(row, "started_ms")?),
                })
            })
            .collect()
    }

    /// The session whose id is `prefix` or, failing that, the one session
    /// whose id starts with it.
    pub async fn resolve(&self, prefix: &str) -> Result<SessionId, StoreError> {
        let not_found = || StoreError::NotFound {
            prefix: prefix.to_owned(),
        };
        if prefix.is_empty() {
            return Err(not_found());
        }
        // `substr` rather than LIKE: LIKE would need `%`/`_` escaped and
        // ignores ASCII case in SQLite but not in Postgres.
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM sessions WHERE id = ?
                 OR substr(id, 1, length(?)) = ?
             ORDER BY id = ? DESC, started_ms DESC LIMIT ?",
        )
        .bind(prefix)
        .bind(prefix)
        .bind(prefix)
        .bind(prefix)
        .bind(MAX_CANDIDATES + 1)
        .fetch_all(&self.pool)
        .await
        .map_err(db("looking up a session"))?;
        match ids.as_slice() {
            [] => Err(not_found()),
            [only] => Ok(SessionId::new(only.clone())),
            [first, ..] if first == prefix => Ok(SessionId::new(first.clone())),
            _ => {
                let mut candidates = ids;
                if candidates.len() > usize::try_from(MAX_CANDIDATES).unwrap_or(10) {
                    candidates.truncate(usize::try_from(MAX_CANDIDATES).unwrap_or(10));
                    candidates.push("…".to_owned());
                }
                Err(StoreError::Ambiguous {
                    prefix: prefix.to_owned(),
                    candidates,
                })
            }
        }
    }

    /// Every stored event of the session, in `seq` order.
    pub async fn events(&self, id: &SessionId) -> Result<Vec<Envelope>, StoreError> {
        let mut rows = sqlx::query("SELECT seq, body FROM events WHERE session = ? ORDER BY seq")
            .bind(id.as_str())
            .fetch(&self.pool);
        let mut events = Vec::new();
        while let Some(row) = rows.try_next().await.map_err(db("reading events"))? {
            let seq: i64 = get(&row, "seq")?;
            let body: &str = row.try_get("body").map_err(db("reading events"))?;
            let envelope = serde_json::from_str(body).map_err(|source| StoreError::BadEvent {
                session: id.clone(),
                seq,
                source,
            })?;
            events.push(envelope);
        }
        Ok(events)
    }

    /// Writes the session's events to `out`, one JSON line each, exactly as
    /// stored: the same lines `--json` printed. Streams rather than loading
    /// the session. Returns how many events were written.
    pub async fn export(&self, id: &SessionId, out: &mut impl Write) -> Result<u64, StoreError> {
        if self.session(id).await?.is_none() {
            return Err(StoreError::NotFound {
                prefix: id.to_string(),
            });
        }
        let mut rows = sqlx::query("SELECT body FROM events WHERE session = ? ORDER BY seq")
            .bind(id.as_str())
            .fetch(&self.pool);
        let mut written = 0;
        while let Some(row) = rows.try_next().await.map_err(db("reading events"))? {
            let body: &str = row.try_get(0).map_err(db("reading events"))?;
            out.write_all(body.as_bytes()).map_err(StoreError::Export)?;
            out.write_all(b"\n").map_err(StoreError::Export)?;
            written += 1;
        }
        out.flush().map_err(StoreError::Export)?;
        Ok(written)
    }

    /// The seq the session's next event takes: one past the highest stored,
    /// or 0 for a session with none.
    pub async fn next_seq(&self, id: &SessionId) -> Result<u64, StoreError> {
        let max: Option<i64> = sqlx::query_scalar("SELECT MAX(seq) FROM events WHERE session = ?")
            .bind(id.as_str())
            .fetch_one(&self.pool)
            .await
            .map_err(db("reading the last seq"))?;
        Ok(max.map_or(0, |seq| to_u64(seq) + 1))
    }

    /// Deletes the session with its agents and events. `false` if there was
    /// no such session.
    pub async fn remove(&self, id: &SessionId) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM sessions WHERE id = ?")
            .bind(id.as_str())
            .execute(&self.pool)
            .await
            .map_err(db("removing a session"))?;
        Ok(done.rows_affected() > 0)
    }
}

fn get<'r, T>(row: &'r SqliteRow, column: &'static str) -> Result<T, StoreError>
where
    T: sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
{
    row.try_get(column).map_err(db("reading a row"))
}

fn parse_status(session: &SessionId, status: &str) -> Result<Status, StoreError> {
    status.parse().map_err(|status| StoreError::BadStatus {
        session: session.clone(),
        status,
    })
}

fn session_row(row: &SqliteRow) -> Result<SessionRow, StoreError> {
    let id = SessionId::new(get::<String>(row, "id")?);
    let status = parse_status(&id, &get::<String>(row, "status")?)?;
    let owner_pid: Option<i64> = get(row, "owner_pid")?;
    let interrupted = status == Status::Running && !owner_pid.is_some_and(pid_alive);
    let spec = match get::<Option<String>>(row, "spec")? {
        None => None,
        Some(text) => Some(
            serde_json::from_str(&text).map_err(|source| StoreError::BadSpec {
                session: id.clone(),
                source,
            })?,
        ),
    };
    Ok(SessionRow {
        started_ms: to_u64(get(row, "started_ms")?),
        updated_ms: to_u64(get(row, "updated_ms")?),
        finished_ms: get::<Option<i64>>(row, "finished_ms")?.map(to_u64),
        task: get(row, "task")?,
        model: get(row, "model")?,
        workspace: get(row, "workspace")?,
        status,
        error: get(row, "error")?,
        cost_usd: get(row, "cost_usd")?,
        tokens: to_u64(get(row, "tokens")?),
        turns: to_u64(get(row, "turns")?),
        tool_calls: to_u64(get(row, "tool_calls")?),
        events: to_u64(get(row, "events")?),
        bytes: to_u64(get(row, "bytes")?),
        owner_pid: owner_pid.and_then(|pid| u32::try_from(pid).ok()),
        spec,
        interrupted,
        id,
    })
}
