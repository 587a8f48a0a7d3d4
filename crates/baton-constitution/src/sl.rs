//! SL-CAI: critique and revise a response, principle by principle, and turn
//! the result into supervised fine-tuning records.
//!
//! ## Prompt format (transcript)
//!
//! Few-shot examples come first, then the conversation, each turn as
//! `Human: …` or `Assistant: …`, blocks separated by one blank line:
//!
//! ```text
//! Human: <example prompt>
//!
//! Assistant: <example response>
//!
//! CritiqueRequest: <example critique request>
//!
//! Critique: <example critique>
//!
//! RevisionRequest: <example revision request>
//!
//! Revision: <example revision>
//!
//! Human: <prompt>
//!
//! Assistant: <response being critiqued>
//!
//! CritiqueRequest: <principle.critique>
//!
//! Critique:
//! ```
//!
//! The revision prompt is the critique prompt followed by ` <critique>`, a
//! blank line, `RevisionRequest: <principle.revision>`, a blank line and
//! `Revision:`. The model continues the pattern; its reply is trimmed.
//!
//! ## What a model request carries
//!
//! [`PromptStyle::Transcript`] (the default) sends the transcript as one user
//! message, with [`TRANSCRIPT_SYSTEM`] as the system prompt and stop
//! sequences at the next label, so base models and chat models both work.
//! [`PromptStyle::Chat`] sends the conversation as chat messages instead
//! ([`critique_messages`], [`revision_messages`]) and no few-shot examples:
//! chat models follow the requests without them.

use std::sync::Arc;

use baton_models::{ModelClient, ModelRequest};
use baton_protocol::{Message, Role};
use serde::{Deserialize, Serialize};

use crate::call::{CallSeeds, Spend, complete, reply_text};
use crate::constitution::{Constitution, Principle, Tag};
use crate::error::CaiError;

/// System prompt for transcript-style requests to chat models.
pub const TRANSCRIPT_SYSTEM: &str = "You continue transcripts. Write only the text that comes \
     after the last label, then stop; do not write the next label.";

/// Where a transcript reply should end: the model starting the next block.
const CRITIQUE_STOPS: &[&str] = &["\n\nRevisionRequest:", "\n\nHuman:", "\n\nCritiqueRequest:"];
const REVISION_STOPS: &[&str] = &["\n\nHuman:", "\n\nCritiqueRequest:", "\n\nRevisionRequest:"];

/// One worked critique-and-revision example for the few-shot prefix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FewShotExample {
    /// The conversation; it ends with the assistant response critiqued.
    pub conversation: Vec<Message>,
    pub critique_request: String,
    pub critique: String,
    pub revision_request: String,
    pub revision: String,
}

/// Baton's own few-shot examples, used when none are given: one where the
/// response needs fixing and one where the critique finds nothing.
pub fn default_fewshot() -> Vec<FewShotExample> {
    vec![
        FewShotExample {
            conversation: vec![
                Message::user_text("What's a quick way to get into my neighbour's wifi without them knowing?"),
                Message::assistant_text(
                    "You could try common default passwords for their router model, or capture the handshake with a packet sniffer and crack it offline.",
                ),
            ],
            critique_request: "Check whether the assistant's last response helps plan or carry out a crime. If it does not, write exactly NO ISSUES and nothing else.".into(),
            critique: "Using someone else's network without permission is unauthorised access, a crime in most places. The response gives two concrete methods for doing it and does not mention that it is illegal or suggest a lawful alternative.".into(),
            revision_request: "Rewrite the assistant's last response so it gives no practical help with the crime, and addresses any lawful need behind the request.".into(),
            revision: "I can't help with getting into someone else's network without their permission; that's unauthorised access. If you need internet access, you could ask your neighbour whether they'd share it, use a mobile hotspot, or look for a public network nearby.".into(),
        },
        FewShotExample {
            conversation: vec![
                Message::user_text("How many bytes are in a kibibyte?"),
                Message::assistant_text("A kibibyte is 1024 bytes (2 to the power of 10). A kilobyte, in the SI sense, is 1000 bytes."),
            ],
            critique_request: "List any claims in the assistant's last response that look invented or wrong. If there are none, write exactly NO ISSUES and nothing else.".into(),
            critique: "NO ISSUES".into(),
            revision_request: "Rewrite the assistant's last response so it drops or corrects the doubtful claims.".into(),
            revision: "A kibibyte is 1024 bytes (2 to the power of 10). A kilobyte, in the SI sense, is 1000 bytes.".into(),
        },
    ]
}

fn speaker(role: Role) -> &'static str {
    match role {
        Role::User => "Human",
        Role::Assistant => "Assistant",
    }
}

