//! Picking a session up from its event log.
//!
//! The log is the truth: folding an agent's `message_appended` and
//! `compacted` events gives back its context, its `model_finished` events
//! its spending, and its `tool_call_*` events what each call of the last
//! turn came to. [`SessionLog`] does that fold once for every agent of a
//! session; the agent loop and the delegator then continue from it.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use baton_protocol::{
    AgentId, Cost, Envelope, Event, Message, Outcome, Role, SessionId, ToolCallId, ToolOutput,
    Totals, Usage, VerifyVerdict,
};
use tokio_util::sync::CancellationToken;

use crate::EventBus;
use crate::agent::{Agent, AgentReport, Run, pending_calls, spend};

/// What the log says one tool call came to.
#[derive(Debug, Clone, PartialEq)]
pub enum CallRecord {
    /// Started and never finished: in flight when the process stopped.
    Started,
    Finished(ToolOutput),
    /// The inspector chain refused it, with this reason.
    Denied(String),
}

/// One agent as its events left it.
#[derive(Debug, Clone)]
pub struct AgentLog {
    pub id: AgentId,
    pub parent: Option<AgentId>,
    pub role: String,
    pub model: String,
    /// The `delegate` call that started it.
    pub call_id: Option<ToolCallId>,
    pub messages: Vec<Message>,
    pub usage: Usage,
    pub cost: Cost,
    /// Model calls that finished.
    pub turns: u32,
    /// Tool calls that finished.
    pub tool_calls: u32,
    /// Its last `agent_finished`, unless it was resumed after it.
    pub finished: Option<(Outcome, String)>,
    pub calls: HashMap<ToolCallId, CallRecord>,
    /// What each completion gate noted when the agent began its task.
    pub gate_states: HashMap<String, String>,
    /// How often a gate sent it back (a failing `verify_finished`): the
    /// attempts a resume has left are what remained.
    pub gate_rejections: u32,
}

impl AgentLog {
    /// The last text the model wrote: the answer so far.
    pub fn last_text(&self) -> String {
        self.messages
            .iter()
            .rev()
            .filter(|m| m.role == baton_protocol::Role::Assistant)
            .map(Message::text)
            .find(|text| !text.is_empty())
            .unwrap_or_default()
    }
}

/// A whole session, folded from its events.
#[derive(Debug, Clone)]
pub struct SessionLog {
    pub session: SessionId,
    pub task: String,
    pub workspace: String,
    /// The seq the next event must carry.
    pub next_seq: u64,
    /// Wall time of the runs before the current one, added up.
    closed_wall_ms: u64,
    /// When the current run (the events since the last `session_resumed`)
    /// began, and its latest event.
    segment_start_ms: u64,
    last_ts_ms: u64,
    /// How the last run ended, if it did.
    pub finished: Option<Outcome>,
    pub root: AgentId,
    agents: BTreeMap<AgentId, AgentLog>,
}

#[derive(Debug, thiserror::Error)]
pub enum ResumeError {
    #[error("the session has no events")]
    Empty,
    #[error("the session's log does not start with session_started (it starts with {0})")]
    NoStart(String),
    #[error("the session's root agent `{0}` never started, so there is nothing to resume")]
    NoRoot(String),
}

impl SessionLog {
    pub fn from_events(
        events: impl IntoIterator<Item = Envelope>,
    ) -> Result<SessionLog, ResumeError> {
        let mut events = events.into_iter();
        let first = events.next().ok_or(ResumeError::Empty)?;
        let mut log = SessionLog::start(first)?;
        for envelope in events {
            log.apply(envelope);
        }
        log.check_root()?;
        Ok(log)
    }

    /// A log that begins with `first`, which must be `session_started`;
    /// [`SessionLog::apply`] folds in the events that follow, so a log can
    /// be kept up to date as a session runs.
    pub fn start(first: Envelope) -> Result<SessionLog, ResumeError> {
        let Event::SessionStarted {
            task, workspace, ..
        } = &first.event
        else {
            return Err(ResumeError::NoStart(first.event.kind().to_owned()));
        };
        let mut log = SessionLog {
            session: first.session.clone(),
            task: task.clone(),
            workspace: workspace.clone(),
            next_seq: 0,
            closed_wall_ms: 0,
            segment_start_ms: first.ts_ms,
            last_ts_ms: first.ts_ms,
            finished: None,
            root: first.agent.clone(),
            agents: BTreeMap::new(),
        };
        log.apply(first);
        Ok(log)
    }

    /// Folds in the session's next event.
    pub fn apply(&mut self, envelope: Envelope) {
        self.next_seq = envelope.seq + 1;
        // The time between runs (a crash, or a person reading the answer)
        // is not the session's: each run is timed from its own first event.
        if matches!(envelope.event, Event::SessionResumed { .. }) {
            self.closed_wall_ms += self.last_ts_ms.saturating_sub(self.segment_start_ms);
            self.segment_start_ms = envelope.ts_ms;
        }
        self.last_ts_ms = envelope.ts_ms;
        self.fold(envelope);
    }

