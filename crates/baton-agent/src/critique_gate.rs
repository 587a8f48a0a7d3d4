//! The critique gate: when an agent says it is done, a principle of the
//! constitution (drawn by weight, matched to the task) is used to critique
//! its answer; unless the critique finds nothing, the agent revises. A few
//! rounds at most, each with a fresh principle. Gates after it (verify)
//! then judge the revision, so a revision that touched code is verified.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use async_trait::async_trait;
use baton_constitution::Constitution;
use baton_constitution::constitution::{critique_found_nothing, tags_for_task};
use baton_models::{ModelClient, ModelRequest, collect};
use baton_protocol::{Event, Message, StopReason};

use crate::gate::{Gate, GateContext, GateVerdict};

/// What the critique gate needs, shared by every agent whose role has it.
#[derive(Clone)]
pub struct CritiqueSettings {
    pub constitution: Arc<Constitution>,
    /// Critique → revise rounds per agent (each with a fresh principle).
    pub rounds: u32,
    /// Seeds the principle draws, so a run can be repeated.
    pub seed: u64,
}

const CRITIC_SYSTEM: &str = "You review an assistant's answer against one principle. Be specific and brief: name what, if anything, the answer should change to satisfy the principle. If the answer already satisfies it, reply with exactly NO ISSUES.";

/// The agent's own model critiques its answer.
pub struct CritiqueGate {
    model: Arc<dyn ModelClient>,
    settings: CritiqueSettings,
    state: Mutex<State>,
}

struct State {
    rng: fastrand::Rng,
    rounds_done: u32,
    /// A critique asked for a revision, so the next answer is one.
    awaiting_revision: bool,
}

impl CritiqueGate {
    pub fn new(model: Arc<dyn ModelClient>, settings: CritiqueSettings) -> Self {
        let rng = fastrand::Rng::with_seed(settings.seed);
        Self {
            model,
            settings,
            state: Mutex::new(State {
                rng,
                rounds_done: 0,
                awaiting_revision: false,
            }),
        }
    }
}

#[async_trait]
impl Gate for CritiqueGate {
    fn name(&self) -> &str {
        "critique"
    }

    async fn check(&self, cx: &GateContext<'_>) -> GateVerdict {
        // Draw under the lock, call the model outside it.
        let principle = {
            let Ok(mut state) = self.state.lock() else {
                return GateVerdict::Pass;
            };
            if state.awaiting_revision {
                state.awaiting_revision = false;
                cx.emitter.emit(Event::Revision {
                    text: cx.answer.to_owned(),
                });
            }
            if state.rounds_done >= self.settings.rounds {
                return GateVerdict::Pass;
            }
            state.rounds_done += 1;
            let tags = tags_for_task(cx.task);
            let principle = self.settings.constitution.draw(&mut state.rng, Some(&tags));
            principle.clone()
        };
        let messages = baton_constitution::sl::critique_messages(
            &[Message::user_text(cx.task)],
            cx.answer,
            &principle,
        );
        let request = ModelRequest {
            system: Some(CRITIC_SYSTEM.to_owned()),
            messages: Arc::new(messages),
            max_tokens: 1024.min(self.model.info().max_output_tokens),
            ..ModelRequest::default()
        };
        let started = Instant::now();
        let response = tokio::select! {
            response = collect(self.model.stream(request), |_| {}) => response,
            () = cx.cancel.cancelled() => return GateVerdict::Pass,
        };
        let response = match response {
            Ok(response) => response,
            Err(error) => {
                // A critique that cannot be had proves nothing wrong.
                cx.emitter.emit(Event::Warning {
                    message: format!("the critique gate could not ask the model: {error}"),
                });
                return GateVerdict::Pass;
            }
        };
        let cost = self
            .model
            .info()
            .price
            .map(|price| price.cost(&response.usage))
            .unwrap_or_default();
        cx.emitter.emit(Event::ModelFinished {
            model: response.model.clone(),
            stop_reason: StopReason::EndTurn,
            usage: response.usage,
            cost,
            latency_ms: started.elapsed().as_millis() as u64,
            first_token_ms: None,
        });
        cx.spend(response.usage, cost);
        let critique = response.message().text().trim().to_owned();
        let found_nothing = critique.is_empty() || critique_found_nothing(&critique);
        cx.emitter.emit(Event::Critique {
            principle: principle.id.clone(),
            text: critique.clone(),
            found_nothing,
        });
        if found_nothing {
            return GateVerdict::Pass;
        }
        if let Ok(mut state) = self.state.lock() {
            state.awaiting_revision = true;
        }
        GateVerdict::Revise {
            feedback: format!(
                "A review of your answer against the principle `{}` found this:\n\n{critique}\n\n{}\n\nRevise your work accordingly (change the code too, if the critique is about it), then give your final answer again in full.",
                principle.id,
                principle.revision.trim()
            ),
        }
    }
}
