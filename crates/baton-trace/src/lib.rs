//! The trace of one session: who ran (the agent tree), on which model and
//! why, what each agent and each subtree consumed, where the time went
//! (agents and tool calls on a timeline), and how each ended.
//!
//! A [`Trace`] is built from the event stream alone ([`Trace::from_events`]),
//! so anything that kept the events can feed it: today a run's `--json`
//! output ([`jsonl`]), later the session store. The renderings ([`text`],
//! [`html`]) and the JSON form (serde, field names in `docs/trace.md`) only
//! read a finished `Trace`.

pub mod html;
pub mod jsonl;
pub mod text;

use std::collections::HashMap;

use baton_protocol::{AgentId, Envelope, Event, Outcome, SessionId, ToolCallId, Totals, Usage};
use serde::Serialize;

/// Why events could not be made into one trace.
#[derive(Debug, thiserror::Error)]
pub enum TraceError {
    #[error("there are no events")]
    Empty,
    #[error("the events belong to more than one session ({first} and {other})")]
    MixedSessions { first: SessionId, other: SessionId },
    #[error("the events have more than one root agent ({first} and {other})")]
    SeveralRoots { first: AgentId, other: AgentId },
}

/// One session's agent tree with its numbers. The JSON form is a stable
/// interface (`docs/trace.md`): fields may be added, not renamed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trace {
    pub session: SessionId,
    /// The task the session was started with (`session_started`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    /// `None` when the stream stops before `session_finished` (a killed run).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// Epoch milliseconds of the first and last event.
    pub start_ms: u64,
    pub end_ms: u64,
    pub wall_ms: u64,
    /// The whole tree's consumption: the root's `subtree`.
    pub totals: Sums,
    /// What the sub-agents spent: the root's children's subtrees.
    pub delegated_usd: f64,
    /// What `session_finished` reported, when there was one, for comparison.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reported: Option<Totals>,
    pub root: AgentNode,
}

/// One agent and, under it, the agents it delegated to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgentNode {
    pub id: AgentId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<AgentId>,
    /// Empty when the stream never had this agent's `agent_spawned`.
    pub role: String,
    pub model: String,
    /// Why the router chose the model (delegated agents).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The parent's `delegate` call that started it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_id: Option<ToolCallId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    /// `None`: the stream ended before its `agent_finished`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// Its first event, and its `agent_finished` (or, unfinished, the last
    /// event of the whole stream: it was still running then).
    pub start_ms: u64,
    pub end_ms: u64,
    pub wall_ms: u64,
    /// This agent alone.
    #[serde(rename = "self")]
    pub own: Sums,
    /// This agent and everything under it.
    pub subtree: Sums,
    pub tool_calls: Vec<ToolCall>,
    pub children: Vec<AgentNode>,
}

/// Consumption, for one agent or a subtree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Sums {
    /// Uncached input.
    pub input_tokens: u64,
    pub output_tokens: u64,
    /// Input served from the provider's prompt cache (cache hits).
    pub cache_read_tokens: u64,
    pub cache_write_tokens: u64,
    pub cost_usd: f64,
    pub turns: u32,
    pub model_calls: u32,
    /// Summed `latency_ms` of the model calls.
    pub model_ms: u64,
    /// Started and denied calls.
    pub tool_calls: u32,
    /// Calls whose result was an error, or that were denied.
    pub tool_errors: u32,
    pub agents: u32,
}

impl Sums {
    fn add_usage(&mut self, usage: &Usage) {
        self.input_tokens += usage.input_tokens;
        self.output_tokens += usage.output_tokens;
        self.cache_read_tokens += usage.cache_read_tokens;
        self.cache_write_tokens += usage.cache_write_tokens;
    }

    fn add(&mut self, other: &Sums) {
        self.input_tokens += other.input_tokens;
        self.output_tokens += other.output_tokens;
        self.cache_read_tokens += other.cache_read_tokens;
        self.cache_write_tokens += other.cache_write_tokens;
        self.cost_usd += other.cost_usd;
        self.turns += other.turns;
        self.model_calls += other.model_calls;
        self.model_ms += other.model_ms;
        self.tool_calls += other.tool_calls;
        self.tool_errors += other.tool_errors;
        self.agents += other.agents;
    }

    /// All input the model read: uncached, cache hits and cache writes.
    pub fn prompt_tokens(&self) -> u64 {
        self.input_tokens + self.cache_read_tokens + self.cache_write_tokens
    }
}