    /// Whether the root agent has started: without it there is nothing to
    /// resume.
    pub fn check_root(&self) -> Result<(), ResumeError> {
        if self.agents.contains_key(&self.root) {
            Ok(())
        } else {
            Err(ResumeError::NoRoot(self.root.as_str().to_owned()))
        }
    }

    /// Wall time of every run of the session so far, added up.
    pub fn wall_ms(&self) -> u64 {
        self.closed_wall_ms + self.last_ts_ms.saturating_sub(self.segment_start_ms)
    }

    fn fold(&mut self, envelope: Envelope) {
        let Envelope {
            agent,
            parent,
            event,
            ..
        } = envelope;
        match event {
            Event::SessionResumed { .. } => self.finished = None,
            Event::SessionFinished { outcome, .. } => self.finished = Some(outcome),
            Event::AgentSpawned {
                role,
                model,
                call_id,
                ..
            } => {
                self.agents.insert(
                    agent.clone(),
                    AgentLog {
                        id: agent,
                        parent,
                        role,
                        model,
                        call_id,
                        messages: Vec::new(),
                        usage: Usage::default(),
                        cost: Cost::default(),
                        turns: 0,
                        tool_calls: 0,
                        finished: None,
                        calls: HashMap::new(),
                        gate_states: HashMap::new(),
                        gate_rejections: 0,
                    },
                );
            }
            event => {
                let Some(log) = self.agents.get_mut(&agent) else {
                    return;
                };
                match event {
                    Event::MessageAppended { message } => log.messages.push(message),
                    Event::Compacted { context, .. } => log.messages = context,
                    Event::ModelFinished { usage, cost, .. } => {
                        log.usage += usage;
                        log.cost += cost;
                        log.turns += 1;
                    }
                    Event::ToolCallStarted { call_id, .. } => {
                        log.calls.insert(call_id, CallRecord::Started);
                    }
                    Event::ToolCallFinished {
                        call_id, output, ..
                    } => {
                        log.calls.insert(call_id, CallRecord::Finished(output));
                        log.tool_calls += 1;
                    }
                    Event::ToolCallDenied {
                        call_id, reason, ..
                    } => {
                        log.calls.insert(call_id, CallRecord::Denied(reason));
                    }
                    Event::AgentResumed { .. } => log.finished = None,
                    Event::GateBegan { gate, state } => {
                        log.gate_states.insert(gate, state);
                    }
                    Event::VerifyFinished { verdict, .. } if verdict != VerifyVerdict::Pass => {
                        log.gate_rejections += 1;
                    }
                    Event::AgentFinished {
                        outcome, report, ..
                    } => log.finished = Some((outcome, report)),
                    _ => {}
                }
            }
        }
    }

    pub fn root_agent(&self) -> Option<&AgentLog> {
        self.agents.get(&self.root)
    }

    pub fn agent(&self, id: &AgentId) -> Option<&AgentLog> {
        self.agents.get(id)
    }

    /// The agents `parent` started, in id order.
    pub fn children_of<'a>(&'a self, parent: &'a AgentId) -> impl Iterator<Item = &'a AgentLog> {
        self.agents
            .values()
            .filter(move |a| a.parent.as_ref() == Some(parent))
    }

    /// The latest attempt (`root.1`, then `root.1~2`, …) that `parent`'s
    /// delegate call `call_id` started, while that call is still open: a
    /// call id a model used again later must not pick up an old child.
    pub fn attempt_for_call(&self, parent: &AgentId, call_id: &ToolCallId) -> Option<&AgentLog> {
        let closed = self.agents.get(parent).is_some_and(|p| {
            matches!(
                p.calls.get(call_id),
                Some(CallRecord::Finished(_) | CallRecord::Denied(_))
            )
        });
        if closed {
            return None;
        }
        self.agents
            .values()
            .filter(|a| a.parent.as_ref() == Some(parent) && a.call_id.as_ref() == Some(call_id))
            .max_by_key(|a| attempt_number(&a.id))
    }

    /// What every agent but the root consumed before this resume, counted
    /// as the session's tally counts it: a sub-agent's spending when it
    /// finished (an unfinished one reports all of it when it finishes
    /// after the resume), and every tool call that finished.
    pub fn delegated_totals(&self) -> Totals {
        let mut totals = Totals::default();
        for agent in self.agents.values().filter(|a| a.id != self.root) {
            if agent.finished.is_some() {
                totals.usage += agent.usage;
                totals.cost += agent.cost;
                totals.turns += agent.turns;
            }
            totals.tool_calls += agent.tool_calls;
        }
        totals
    }
}

/// `root.3~2` is attempt 2 of child 3; `root.3` is attempt 1.
pub fn attempt_number(id: &AgentId) -> u32 {
    id.as_str()
        .rsplit_once('~')
        .and_then(|(_, n)| n.parse().ok())
        .unwrap_or(1)
}

