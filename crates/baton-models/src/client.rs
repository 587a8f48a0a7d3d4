use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use baton_protocol::{ContentBlock, Message, Price, StopReason, ToolCallId, ToolSpec, Usage};
use futures::{Stream, StreamExt};

use crate::ModelError;

/// Everything one model call needs. Providers translate it to their wire format.
///
/// The conversation and tool list are shared, not copied: an agent loop
/// sends a growing conversation every turn, and cloning it each time would
/// make a long run quadratic.
#[derive(Debug, Clone, Default)]
pub struct ModelRequest {
    pub system: Option<String>,
    pub messages: Arc<Vec<Message>>,
    pub tools: Arc<Vec<ToolSpec>>,
    pub max_tokens: u32,
    pub temperature: Option<f32>,
    pub top_p: Option<f32>,
    /// For providers that can sample reproducibly (local models, OpenAI).
    pub seed: Option<u64>,
    pub stop_sequences: Vec<String>,
    /// Ask for the `k` most likely tokens at each generated position, where
    /// the provider can report them (local models, OpenAI-compatible servers).
    pub top_logprobs: Option<u8>,
}

/// A finished model call: the assembled assistant message and what it cost.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelResponse {
    pub content: Vec<ContentBlock>,
    pub stop_reason: StopReason,
    /// Includes the usage of failed attempts that were retried: they were billed too.
    pub usage: Usage,
    /// The model that answered, as the provider reported it.
    pub model: String,
    /// Per generated token, when requested with `top_logprobs` and supported.
    pub logprobs: Option<Vec<TokenLogprob>>,
}

/// One generated token with its log-probability and the most likely alternatives.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenLogprob {
    pub token: String,
    /// Natural log of the token's probability.
    pub logprob: f64,
    /// The `k` most likely tokens at this position, most likely first.
    pub top: Vec<(String, f64)>,
}

/// What to score continuations after.
#[derive(Debug, Clone, PartialEq)]
pub enum ScorePrompt {
    /// Text fed to the model exactly as given (no chat template).
    Raw(String),
    /// A conversation, rendered with the model's chat template and ending
    /// where the assistant's reply would begin.
    Chat {
        system: Option<String>,
        messages: Vec<Message>,
    },
}

/// The log-probability of one candidate continuation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CandidateScore {
    /// Sum of the log-probabilities of the candidate's tokens.
    pub logprob: f64,
    pub tokens: usize,
}

/// Models that can score given continuations, e.g. how likely "(A)" is
/// against "(B)" after a comparison prompt.
#[async_trait::async_trait]
pub trait Scorer: Send + Sync {
    async fn score(
        &self,
        prompt: &ScorePrompt,
        candidates: &[String],
    ) -> Result<Vec<CandidateScore>, ModelError>;
}

impl ModelResponse {
    pub fn message(&self) -> Message {
        Message {
            role: baton_protocol::Role::Assistant,
            content: self.content.clone(),
        }
    }
}

/// What a model stream yields, in order: deltas, usage updates, perhaps
/// retries, and exactly one `Finished` at the end (or an error).
#[derive(Debug, Clone, PartialEq)]
pub enum StreamEvent {
    TextDelta(String),
    /// A tool call began; its input arrives assembled in `Finished`.
    ToolUseStarted {
        id: ToolCallId,
        name: String,
    },
    /// Usage of this call so far, cumulative (including retried attempts),
    /// so a cancelled call can still be accounted for.
    Usage(Usage),
    /// The attempt failed and will be retried after `delay`. Deltas seen
    /// since the call began are void; the next attempt starts over.
    Retrying {
        attempt: u32,
        reason: String,
        delay: Duration,
    },
    Finished(ModelResponse),
}

pub type ModelStream = Pin<Box<dyn Stream<Item = Result<StreamEvent, ModelError>> + Send>>;

/// Static facts about a configured model.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelInfo {
    /// The name baton shows and routes by, e.g. `sonnet` or `anthropic:claude-sonnet-4-5`.
    pub name: String,
    /// The provider's own model id.
    pub model_id: String,
    pub provider: &'static str,
    /// `None` when no price is known; cost is then reported as zero.
    pub price: Option<Price>,
    pub context_window: u64,
    pub max_output_tokens: u32,
    /// Sampling settings from the model's configuration, used when a
    /// request does not set its own.
    pub sampling: Sampling,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Sampling {
    pub temperature: Option<f32>,
    pub top_p: Option<f32>,
    pub seed: Option<u64>,
}

/// A streaming model. Dropping the stream cancels the call.
pub trait ModelClient: Send + Sync {
    fn info(&self) -> &ModelInfo;
    fn stream(&self, request: ModelRequest) -> ModelStream;

    /// Scoring of given continuations, for models that expose their
    /// log-probabilities over any text.
    fn scorer(&self) -> Option<&dyn Scorer> {
        None
    }
}

/// Drives a stream to its end, handing every event to `on_event`, and
/// returns the final response. For callers that do not render deltas.
pub async fn collect(
    mut stream: ModelStream,
    mut on_event: impl FnMut(&StreamEvent),
) -> Result<ModelResponse, ModelError> {
    while let Some(event) = stream.next().await {
        let event = event?;
        on_event(&event);
        if let StreamEvent::Finished(response) = event {
            return Ok(response);
        }
    }
    Err(ModelError::Truncated {
        provider: "unknown",
        detail: "the stream ended without a final message".into(),
    })
}