/// One tool call on an agent's row of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ToolCall {
    pub call_id: ToolCallId,
    pub tool: String,
    pub start_ms: u64,
    /// `None` while it never finished (the stream stopped first) or when it
    /// was denied and never ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    pub error: bool,
    /// The inspector's reason, when the call was refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denied: Option<String>,
}

/// An agent while its events are being read.
struct Building {
    node: AgentNode,
    /// `agent_finished`'s usage and cost, which win over the model-call sums.
    finished: Option<(Usage, f64)>,
    first_seq: u64,
}

impl Trace {
    /// Builds the tree from a session's events, in stream order.
    ///
    /// Per agent: model calls (`model_finished`) give tokens, cost and
    /// latency; when the agent's `agent_finished` arrives, its usage and
    /// cost replace those sums, since they also count model calls cut off
    /// mid-stream (billed, but never `model_finished`). Agents whose
    /// `agent_spawned` is missing still get a node, with an empty role.
    pub fn from_events(events: impl IntoIterator<Item = Envelope>) -> Result<Trace, TraceError> {
        let mut agents: HashMap<AgentId, Building> = HashMap::new();
        let mut session: Option<SessionId> = None;
        let mut task = None;
        let mut outcome = None;
        let mut reported = None;
        let (mut first_ms, mut last_ms) = (u64::MAX, 0);
        for envelope in events {
            match &session {
                None => session = Some(envelope.session.clone()),
                Some(first) if *first != envelope.session => {
                    return Err(TraceError::MixedSessions {
                        first: first.clone(),
                        other: envelope.session,
                    });
                }
                Some(_) => {}
            }
            let ts = envelope.ts_ms;
            first_ms = first_ms.min(ts);
            last_ms = last_ms.max(ts);
            let building = agents.entry(envelope.agent.clone()).or_insert_with(|| {
                Building::new(
                    envelope.agent.clone(),
                    envelope.parent.clone(),
                    ts,
                    envelope.seq,
                )
            });
            if building.node.parent.is_none() {
                building.node.parent = envelope.parent.clone();
            }
            let node = &mut building.node;
            match envelope.event {
                Event::SessionStarted { task: t, .. } => task = Some(t),
                Event::AgentSpawned {
                    role,
                    model,
                    reason,
                    call_id,
                    task,
                } => {
                    node.role = role;
                    node.model = model;
                    node.reason = reason;
                    node.call_id = call_id;
                    node.task = task;
                }
                Event::TurnStarted { .. } => node.own.turns += 1,
                Event::ModelFinished {
                    usage,
                    cost,
                    latency_ms,
                    ..
                } => {
                    node.own.add_usage(&usage);
                    node.own.cost_usd += cost.total_usd;
                    node.own.model_calls += 1;
                    node.own.model_ms += latency_ms;
                }
                Event::ToolCallStarted { call_id, tool, .. } => {
                    node.own.tool_calls += 1;
                    node.tool_calls.push(ToolCall {
                        call_id,
                        tool,
                        start_ms: ts,
                        duration_ms: None,
                        error: false,
                        denied: None,
                    });
                }
                Event::ToolCallDenied {
                    call_id,
                    tool,
                    reason,
                } => {
                    // Denied calls never ran: listed, but not counted as
                    // tool calls, as the session's totals do not count them.
                    node.own.tool_errors += 1;
                    node.tool_calls.push(ToolCall {
                        call_id,
                        tool,
                        start_ms: ts,
                        duration_ms: None,
                        error: true,
                        denied: Some(reason),
                    });
                }
                Event::ToolCallFinished {
                    call_id,
                    output,
                    duration_ms,
                    tool,
                } => {
                    // Call ids are only unique within an agent; the latest
                    // unfinished call with this id is the one ending.
                    let open = node.tool_calls.iter_mut().rev().find(|c| {
                        c.call_id == call_id && c.duration_ms.is_none() && c.denied.is_none()
                    });
                    let call = match open {
                        Some(call) => call,
                        None => {
                            // Finished without a start in the stream: place
                            // it where it must have started.
                            node.own.tool_calls += 1;
                            node.tool_calls.push(ToolCall {
                                call_id,
                                tool,
                                start_ms: ts.saturating_sub(duration_ms),
                                duration_ms: None,
                                error: false,
                                denied: None,
                            });
                            let Some(call) = node.tool_calls.last_mut() else {
                                continue;
                            };
                            call
                        }
                    };
                    call.duration_ms = Some(duration_ms);
                    if output.is_error {
                        call.error = true;
                        node.own.tool_errors += 1;
                    }
                }
                Event::AgentFinished {
                    outcome: o,
                    usage,
                    cost,
                    ..
                } => {
                    node.outcome = Some(o);
                    node.end_ms = ts;
                    building.finished = Some((usage, cost.total_usd));
                }
                Event::SessionFinished {
                    outcome: o, totals, ..
                } => {
                    outcome = Some(o);
                    reported = Some(totals);
                }
                _ => {}
            }
        }
        let session = session.ok_or(TraceError::Empty)?;
        assemble(agents, last_ms).map(|root| Trace {
            session,
            task,
            outcome,
            start_ms: first_ms,
            end_ms: last_ms,
            wall_ms: last_ms.saturating_sub(first_ms),
            totals: root.subtree,
            delegated_usd: root.children.iter().map(|c| c.subtree.cost_usd).sum(),
            reported,
            root,
        })
    }

