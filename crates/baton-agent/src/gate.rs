//! Completion gates: checks that run when an agent says it is done, after
//! the inspector chain has guarded each of its tool calls. A gate that
//! rejects the answer hands the agent feedback and another attempt; when
//! the attempts run out, the agent ends in failure, so no agent (and no
//! sub-agent) can report success over a failed gate.

use std::collections::HashMap;
use std::sync::Mutex;

use async_trait::async_trait;
use baton_protocol::{Cost, Event, Message, Outcome, Usage};
use tokio_util::sync::CancellationToken;

use crate::Emitter;
use crate::agent::{Agent, Run, spend};

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

/// What the completion gates made of a final answer.
pub(crate) enum Gates {
    Passed,
    /// Try again, with this feedback.
    Retry(String),
    /// Out of attempts.
    Failed(String),
}

impl Agent {
    /// Lets each gate note the state the agent's work starts from, and
    /// records it, so a resume can measure from the same point.
    pub(crate) async fn begin_gates(&self, emitter: &Emitter) {
        for gate in &self.gates {
            if let Some(state) = gate.begin().await {
                emitter.emit(Event::GateBegan {
                    gate: gate.name().to_owned(),
                    state,
                });
            }
        }
    }

    /// Gives each gate back the state it noted when the agent began.
    pub(crate) fn restore_gates(&self, states: &HashMap<String, String>) {
        for gate in &self.gates {
            if let Some(state) = states.get(gate.name()) {
                gate.restore(state);
            }
        }
    }
}

impl Run<'_> {
    /// Puts the answer already given to the completion gates, and goes on
    /// as the loop would: for an agent resumed after its last answer.
    pub(crate) async fn judge(&mut self) -> (Outcome, Option<String>) {
        match self.run_gates().await {
            Gates::Passed => (Outcome::Success, None),
            Gates::Retry(feedback) => {
                self.push(Message::user_text(feedback));
                self.drive().await
            }
            Gates::Failed(reason) => (Outcome::Failure, Some(reason)),
        }
    }

    /// Runs the completion gates on the answer just given: every gate
    /// must pass. A rejection costs one of the agent's gate attempts.
    pub(crate) async fn run_gates(&mut self) -> Gates {
        if self.agent.gates.is_empty() {
            return Gates::Passed;
        }
        let task = self.messages.first().map(Message::text).unwrap_or_default();
        let attempt = self.gate_rejections + 1;
        let spent = std::sync::Mutex::new((Usage::default(), Cost::default()));
        let mut outcome = Gates::Passed;
        for gate in &self.agent.gates {
            let cx = GateContext {
                emitter: &self.emitter,
                cancel: self.cancel,
                task: &task,
                answer: &self.last_text,
                attempt,
                spent: &spent,
            };
            match gate.check(&cx).await {
                GateVerdict::Pass => continue,
                GateVerdict::Revise { feedback } => {
                    outcome = Gates::Retry(feedback);
                }
                GateVerdict::Reject { feedback, reason } => {
                    if self.gate_rejections >= self.agent.config.gate_attempts {
                        outcome = Gates::Failed(format!(
                            "the {} gate rejected the work {attempt} times: {reason}",
                            gate.name()
                        ));
                    } else {
                        self.gate_rejections += 1;
                        outcome = Gates::Retry(feedback);
                    }
                }
            }
            break;
        }
        // What the gates' own model calls cost is the agent's.
        let (usage, cost) = spent.into_inner().unwrap_or_default();
        self.usage += usage;
        self.cost += cost;
        self.agent.budget.charge(spend(usage, cost));
        outcome
    }
}
