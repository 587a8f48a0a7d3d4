//! Completion gates: checks that run when an agent says it is done, after
//! the inspector chain has guarded each of its tool calls. A gate that
//! rejects the answer hands the agent feedback and another attempt; when
//! the attempts run out, the agent ends in failure, so no agent (and no
//! sub-agent) can report success over a failed gate.

use std::sync::Mutex;

use async_trait::async_trait;
use baton_protocol::{Cost, Usage};
use tokio_util::sync::CancellationToken;

use crate::Emitter;

/// What a gate sees of the agent it judges.
pub struct GateContext<'a> {
    pub emitter: &'a Emitter,
    pub cancel: &'a CancellationToken,
    /// The agent's task (its first message).
    pub task: &'a str,
    /// The final answer it just gave.
    pub answer: &'a str,
    /// 1 for the first time the agent says it is done, 2 after one
    /// rejection, …
    pub attempt: u32,
    /// What the gate's own model calls consumed, charged to the agent.
    pub(crate) spent: &'a Mutex<(Usage, Cost)>,
}

impl GateContext<'_> {
    /// Charges a model call the gate made to the agent it judges.
    pub fn spend(&self, usage: Usage, cost: Cost) {
        if let Ok(mut spent) = self.spent.lock() {
            spent.0 += usage;
            spent.1 += cost;
        }
    }
}

pub enum GateVerdict {
    Pass,
    /// Not done: `feedback` goes back to the agent as its next message;
    /// `reason` says in one line why, for the report if attempts run out.
    Reject {
        feedback: String,
        reason: String,
    },
    /// Done, but improve it first: `feedback` goes back to the agent. Costs
    /// no attempt; the gate bounds its own rounds.
    Revise {
        feedback: String,
    },
}

#[async_trait]
pub trait Gate: Send + Sync {
    fn name(&self) -> &str;

    /// Called before the agent's first turn (and before a follow-up task):
    /// the moment to note the state its work will be measured against.
    /// What it returns is recorded (`gate_began`), so that a resume after a
    /// crash can [`Gate::restore`] it.
    async fn begin(&self) -> Option<String> {
        None
    }

    /// Takes back the state an earlier [`Gate::begin`] noted, for an agent
    /// resumed in the middle of its task.
    fn restore(&self, _state: &str) {}

    async fn check(&self, cx: &GateContext<'_>) -> GateVerdict;
}