    /// Every agent, depth first, with its depth (the root is 0).
    pub fn agents(&self) -> Vec<(usize, &AgentNode)> {
        let mut out = Vec::new();
        let mut stack = vec![(0, &self.root)];
        while let Some((depth, node)) = stack.pop() {
            out.push((depth, node));
            for child in node.children.iter().rev() {
                stack.push((depth + 1, child));
            }
        }
        out
    }
}

impl Building {
    fn new(id: AgentId, parent: Option<AgentId>, start_ms: u64, first_seq: u64) -> Self {
        Building {
            node: AgentNode {
                id,
                parent,
                role: String::new(),
                model: String::new(),
                reason: None,
                call_id: None,
                task: None,
                outcome: None,
                start_ms,
                end_ms: start_ms,
                wall_ms: 0,
                own: Sums::default(),
                subtree: Sums::default(),
                tool_calls: Vec::new(),
                children: Vec::new(),
            },
            finished: None,
            first_seq,
        }
    }
}

/// Links the agents into one tree and adds up each subtree.
fn assemble(mut agents: HashMap<AgentId, Building>, last_ms: u64) -> Result<AgentNode, TraceError> {
    // A parent that never emitted anything (a filtered stream) still needs
    // a node to hang its children on; its own parent is its id's prefix.
    loop {
        let missing: Vec<(AgentId, u64, u64)> = agents
            .values()
            .filter_map(|b| {
                let parent = b.node.parent.as_ref()?;
                (!agents.contains_key(parent))
                    .then(|| (parent.clone(), b.node.start_ms, b.first_seq))
            })
            .collect();
        if missing.is_empty() {
            break;
        }
        for (id, start_ms, first_seq) in missing {
            let parent = id.as_str().rsplit_once('.').map(|(p, _)| AgentId::new(p));
            agents
                .entry(id.clone())
                .or_insert_with(|| Building::new(id, parent, start_ms, first_seq));
        }
    }
    let mut by_parent: HashMap<Option<AgentId>, Vec<(u64, AgentNode)>> = HashMap::new();
    for (_, mut building) in agents {
        let node = &mut building.node;
        if let Some((usage, cost)) = building.finished {
            node.own.input_tokens = usage.input_tokens;
            node.own.output_tokens = usage.output_tokens;
            node.own.cache_read_tokens = usage.cache_read_tokens;
            node.own.cache_write_tokens = usage.cache_write_tokens;
            node.own.cost_usd = cost;
        } else {
            node.end_ms = last_ms;
        }
        node.own.agents = 1;
        node.wall_ms = node.end_ms.saturating_sub(node.start_ms);
        by_parent
            .entry(node.parent.clone())
            .or_default()
            .push((building.first_seq, building.node));
    }
    let mut roots = by_parent.remove(&None).unwrap_or_default();
    roots.sort_by_key(|(seq, _)| *seq);
    let mut roots = roots.into_iter();
    let Some((_, mut root)) = roots.next() else {
        return Err(TraceError::Empty);
    };
    if let Some((_, other)) = roots.next() {
        return Err(TraceError::SeveralRoots {
            first: root.id,
            other: other.id,
        });
    }
    attach(&mut root, &mut by_parent);
    Ok(root)
}

/// Gives `node` its children (in the order they started) and its subtree sums.
fn attach(node: &mut AgentNode, by_parent: &mut HashMap<Option<AgentId>, Vec<(u64, AgentNode)>>) {
    let mut children = by_parent.remove(&Some(node.id.clone())).unwrap_or_default();
    children.sort_by_key(|(seq, _)| *seq);
    node.subtree = node.own;
    for (_, mut child) in children {
        attach(&mut child, by_parent);
        node.subtree.add(&child.subtree);
        node.children.push(child);
    }
}

#[cfg(test)]
mod tests;
