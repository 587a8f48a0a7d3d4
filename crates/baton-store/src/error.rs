use std::path::PathBuf;
use std::sync::Arc;

use baton_protocol::SessionId;

/// Everything that can go wrong in the store. Messages say what happened
/// and, where the user can act, what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the store's directory {}: {source}", path.display())]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "{} is not a baton session store (the file is corrupt or belongs to another program): \
         move it aside, or point [store] path at another file",
        path.display()
    )]
    NotADatabase { path: PathBuf },

    #[error(
        "{} was written by a newer baton (store schema version {found}, this baton knows up to \
         {supported}): upgrade baton, or point [store] path at another file",
        path.display()
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("the session store is corrupt ({context}: {source}); move the file aside")]
    Corrupt {
        context: &'static str,
        #[source]
        source: sqlx::Error,
    },

    #[error("session store: {context}: {source}")]
    Database {
        context: &'static str,
        #[source]
        source: sqlx::Error,
    },

    #[error("the store must be opened inside a tokio runtime")]
    NoRuntime,

    #[error("no session matches `{prefix}`")]
    NotFound { prefix: String },

    #[error("`{prefix}` matches several sessions: {}; give more of the id", candidates.join(", "))]
    Ambiguous {
        prefix: String,
        candidates: Vec<String>,
    },

    #[error("session {session}: event {seq} in the store is not a valid event: {source}")]
    BadEvent {
        session: SessionId,
        seq: i64,
        #[source]
        source: serde_json::Error,
    },

    #[error("session {session}: unknown status `{status}` in the store")]
    BadStatus { session: SessionId, status: String },

    #[error("session {session}: its saved spec is not valid JSON: {source}")]
    BadSpec {
        session: SessionId,
        #[source]
        source: serde_json::Error,
    },

    #[error("session {session}: cannot encode event {seq}: {source}")]
    Encode {
        session: SessionId,
        seq: u64,
        #[source]
        source: serde_json::Error,
    },

    #[error("{what} {value} does not fit the store's 64-bit signed integers")]
    OutOfRange { what: &'static str, value: u64 },

    #[error("writing the export failed: {0}")]
    Export(#[source] std::io::Error),

    /// The recorder's writer hit an error; the first one is kept and reported
    /// by every later `flush` so it cannot go unnoticed.
    #[error("recording session {session} failed: {source}")]
    Recorder {
        session: SessionId,
        #[source]
        source: Arc<StoreError>,
    },

    #[error(
        "recording session {session}: event {seq} was already in the store; it was not written again"
    )]
    DuplicateSeq { session: SessionId, seq: u64 },

    #[error("the recorder for session {session} is closed")]
    RecorderClosed { session: SessionId },
}

/// SQLite's primary result codes for "not a database" and "corrupt".
const SQLITE_CORRUPT: i64 = 11;
const SQLITE_NOTADB: i64 = 26;

/// The primary SQLite result code of an error, if it came from SQLite.
pub(crate) fn sqlite_code(err: &sqlx::Error) -> Option<i64> {
    let code = err.as_database_error()?.code()?;
    // sqlx reports the extended code; the primary code is its low byte.
    code.parse::<i64>().ok().map(|c| c & 0xff)
}

/// SQLITE_BUSY or SQLITE_LOCKED: another connection holds a lock.
pub(crate) fn is_busy(err: &sqlx::Error) -> bool {
    matches!(sqlite_code(err), Some(5 | 6))
}

pub(crate) fn is_not_a_database(err: &sqlx::Error) -> bool {
    matches!(sqlite_code(err), Some(SQLITE_NOTADB | SQLITE_CORRUPT))
}

/// Wraps a sqlx error, telling corruption apart so the user gets advice
/// rather than a bare SQLite message.
pub(crate) fn db(context: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |source| {
        if is_not_a_database(&source) {
            StoreError::Corrupt { context, source }
        } else {
            StoreError::Database { context, source }
        }
    }
}

pub(crate) fn to_i64(what: &'static str, value: u64) -> Result<i64, StoreError> {
    i64::try_from(value).map_err(|_| StoreError::OutOfRange { what, value })
}

/// Values read back were written from `u64`s, so a negative one means
/// someone else wrote the row; read it as 0 rather than failing the listing.
pub(crate) fn to_u64(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}
