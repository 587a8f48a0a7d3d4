//! One writer task per recorded session: it batches what the run queues and
//! commits each batch in one transaction, keeping the `sessions` and
//! `agents` rows in step with the events.

use std::collections::HashSet;
use std::sync::Arc;

use baton_protocol::{Envelope, Event, SessionId};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool, Transaction};
use tokio::sync::{mpsc, oneshot};

use crate::error::{StoreError, db, to_i64};
use crate::{Status, Store};

/// The most events committed in one transaction: enough to amortise the
/// commit under a burst, small enough that a transaction never holds the
/// write lock long enough to trip another process's busy timeout.
const MAX_BATCH: usize = 512;

type Reply = oneshot::Sender<Result<(), StoreError>>;

enum Command {
    Event(Box<Envelope>),
    /// Answered once everything queued before it is committed; the channel
    /// keeps the order, so no sequence numbers are needed.
    Flush(Reply),
    /// As `Flush`, then the writer stops.
    Close(Reply),
}

/// Records one session's events. Cheap to clone; every clone feeds the same
/// writer.
#[derive(Clone)]
pub struct Recorder {
    shared: Arc<Shared>,
}

struct Shared {
    session: SessionId,
    tx: mpsc::UnboundedSender<Command>,
}

impl std::fmt::Debug for Recorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recorder")
            .field("session", &self.shared.session)
            .finish()
    }
}

impl Store {
    /// Starts the writer for `session` and returns its handle. Envelopes are
    /// stored under their own `session` field; `session` names the recorder
    /// in errors and logs.
    pub fn recorder(&self, session: SessionId) -> Recorder {
        let (tx, rx) = mpsc::unbounded_channel();
        let writer = Writer {
            pool: self.pool.clone(),
            session: session.clone(),
            pid: i64::from(std::process::id()),
            first_error: None,
            known: HashSet::new(),
        };
        self.runtime.spawn(writer.run(rx));
        Recorder {
            shared: Arc::new(Shared { session, tx }),
        }
    }
}

impl Recorder {
    pub fn session(&self) -> &SessionId {
        &self.shared.session
    }

    /// Queues `envelope` for the writer. Never blocks and never fails: the
    /// run must not stop because its log could not be written. Problems
    /// surface from [`Recorder::flush`].
    pub fn record(&self, envelope: &Envelope) {
        // Fails only once the writer has closed; `flush` reports that.
        let _ = self
            .shared
            .tx
            .send(Command::Event(Box::new(envelope.clone())));
    }

    /// Resolves once every event recorded before this call is committed,
    /// with the writer's first error if it ever had one. The command is
    /// queued now, at the call, not when the future is first polled.
    pub fn flush(&self) -> impl Future<Output = Result<(), StoreError>> + Send + 'static {
        let (reply, answer) = oneshot::channel();
        let sent = self.shared.tx.send(Command::Flush(reply)).is_ok();
        let session = self.shared.session.clone();
        async move { wait(sent, answer, session).await }
    }

    /// Flushes and stops the writer. Later `record`s by other clones are
    /// dropped, and their `flush`es say the recorder is closed.
    pub async fn close(self) -> Result<(), StoreError> {
        let (reply, answer) = oneshot::channel();
        let sent = self.shared.tx.send(Command::Close(reply)).is_ok();
        wait(sent, answer, self.shared.session.clone()).await
    }
}

async fn wait(
    sent: bool,
    answer: oneshot::Receiver<Result<(), StoreError>>,
    session: SessionId,
) -> Result<(), StoreError> {
    if !sent {
        return Err(StoreError::RecorderClosed { session });
    }
    answer
        .await
        .unwrap_or(Err(StoreError::RecorderClosed { session }))
}

struct Writer {
    pool: SqlitePool,
    session: SessionId,
    pid: i64,
    first_error: Option<Arc<StoreError>>,
    /// Sessions this writer has made sure have a row.
    known: HashSet<SessionId>,
}

