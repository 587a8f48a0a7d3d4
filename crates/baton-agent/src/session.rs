use std::path::PathBuf;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use baton_protocol::{Event, Outcome, PermissionMode, SessionId, Totals};
use tokio_util::sync::CancellationToken;

use crate::{Agent, AgentReport, EventBus};

/// What the session-level events report about a run.
#[derive(Debug, Clone)]
pub struct SessionSpec {
    pub task: String,
    pub workspace: PathBuf,
    pub permission: PermissionMode,
    /// Events about the set-up (warnings, MCP server status) emitted right
    /// after `session_started`, so they are part of the session's record.
    pub startup: Vec<Event>,
}

#[derive(Debug, Clone)]
pub struct SessionReport {
    pub session: SessionId,
    pub outcome: Outcome,
    pub totals: Totals,
    pub error: Option<String>,
    pub agent: AgentReport,
}

/// A fresh session id: time-ordered, so ids sort by start time, with random
/// bits so two runs in the same millisecond differ.
pub fn new_session_id() -> SessionId {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    SessionId::new(format!("{ms:011x}{:04x}", fastrand::u16(..)))
}

/// Runs the root agent on the task, bracketed by `session_started` and
/// `session_finished`, the first and last events of every session.
pub async fn run_session(
    bus: &EventBus,
    spec: &SessionSpec,
    agent: &Agent,
    cancel: &CancellationToken,
) -> SessionReport {
    let started = Instant::now();
    bus.emit(
        agent.id(),
        None,
        Event::SessionStarted {
            task: spec.task.clone(),
            model: agent.model().info().name.clone(),
            workspace: spec.workspace.display().to_string(),
            permission: spec.permission,
            version: env!("CARGO_PKG_VERSION").to_owned(),
        },
    );
    for event in &spec.startup {
        bus.emit(agent.id(), None, event.clone());
    }
    let report = agent.run(bus, &spec.task, cancel).await;
    let totals = Totals {
        usage: report.usage,
        cost: report.cost,
        turns: report.turns,
        tool_calls: report.tool_calls,
        wall_ms: started.elapsed().as_millis() as u64,
    };
    bus.emit(
        agent.id(),
        None,
        Event::SessionFinished {
            outcome: report.outcome,
            totals,
            error: report.error.clone(),
        },
    );
    SessionReport {
        session: bus.session().clone(),
        outcome: report.outcome,
        totals,
        error: report.error.clone(),
        agent: report,
    }
}
