//! Pruning old sessions by age, count and size.

use std::collections::HashSet;
use std::time::Duration;

use baton_protocol::SessionId;
use sqlx::Row;

use crate::error::{StoreError, db, to_u64};
use crate::{Status, Store, pid_alive};

/// How much the store keeps. `None` leaves that dimension unbounded.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Retention {
    /// Sessions that finished (or, unfinished, last wrote) longer ago than
    /// this go.
    pub max_age: Option<Duration>,
    /// Only the newest this many sessions stay.
    pub max_sessions: Option<u64>,
    /// The oldest sessions go until the stored events fit in this many bytes.
    pub max_bytes: Option<u64>,
}

/// What a prune removed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PruneReport {
    pub removed: Vec<SessionId>,
    /// The size of the removed sessions' event JSON.
    pub bytes_freed: u64,
}

struct Candidate {
    id: SessionId,
    /// When it finished, or its last event if it did not.
    last_ms: u64,
    bytes: u64,
    protected: bool,
}

impl Store {
    /// Removes what `retention` says is too old or too much, never a session
    /// in `keep` nor one still running in a live process, then gives the
    /// freed pages back to the file system.
    pub async fn prune(
        &self,
        retention: &Retention,
        now_ms: u64,
        keep: &[SessionId],
    ) -> Result<PruneReport, StoreError> {
        // Choosing and deleting in one IMMEDIATE transaction: no other
        // process can resume a session between our reading it as idle and
        // deleting it.
        let mut tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(db("starting a prune"))?;
        let rows = sqlx::query(
            "SELECT id, updated_ms, finished_ms, status, owner_pid, bytes FROM sessions
             ORDER BY started_ms DESC, id DESC",
        )
        .fetch_all(&mut *tx)
        .await
        .map_err(db("listing sessions to prune"))?;
        let keep: HashSet<&str> = keep.iter().map(SessionId::as_str).collect();
        let mut newest_first = Vec::with_capacity(rows.len());
        for row in &rows {
            let read = |e| db("listing sessions to prune")(e);
            let id: String = row.try_get("id").map_err(read)?;
            let updated_ms: i64 = row.try_get("updated_ms").map_err(read)?;
            let finished_ms: Option<i64> = row.try_get("finished_ms").map_err(read)?;
            let status: String = row.try_get("status").map_err(read)?;
            let owner_pid: Option<i64> = row.try_get("owner_pid").map_err(read)?;
            let bytes: i64 = row.try_get("bytes").map_err(read)?;
            let running = status == Status::Running.as_str();
            newest_first.push(Candidate {
                protected: keep.contains(id.as_str())
                    || (running && owner_pid.is_some_and(pid_alive)),
                id: SessionId::new(id),
                last_ms: to_u64(finished_ms.unwrap_or(updated_ms)),
                bytes: to_u64(bytes),
            });
        }

        let doomed = choose(retention, now_ms, &newest_first);
        let mut report = PruneReport::default();
        for (candidate, _) in newest_first.iter().zip(&doomed).filter(|(_, d)| **d) {
            sqlx::query("DELETE FROM sessions WHERE id = ?")
                .bind(candidate.id.as_str())
                .execute(&mut *tx)
                .await
                .map_err(db("pruning a session"))?;
            report.removed.push(candidate.id.clone());
            report.bytes_freed += candidate.bytes;
        }
        tx.commit().await.map_err(db("committing a prune"))?;

        if !report.removed.is_empty() {
            self.shrink().await?;
        }
        Ok(report)
    }

    /// Hands free pages back to the file system: `incremental_vacuum` moves
    /// them to the end and truncates, but in WAL mode that lands in the WAL;
    /// the checkpoint carries it into the main file, which is what shrinks.
    async fn shrink(&self) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await.map_err(db("vacuuming"))?;
        sqlx::query("PRAGMA incremental_vacuum")
            .execute(&mut *conn)
            .await
            .map_err(db("vacuuming"))?;
        // A reader in another process can keep the checkpoint from finishing;
        // the pages then go back at a later checkpoint, so that is no error.
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&mut *conn)
            .await
            .map_err(db("checkpointing"))?;
        Ok(())
    }
}

/// Which of `newest_first` to remove, as a parallel list of flags.
fn choose(retention: &Retention, now_ms: u64, newest_first: &[Candidate]) -> Vec<bool> {
    let mut doomed = vec![false; newest_first.len()];
    if let Some(max_age) = retention.max_age {
        let max_age_ms = u64::try_from(max_age.as_millis()).unwrap_or(u64::MAX);
        let cutoff = now_ms.saturating_sub(max_age_ms);
        for (candidate, doomed) in newest_first.iter().zip(doomed.iter_mut()) {
            *doomed |= candidate.last_ms < cutoff;
        }
    }
    if let Some(max_sessions) = retention.max_sessions {
        let max_sessions = usize::try_from(max_sessions).unwrap_or(usize::MAX);
        for doomed in doomed.iter_mut().skip(max_sessions) {
            *doomed = true;
        }
    }
    for (candidate, doomed) in newest_first.iter().zip(doomed.iter_mut()) {
        *doomed &= !candidate.protected;
    }
    if let Some(max_bytes) = retention.max_bytes {
        let mut total: u64 = newest_first
            .iter()
            .zip(&doomed)
            .filter(|(_, d)| !**d)
            .map(|(c, _)| c.bytes)
            .sum();
        for (candidate, doomed) in newest_first.iter().zip(doomed.iter_mut()).rev() {
            if total <= max_bytes {
                break;
            }
            if !*doomed && !candidate.protected {
                *doomed = true;
                total -= candidate.bytes;
            }
        }
    }
    doomed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(id: &str, last_ms: u64, bytes: u64, protected: bool) -> Candidate {
        Candidate {
            id: SessionId::new(id),
            last_ms,
            bytes,
            protected,
        }
    }

    #[test]
    fn size_drops_the_oldest_unprotected_until_it_fits() {
        let newest_first = [
            candidate("d", 40, 100, false),
            candidate("c", 30, 100, false),
            candidate("b", 20, 100, true),
            candidate("a", 10, 100, false),
        ];
        let retention = Retention {
            max_bytes: Some(250),
            ..Retention::default()
        };
        // a goes; b is protected, so c goes next.
        assert_eq!(
            choose(&retention, 100, &newest_first),
            [false, true, false, true]
        );
    }
}