impl Writer {
    async fn run(mut self, mut rx: mpsc::UnboundedReceiver<Command>) {
        let mut batch = Vec::with_capacity(MAX_BATCH);
        let mut replies = Vec::new();
        // `None` once every Recorder is gone and the queue is empty.
        while let Some(first) = rx.recv().await {
            let mut closing = false;
            let mut next = Some(first);
            while let Some(command) = next.take() {
                match command {
                    Command::Event(envelope) => batch.push(*envelope),
                    Command::Flush(reply) => replies.push(reply),
                    Command::Close(reply) => {
                        replies.push(reply);
                        closing = true;
                        break;
                    }
                }
                if batch.len() < MAX_BATCH {
                    next = rx.try_recv().ok();
                }
            }
            if !batch.is_empty() {
                let result = write_batch(&self.pool, self.pid, &batch, &mut self.known).await;
                batch.clear();
                for err in result.unwrap_or_else(|err| vec![err]) {
                    self.fail(err);
                }
            }
            for reply in replies.drain(..) {
                // The caller may have stopped waiting; nothing to do then.
                let _ = reply.send(self.status());
            }
            if closing {
                return;
            }
        }
    }

    fn fail(&mut self, err: StoreError) {
        tracing::warn!(session = %self.session, error = %err, "recording the session failed");
        if self.first_error.is_none() {
            self.first_error = Some(Arc::new(err));
        }
    }

    fn status(&self) -> Result<(), StoreError> {
        match &self.first_error {
            None => Ok(()),
            Some(err) => Err(StoreError::Recorder {
                session: self.session.clone(),
                source: Arc::clone(err),
            }),
        }
    }
}

/// Commits `batch` in one transaction. `Err` means nothing was written;
/// `Ok` carries problems with single events (skipped, the rest written).
///
/// A flush waits for this, so it is built for few round trips to SQLite's
/// thread: the events go in one multi-row INSERT (a trigger keeps the
/// session's counts), and only events that change a summary row (session
/// and agent starts and ends) cost a statement of their own.
async fn write_batch(
    pool: &SqlitePool,
    pid: i64,
    batch: &[Envelope],
    known: &mut HashSet<SessionId>,
) -> Result<Vec<StoreError>, StoreError> {
    let mut skipped = Vec::new();
    let mut rows = Vec::with_capacity(batch.len());
    for envelope in batch {
        let seq = match to_i64("seq", envelope.seq) {
            Ok(seq) => seq,
            Err(err) => {
                skipped.push(err);
                continue;
            }
        };
        let ts = i64::try_from(envelope.ts_ms).unwrap_or(i64::MAX);
        match serde_json::to_string(envelope) {
            Ok(body) => rows.push((envelope, seq, ts, body)),
            Err(source) => skipped.push(StoreError::Encode {
                session: envelope.session.clone(),
                seq: envelope.seq,
                source,
            }),
        }
    }
    if rows.is_empty() {
        return Ok(skipped);
    }
    // IMMEDIATE takes the write lock now, where the busy timeout applies. A
    // deferred transaction that reads first and then writes can instead fail
    // at once with SQLITE_BUSY when another process committed meanwhile.
    let mut tx = pool
        .begin_with("BEGIN IMMEDIATE")
        .await
        .map_err(db("starting a write"))?;
    for (envelope, _, ts, _) in &rows {
        if !known.contains(&envelope.session) {
            ensure_session(&mut tx, &envelope.session, *ts, pid).await?;
            known.insert(envelope.session.clone());
        }
    }
    let mut insert =
        QueryBuilder::<Sqlite>::new("INSERT INTO events (session, seq, ts_ms, agent, kind, body) ");
    insert.push_values(&rows, |mut row, (envelope, seq, ts, body)| {
        row.push_bind(envelope.session.as_str())
            .push_bind(*seq)
            .push_bind(*ts)
            .push_bind(envelope.agent.as_str())
            .push_bind(envelope.event.kind())
            .push_bind(body.as_str());
    });
    insert.push(" ON CONFLICT (session, seq) DO NOTHING RETURNING session, seq");
    let mut inserted: HashSet<(String, i64)> = insert
        .build()
        .fetch_all(&mut *tx)
        .await
        .map_err(db("writing events"))?
        .iter()
        .filter_map(|row| Some((row.try_get(0).ok()?, row.try_get(1).ok()?)))
        .collect();
    for (envelope, seq, ts, _) in &rows {
        // Taken, not looked up: a second copy of a seq within this batch
        // is a duplicate too.
        if !inserted.remove(&(envelope.session.as_str().to_owned(), *seq)) {
            // Replaying it would apply its effects twice; the first copy wins.
            skipped.push(StoreError::DuplicateSeq {
                session: envelope.session.clone(),
                seq: envelope.seq,
            });
            continue;
        }
        apply(&mut tx, envelope, *ts, pid).await?;
    }
    tx.commit().await.map_err(db("committing events"))?;
    Ok(skipped)
}