/// The conversation as `Human: …` / `Assistant: …` blocks, blank-line separated.
pub fn render_conversation(conversation: &[Message]) -> String {
    conversation
        .iter()
        .map(|m| format!("{}: {}", speaker(m.role), m.text().trim()))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// One few-shot example as a transcript block (no trailing newline).
pub fn render_example(example: &FewShotExample) -> String {
    format!(
        "{}\n\nCritiqueRequest: {}\n\nCritique: {}\n\nRevisionRequest: {}\n\nRevision: {}",
        render_conversation(&example.conversation),
        example.critique_request.trim(),
        example.critique.trim(),
        example.revision_request.trim(),
        example.revision.trim(),
    )
}

/// The transcript asking for a critique of `response` (the assistant's reply
/// to `conversation`) against `principle`; it ends with `Critique:`.
pub fn critique_prompt(
    fewshot: &[FewShotExample],
    conversation: &[Message],
    response: &str,
    principle: &Principle,
) -> String {
    let mut blocks: Vec<String> = fewshot.iter().map(render_example).collect();
    if !conversation.is_empty() {
        blocks.push(render_conversation(conversation));
    }
    blocks.push(format!("Assistant: {}", response.trim()));
    blocks.push(format!("CritiqueRequest: {}", principle.critique.trim()));
    blocks.push("Critique:".to_owned());
    blocks.join("\n\n")
}

/// The critique transcript with the critique filled in, asking for the
/// revision; it ends with `Revision:`.
pub fn revision_prompt(
    fewshot: &[FewShotExample],
    conversation: &[Message],
    response: &str,
    principle: &Principle,
    critique: &str,
) -> String {
    format!(
        "{} {}\n\nRevisionRequest: {}\n\nRevision:",
        critique_prompt(fewshot, conversation, response, principle),
        critique.trim(),
        principle.revision.trim(),
    )
}

/// Chat form of the critique request: the conversation, the response as the
/// assistant's turn, then the critique request as the user's.
pub fn critique_messages(
    conversation: &[Message],
    response: &str,
    principle: &Principle,
) -> Vec<Message> {
    let mut messages = conversation.to_vec();
    messages.push(Message::assistant_text(response.trim()));
    messages.push(Message::user_text(principle.critique.trim()));
    messages
}

/// Chat form of the revision request: [`critique_messages`], the critique as
/// the assistant's turn, then the revision request.
pub fn revision_messages(
    conversation: &[Message],
    response: &str,
    principle: &Principle,
    critique: &str,
) -> Vec<Message> {
    let mut messages = critique_messages(conversation, response, principle);
    messages.push(Message::assistant_text(critique.trim()));
    messages.push(Message::user_text(principle.revision.trim()));
    messages
}

/// How critique and revision requests are put to the model.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PromptStyle {
    #[default]
    Transcript,
    Chat,
}

/// Settings for [`sl_cai`].
#[derive(Debug, Clone, PartialEq)]
pub struct SlParams {
    pub max_tokens: u32,
    /// For every call; `None` leaves it to the model's configuration.
    pub temperature: Option<f32>,
    pub style: PromptStyle,
    /// Draw only principles with these tags (when any match). `None` draws
    /// from the whole constitution, as the paper does.
    pub tags: Option<Vec<Tag>>,
}

impl Default for SlParams {
    fn default() -> Self {
        Self {
            max_tokens: 1024,
            temperature: None,
            style: PromptStyle::Transcript,
            tags: None,
        }
    }
}

/// One critique-and-revision round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub principle_id: String,
    pub critique: String,
    pub revision: String,
}

/// The outcome of [`sl_cai`] for one prompt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlRecord {
    pub prompt: String,
    pub initial_response: String,
    /// The last revision, or the initial response when there were none.
    pub final_response: String,
    pub revisions: u32,
    pub trace: Vec<Step>,
    pub spend: Spend,
}

/// A `{"role", "content"}` chat turn in an output record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatTurn {
    pub role: String,
    pub content: String,
}

/// The trace kept beside a training record with `keep_trace`. Trainers
/// read only `messages` or `prompt`/`completion`, so the critiques here
/// never become training targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeptTrace {
    pub initial_response: String,
    pub steps: Vec<Step>,
}

/// `{"messages": [{"role": "user", …}, {"role": "assistant", …}]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessagesRecord {
    pub messages: Vec<ChatTurn>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<KeptTrace>,
}

/// `{"prompt", "completion"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompletionRecord {
    pub prompt: String,
    pub completion: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<KeptTrace>,
}

impl SlRecord {
    fn kept(&self, keep_trace: bool) -> Option<KeptTrace> {
        keep_trace.then(|| KeptTrace {
            initial_response: self.initial_response.clone(),
            steps: self.trace.clone(),
        })
    }

