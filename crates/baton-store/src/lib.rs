//! The durable event log of baton sessions.
//!
//! A session is the stream of [`Envelope`](baton_protocol::Envelope)s one `baton run` (and every later
//! resume of it) emits. The store keeps that stream verbatim in a SQLite
//! file (through sqlx, so a Postgres backend can follow) and maintains a
//! summary of each session and its agents from the events themselves.
//!
//! # Schema
//!
//! All of it lives in `schema.rs`, migrated at [`Store::open`] by a
//! hand-rolled list of steps keyed by `PRAGMA user_version`.
//!
//! - `events (session, seq, ts_ms, agent, kind, body)`: one row per event;
//!   `body` is the envelope's JSON, exactly the line `--json` prints.
//!   Primary key `(session, seq)`.
//! - `sessions`: one row per session: task, model, workspace, status
//!   (`running`, `success`, `failure`, `budget_exhausted`, `cancelled`),
//!   totals from `session_finished`, the event count and their bytes (what
//!   retention weighs), the pid of the process writing it, and an opaque
//!   `spec` the CLI keeps to re-run the session.
//! - `agents (session, agent, parent, role, model, status, started_ms)`.
//!
//! Deleting a session cascades to its agents and events.
//!
//! # Writing
//!
//! [`Store::recorder`] starts one writer task per session. [`Recorder::record`]
//! only queues the envelope on an unbounded channel, so the run never waits
//! on the disk and never fails because of it. The writer takes whatever is
//! queued (up to a batch cap) and commits it in one transaction, updating the
//! `sessions` and `agents` rows in the same transaction. Write errors are
//! logged, and the first one is reported by every later [`Recorder::flush`].
//!
//! # Durability
//!
//! After [`Recorder::flush`] returns `Ok`, every event recorded before the
//! call is committed to the WAL and survives the process being killed
//! (`kill -9`) at any later moment. The file runs with `synchronous=NORMAL`,
//! which protects against a killed process but not against a power cut
//! losing the last transactions; for a log of agent runs that is the right
//! trade. Events recorded but not yet flushed when the process dies may be
//! lost.
//!
//! Several processes may use one file at once: each write transaction takes
//! the write lock up front and waits (busy timeout) for the others.

mod error;
mod read;
mod retention;
mod schema;
mod writer;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use baton_protocol::{Outcome, SessionId};
use sqlx::SqlitePool;
use sqlx::sqlite::{
    SqliteAutoVacuum, SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};

pub use error::StoreError;
pub use read::{AgentRow, SessionRow};
pub use retention::{PruneReport, Retention};
pub use schema::SCHEMA_VERSION;
pub use writer::Recorder;

use crate::error::{db, is_not_a_database, to_i64};

/// How long a statement waits for another connection or process holding
/// the write lock before giving up. Batches are small, so anything longer
/// than this is a stuck process rather than contention.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A handle on the store file. Cheap to clone; clones share the connection
/// pool.
#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
    path: PathBuf,
    /// Recorders spawn their writer here, so `recorder` works from any
    /// thread, runtime or not.
    runtime: tokio::runtime::Handle,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema
    /// up to date. Must be called inside a tokio runtime.
    pub async fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            create_private_dir(parent)?;
        }
        let options = SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            // Only has an effect before the first table exists, so it is
            // set on every connection; incremental mode lets `prune` give
            // the freed pages back to the file system.
            .auto_vacuum(SqliteAutoVacuum::Incremental)
            .journal_mode(SqliteJournalMode::Wal)
            // In WAL mode NORMAL syncs at checkpoints, not at each commit:
            // a committed transaction survives the process being killed
            // (the WAL is in the OS's page cache), though not a power cut.
            // A killed process is the failure we need to survive.
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(BUSY_TIMEOUT)
            .foreign_keys(true);
        let runtime = tokio::runtime::Handle::try_current().map_err(|_| StoreError::NoRuntime)?;
        // Switching a new file to WAL takes a lock SQLite does not wait for
        // (the busy timeout does not apply), so a second process opening a
        // fresh store at the same moment gets SQLITE_BUSY: try again, within
        // the busy timeout.
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        let pool = loop {
            let attempt = SqlitePoolOptions::new()
                .max_connections(4)
                // A ping before every use would double the round trips of
                // each write a flush waits on; a broken SQLite connection is
                // not a thing that happens to a local file.
                .test_before_acquire(false)
                .connect_with(options.clone())
                .await;
            match attempt {
                Ok(pool) => break pool,
                Err(err) if error::is_busy(&err) && std::time::Instant::now() < deadline => {
                    tokio::time::sleep(std::time::Duration::from_millis(25)).await;
                }
                Err(err) if is_not_a_database(&err) => {
                    return Err(StoreError::NotADatabase { path: path.clone() });
                }
                Err(err) => return Err(db("opening the store")(err)),
            }
        };
        schema::migrate(&pool, &path).await?;
        Ok(Store {
            pool,
            path,
            runtime,
        })
    }

    /// `$XDG_DATA_HOME/baton/baton.db`, else `$HOME/.local/share/baton/baton.db`.
    /// `env` reads an environment variable (injected so tests need not set any).
    pub fn default_path(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
        let non_empty = |name: &str| env(name).filter(|v| !v.is_empty());
        let data = match non_empty("XDG_DATA_HOME") {
            Some(dir) => PathBuf::from(dir),
            None => PathBuf::from(non_empty("HOME")?).join(".local/share"),
        };
        Some(data.join("baton").join("baton.db"))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Closes the pool's connections, checkpointing the WAL into the main
    /// file. Recorders still running keep working until they are closed.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Keeps `spec` (opaque to the store) with the session, creating a
    /// placeholder row if no event has arrived yet.
    pub async fn set_spec(
        &self,
        id: &SessionId,
        spec: &serde_json::Value,
    ) -> Result<(), StoreError> {
        let now = now_ms()?;
        sqlx::query(
            "INSERT INTO sessions (id, started_ms, updated_ms, spec) VALUES (?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET spec = excluded.spec",
        )
        .bind(id.as_str())
        .bind(now)
        .bind(now)
        .bind(spec.to_string())
        .execute(&self.pool)
        .await
        .map_err(db("saving the session's spec"))?;
        Ok(())
    }

    /// Sets (or clears) the process that owns a running session. Recorders
    /// do this themselves on `session_started`/`session_resumed`/
    /// `session_finished`; this is for taking over a session by hand.
    pub async fn set_owner_pid(
        &self,
        id: &SessionId,
        pid: Option<u32>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE sessions SET owner_pid = ? WHERE id = ?")
            .bind(pid.map(i64::from))
            .bind(id.as_str())
            .execute(&self.pool)
            .await
            .map_err(db("setting the session's owner"))?;
        Ok(done.rows_affected() > 0)
    }

    /// `PRAGMA integrity_check`: `"ok"`, or SQLite's list of problems.
    pub async fn integrity_check(&self) -> Result<String, StoreError> {
        let rows: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&self.pool)
            .await
            .map_err(db("checking the store's integrity"))?;
        Ok(rows.join("\n"))
    }
}