/// Events may arrive for a session with no row: a resumed session whose
/// `session_started` was pruned, or an event ahead of it. A placeholder row
/// satisfies the foreign key; `session_started` fills it in.
async fn ensure_session(
    tx: &mut Transaction<'static, Sqlite>,
    session: &SessionId,
    ts: i64,
    pid: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO sessions (id, started_ms, updated_ms, owner_pid) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(session.as_str())
    .bind(ts)
    .bind(ts)
    .bind(pid)
    .execute(&mut **tx)
    .await
    .map_err(db("creating the session"))?;
    Ok(())
}

/// Keeps the `sessions` and `agents` rows in step with one event.
async fn apply(
    tx: &mut Transaction<'static, Sqlite>,
    envelope: &Envelope,
    ts: i64,
    pid: i64,
) -> Result<(), StoreError> {
    let session = envelope.session.as_str();
    let agent = envelope.agent.as_str();
    let parent = envelope.parent.as_ref().map(|p| p.as_str());
    let query = match &envelope.event {
        Event::SessionStarted {
            task,
            model,
            workspace,
            ..
        } => sqlx::query(
            "UPDATE sessions SET started_ms = ?, task = ?, model = ?, workspace = ?,
                 status = 'running', finished_ms = NULL, error = NULL, owner_pid = ?
             WHERE id = ?",
        )
        .bind(ts)
        .bind(task.as_str())
        .bind(model.as_str())
        .bind(workspace.as_str())
        .bind(pid)
        .bind(session),
        Event::SessionResumed { .. } => sqlx::query(
            "UPDATE sessions SET status = 'running', finished_ms = NULL, error = NULL,
                 owner_pid = ?
             WHERE id = ?",
        )
        .bind(pid)
        .bind(session),
        Event::SessionFinished {
            outcome,
            totals,
            error,
        } => sqlx::query(
            "UPDATE sessions SET status = ?, finished_ms = ?, error = ?, cost_usd = ?,
                 tokens = ?, turns = ?, tool_calls = ?, owner_pid = NULL
             WHERE id = ?",
        )
        .bind(Status::from(*outcome).as_str())
        .bind(ts)
        .bind(error.as_deref())
        .bind(totals.cost.total_usd)
        .bind(i64::try_from(totals.usage.total_tokens()).unwrap_or(i64::MAX))
        .bind(i64::from(totals.turns))
        .bind(i64::from(totals.tool_calls))
        .bind(session),
        Event::AgentSpawned { role, model, .. } => sqlx::query(
            "INSERT INTO agents (session, agent, parent, role, model, status, started_ms)
             VALUES (?, ?, ?, ?, ?, 'running', ?)
             ON CONFLICT (session, agent) DO UPDATE SET parent = excluded.parent,
                 role = excluded.role, model = excluded.model, status = 'running'",
        )
        .bind(session)
        .bind(agent)
        .bind(parent)
        .bind(role.as_str())
        .bind(model.as_str())
        .bind(ts),
        Event::AgentResumed { .. } => sqlx::query(
            "INSERT INTO agents (session, agent, parent, status, started_ms)
             VALUES (?, ?, ?, 'running', ?)
             ON CONFLICT (session, agent) DO UPDATE SET status = 'running'",
        )
        .bind(session)
        .bind(agent)
        .bind(parent)
        .bind(ts),
        Event::AgentFinished { outcome, .. } => sqlx::query(
            "INSERT INTO agents (session, agent, parent, status, started_ms)
             VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (session, agent) DO UPDATE SET status = excluded.status",
        )
        .bind(session)
        .bind(agent)
        .bind(parent)
        .bind(Status::from(*outcome).as_str())
        .bind(ts),
        _ => return Ok(()),
    };
    query
        .execute(&mut **tx)
        .await
        .map_err(db("updating the session's summary"))?;
    Ok(())
}