/// The tool result a model sees for a call that was running when the
/// process stopped and cannot safely run twice.
pub fn interrupted_output(tool: &str) -> ToolOutput {
    ToolOutput::error(format!(
        "interrupted: baton stopped while `{tool}` was running, so its outcome is unknown. It may or may not have taken effect; check before running it again."
    ))
}

impl Agent {
    /// Continues the agent from its log: the context it had, what it had
    /// spent, and the last turn's tool calls, each replayed from its
    /// recorded result, re-run if it was in flight and safe to repeat, or
    /// reported to the model as interrupted. With `follow_up`, a finished
    /// agent takes a new task in the same context. `task` is what it was
    /// started with, for a log that ends before its first message.
    pub async fn resume(
        &self,
        bus: &EventBus,
        log: &AgentLog,
        task: &str,
        follow_up: Option<&str>,
        cancel: &CancellationToken,
    ) -> AgentReport {
        let emitter = bus.emitter(self.id.clone(), self.parent.clone());
        // In the middle of its task, the agent is measured from where the
        // task began, not from the state the crash left.
        self.restore_gates(&log.gate_states);
        let mut run = Run::new(self, emitter, cancel);
        run.messages = Arc::new(log.messages.clone());
        if log.messages.is_empty() {
            run.push(Message::user_text(task));
        }
        run.usage = log.usage;
        run.cost = log.cost;
        run.turns = log.turns;
        run.tool_calls = log.tool_calls;
        run.gate_rejections = log.gate_rejections;
        run.last_text = log.last_text();
        // Earlier runs spent this; the budget holds across resumes.
        self.budget.charge(spend(log.usage, log.cost));
        let pending = pending_calls(&log.messages);
        let mut recovered = HashMap::new();
        let (mut replayed, mut rerun, mut interrupted) = (0, Vec::new(), Vec::new());
        for call in &pending {
            match log.calls.get(&call.id) {
                Some(CallRecord::Finished(output)) => {
                    replayed += 1;
                    recovered.insert(call.id.clone(), output.clone());
                }
                Some(CallRecord::Denied(reason)) => {
                    replayed += 1;
                    recovered.insert(call.id.clone(), ToolOutput::error(reason.clone()));
                }
                Some(CallRecord::Started) => {
                    let safe = self
                        .tools
                        .spec(&call.name)
                        .is_some_and(|spec| spec.annotations.is_idempotent());
                    if safe {
                        rerun.push(call.id.clone());
                    } else {
                        interrupted.push(call.id.clone());
                        recovered.insert(call.id.clone(), interrupted_output(&call.name));
                    }
                }
                None => {}
            }
        }
        run.emitter.emit(Event::AgentResumed {
            replayed,
            rerun,
            interrupted,
        });
        if !pending.is_empty() {
            run.recovered = recovered;
            let results = run.run_tools(pending).await;
            run.push(Message {
                role: Role::User,
                content: results,
            });
            run.emitter.sync().await;
        }
        let answered = log
            .messages
            .last()
            .is_some_and(|m| m.role == Role::Assistant && m.tool_uses().next().is_none());
        let (outcome, error) = match follow_up {
            Some(text) => {
                // A new task: its work is measured from where it starts.
                self.begin_gates(&run.emitter).await;
                run.follow_up(text);
                run.drive().await
            }
            // It had given its answer; only the record of it was lost,
            // unless the gates had yet to judge it: a crash while the tests
            // ran must not let the answer through unverified.
            None if answered => run.judge().await,
            None if cancel.is_cancelled() => (Outcome::Cancelled, None),
            None => run.drive().await,
        };
        run.finish_report(outcome, error)
    }
}

/// A [`SessionLog`] kept up to date from the bus as the session runs, so a
/// process that goes on with the session (a chat's next message) needs no
/// trip to the store. Seeded with the log read back when a session is
/// resumed; otherwise it starts at `session_started`.
#[derive(Default)]
pub struct LiveLog {
    log: std::sync::Mutex<Option<SessionLog>>,
}

impl LiveLog {
    pub fn new(seed: Option<SessionLog>) -> Self {
        Self {
            log: std::sync::Mutex::new(seed),
        }
    }

    /// Whether the session has started its root agent, so it can be
    /// continued; without copying the log.
    pub fn started(&self) -> bool {
        self.log
            .lock()
            .is_ok_and(|held| held.as_ref().is_some_and(|log| log.check_root().is_ok()))
    }

    /// The session so far, or why it cannot be continued.
    pub fn snapshot(&self) -> Result<SessionLog, ResumeError> {
        let held = self.log.lock().map_err(|_| ResumeError::Empty)?;
        let log = held.as_ref().ok_or(ResumeError::Empty)?;
        log.check_root()?;
        Ok(log.clone())
    }
}

impl crate::Subscriber for LiveLog {
    fn on_event(&self, envelope: &Envelope) {
        let Ok(mut held) = self.log.lock() else {
            return;
        };
        match held.as_mut() {
            Some(log) => log.apply(envelope.clone()),
            None => *held = SessionLog::start(envelope.clone()).ok(),
        }
    }
}