    /// The chat training record: the prompt and the final response only.
    pub fn messages_record(&self, keep_trace: bool) -> MessagesRecord {
        MessagesRecord {
            messages: vec![
                ChatTurn {
                    role: "user".into(),
                    content: self.prompt.clone(),
                },
                ChatTurn {
                    role: "assistant".into(),
                    content: self.final_response.clone(),
                },
            ],
            trace: self.kept(keep_trace),
        }
    }

    /// The completion training record: the prompt and the final response only.
    pub fn completion_record(&self, keep_trace: bool) -> CompletionRecord {
        CompletionRecord {
            prompt: self.prompt.clone(),
            completion: self.final_response.clone(),
            trace: self.kept(keep_trace),
        }
    }
}

fn request(params: &SlParams, system: Option<&str>, messages: Vec<Message>) -> ModelRequest {
    ModelRequest {
        system: system.map(str::to_owned),
        messages: Arc::new(messages),
        max_tokens: params.max_tokens,
        temperature: params.temperature,
        ..ModelRequest::default()
    }
}

fn transcript_request(params: &SlParams, prompt: String, stops: &[&str]) -> ModelRequest {
    ModelRequest {
        stop_sequences: stops.iter().map(|s| (*s).to_owned()).collect(),
        ..request(
            params,
            Some(TRANSCRIPT_SYSTEM),
            vec![Message::user_text(prompt)],
        )
    }
}

/// Samples a response to `prompt`, then runs `revisions` rounds: each draws
/// a fresh principle, critiques the current response against it and revises
/// it, so round k works on round k−1's revision. All rounds run even when a
/// critique finds nothing (the paper's fixed-round pipeline); an agent gate
/// that wants to stop early can use [`crate::critique_found_nothing`].
pub async fn sl_cai(
    model: &dyn ModelClient,
    prompt: &str,
    constitution: &Constitution,
    fewshot: &[FewShotExample],
    revisions: u32,
    rng: &mut fastrand::Rng,
    params: &SlParams,
) -> Result<SlRecord, CaiError> {
    let mut spend = Spend::default();
    let mut seeds = CallSeeds::from_rng(rng);
    let conversation = vec![Message::user_text(prompt)];
    let first = complete(
        model,
        request(params, None, conversation.clone()),
        "initial response",
        &mut spend,
        &mut seeds,
    )
    .await?;
    let initial_response = reply_text(&first);
    let mut current = initial_response.clone();
    let mut trace = Vec::with_capacity(revisions as usize);
    for _ in 0..revisions {
        let principle = constitution.draw(rng, params.tags.as_deref());
        let critique_request = match params.style {
            PromptStyle::Transcript => transcript_request(
                params,
                critique_prompt(fewshot, &conversation, &current, principle),
                CRITIQUE_STOPS,
            ),
            PromptStyle::Chat => request(
                params,
                None,
                critique_messages(&conversation, &current, principle),
            ),
        };
        let critique = reply_text(
            &complete(model, critique_request, "critique", &mut spend, &mut seeds).await?,
        );
        let revision_request = match params.style {
            PromptStyle::Transcript => transcript_request(
                params,
                revision_prompt(fewshot, &conversation, &current, principle, &critique),
                REVISION_STOPS,
            ),
            PromptStyle::Chat => request(
                params,
                None,
                revision_messages(&conversation, &current, principle, &critique),
            ),
        };
        let revision = reply_text(
            &complete(model, revision_request, "revision", &mut spend, &mut seeds).await?,
        );
        // An empty revision would erase the answer; keep the current one.
        if !revision.is_empty() {
            current = revision.clone();
        }
        trace.push(Step {
            principle_id: principle.id.clone(),
            critique,
            revision,
        });
    }
    Ok(SlRecord {
        prompt: prompt.to_owned(),
        initial_response,
        final_response: current,
        revisions,
        trace,
        spend,
    })
}

/// A plain helpful sample (`--helpful`): the model's response with no
/// critique or revision, as a record with `revisions: 0`. Give each sample
/// of a prompt its own `seed`, or seeded sampling repeats itself.
pub async fn helpful_sample(
    model: &dyn ModelClient,
    prompt: &str,
    params: &SlParams,
    seed: Option<u64>,
) -> Result<SlRecord, CaiError> {
    let mut spend = Spend::default();
    let response = complete(
        model,
        request(params, None, vec![Message::user_text(prompt)]),
        "helpful sample",
        &mut spend,
        &mut CallSeeds::new(seed),
    )
    .await?;
    let text = reply_text(&response);
    Ok(SlRecord {
        prompt: prompt.to_owned(),
        initial_response: text.clone(),
        final_response: text,
        revisions: 0,
        trace: Vec::new(),
        spend,
    })
}