/// How a session or agent stands: running, or how it ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Running,
    Success,
    Failure,
    BudgetExhausted,
    Cancelled,
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Running => "running",
            Status::Success => "success",
            Status::Failure => "failure",
            Status::BudgetExhausted => "budget_exhausted",
            Status::Cancelled => "cancelled",
        }
    }
}

impl From<Outcome> for Status {
    fn from(outcome: Outcome) -> Self {
        match outcome {
            Outcome::Success => Status::Success,
            Outcome::Failure => Status::Failure,
            Outcome::BudgetExhausted => Status::BudgetExhausted,
            Outcome::Cancelled => Status::Cancelled,
        }
    }
}

impl FromStr for Status {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "running" => Status::Running,
            "success" => Status::Success,
            "failure" => Status::Failure,
            "budget_exhausted" => Status::BudgetExhausted,
            "cancelled" => Status::Cancelled,
            other => return Err(other.to_owned()),
        })
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Creates `dir` and any missing parents, private to the user: sessions
/// hold prompts, file contents and tool output.
fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|source| StoreError::CreateDir {
        path: dir.to_path_buf(),
        source,
    })
}

fn now_ms() -> Result<i64, StoreError> {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    to_i64("time", u64::try_from(ms).unwrap_or(u64::MAX))
}

/// Whether process `pid` is still running on this machine. A pid can be
/// reused after its process exits, so "alive" can be a false positive;
/// that only keeps a session marked running, never loses data.
pub(crate) fn pid_alive(pid: i64) -> bool {
    #[cfg(unix)]
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // 0 and negative pids name process groups for kill(2), not a process.
    if pid <= 0 {
        return false;
    }
    if i64::from(pid) == i64::from(std::process::id()) {
        return true;
    }
    kill_zero(pid) && !is_zombie(i64::from(pid))
}

/// A killed process nobody has reaped yet (common in containers, whose
/// first process often reaps nothing) still answers kill(2), but is dead.
#[cfg(target_os = "linux")]
fn is_zombie(pid: i64) -> bool {
    // /proc/PID/stat: "pid (comm) state …"; comm may hold spaces and
    // parentheses, so the state is the first field after the last ')'.
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            let (_, rest) = stat.rsplit_once(')')?;
            rest.split_whitespace().next().map(str::to_owned)
        })
        .is_some_and(|state| state == "Z" || state == "X")
}

#[cfg(not(target_os = "linux"))]
fn is_zombie(_pid: i64) -> bool {
    false
}

#[cfg(unix)]
#[allow(unsafe_code)]
fn kill_zero(pid: libc::pid_t) -> bool {
    // SAFETY: signal 0 sends nothing; kill only checks that the process
    // exists and that we may signal it. `pid` is positive, so it names
    // one process, never a group.
    let rc = unsafe { libc::kill(pid, 0) };
    // EPERM: it exists but belongs to another user.
    rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Without a way to ask, assume the owner lives: a session then stays
/// "running" and safe from pruning rather than being taken for dead.
#[cfg(not(unix))]
fn kill_zero(_pid: i64) -> bool {
    true
}
