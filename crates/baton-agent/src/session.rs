use std::path::PathBuf;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use std::sync::{Arc, Mutex};

use baton_protocol::{AgentId, Envelope, Event, Outcome, PermissionMode, SessionId, Totals};
use tokio_util::sync::CancellationToken;

use crate::resume::{ResumeError, SessionLog};
use crate::{Agent, AgentReport, EventBus, Subscriber};

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
    let tally = Arc::new(Tally::new(agent.id().clone(), Totals::default()));
    let subscribed: Arc<dyn Subscriber> = tally.clone();
    bus.subscribe(subscribed.clone());
    let report = agent.run(bus, &spec.task, cancel).await;
    bus.unsubscribe(&subscribed);
    finish_session(
        bus,
        agent,
        report,
        &tally,
        started.elapsed().as_millis() as u64,
    )
}

/// Continues a session from its log: after a crash or an interruption, or
/// with a `follow_up` task once it has finished. Bracketed by
/// `session_resumed` and `session_finished`, with totals that count every
/// run of the session. `bus` must continue the log's seqs
/// ([`EventBus::resume`]).
pub async fn resume_session(
    bus: &EventBus,
    spec: &SessionSpec,
    agent: &Agent,
    log: &SessionLog,
    follow_up: Option<&str>,
    cancel: &CancellationToken,
) -> Result<SessionReport, ResumeError> {
    let root = log
        .root_agent()
        .ok_or_else(|| ResumeError::NoRoot(log.root.as_str().to_owned()))?;
    let started = Instant::now();
    bus.emit(
        agent.id(),
        None,
        Event::SessionResumed {
            follow_up: follow_up.map(str::to_owned),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        },
    );
    for event in &spec.startup {
        bus.emit(agent.id(), None, event.clone());
    }
    let tally = Arc::new(Tally::new(agent.id().clone(), log.delegated_totals()));
    let subscribed: Arc<dyn Subscriber> = tally.clone();
    bus.subscribe(subscribed.clone());
    let report = agent.resume(bus, root, &log.task, follow_up, cancel).await;
    bus.unsubscribe(&subscribed);
    let wall_ms = log.wall_ms() + started.elapsed().as_millis() as u64;
    Ok(finish_session(bus, agent, report, &tally, wall_ms))
}

fn finish_session(
    bus: &EventBus,
    agent: &Agent,
    report: AgentReport,
    tally: &Tally,
    wall_ms: u64,
) -> SessionReport {
    let children = tally.take();
    let totals = Totals {
        usage: report.usage + children.usage,
        cost: report.cost + children.cost,
        turns: report.turns + children.turns,
        tool_calls: report.tool_calls + children.tool_calls,
        wall_ms,
        delegated_usd: children.cost.total_usd,
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

/// Adds up what every agent but the root consumed, from their events: each
/// sub-agent's `agent_finished` carries its own totals (partial calls
/// included), and its tool calls are counted as they finish.
struct Tally {
    root: AgentId,
    sums: Mutex<Totals>,
}

impl Tally {
    /// `prior` is what earlier runs of a resumed session already counted.
    fn new(root: AgentId, prior: Totals) -> Self {
        Self {
            root,
            sums: Mutex::new(prior),
        }
    }

    fn take(&self) -> Totals {
        self.sums.lock().map(|sums| *sums).unwrap_or_default()
    }
}

impl Subscriber for Tally {
    fn on_event(&self, envelope: &Envelope) {
        if envelope.agent == self.root {
            return;
        }
        let Ok(mut sums) = self.sums.lock() else {
            return;
        };
        match &envelope.event {
            Event::AgentFinished {
                usage, cost, turns, ..
            } => {
                sums.usage += *usage;
                sums.cost += *cost;
                sums.turns += turns;
            }
            // As the root agent counts its own: calls that ran.
            Event::ToolCallFinished { .. } => sums.tool_calls += 1,
            _ => {}
        }
    }
}
