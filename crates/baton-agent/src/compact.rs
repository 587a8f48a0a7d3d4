//! Context compaction: when an agent's prompt nears its model's context
//! window, the older turns are replaced by a model-written summary (or, if
//! that fails, by dropping old tool outputs and then old turns), so a long
//! session keeps working. See `docs/compaction.md`.
//!
//! Everything that decides *what* the new context is lives in pure
//! functions here; the only effect is the summary call, which the caller
//! makes: [`compact_messages`] for a context on its own (the CLI), and the
//! agent loop's own variant in [`run`] that goes through the budget and
//! the event stream.

use baton_models::{ModelClient, ModelRequest, collect};
use baton_protocol::{
    CompactionStrategy, ContentBlock, Cost, Message, Role, ToolResultContent, Usage,
};

use crate::budget::estimate_tokens;

mod fallback;
#[cfg(test)]
mod proptests;
pub(crate) mod run;
mod summary;
#[cfg(test)]
mod tests;

pub use fallback::drop_to_fit;
pub use summary::{render_transcript, summary_request, with_summary};

/// Starts the part of the first message that compaction wrote, after the
/// task: what follows it is a summary or a note, never the user's words.
pub const COMPACTION_HEADER: &str = "[Context compacted by baton: earlier turns are not shown]";
/// What a dropped tool output is replaced with.
pub const DROPPED_OUTPUT: &str = "[output dropped to save context]";
/// The most of the window a summary may take.
const SUMMARY_SHARE: f64 = 0.15;
/// A calibration outside this range says more about a broken usage report
/// than about the tokenizer.
const RATIO_MIN: f64 = 0.25;
const RATIO_MAX: f64 = 4.0;

/// When and how much to compact; `AgentConfig::compaction` holds one, and
/// `None` there turns compaction off.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CompactionSettings {
    /// Compact before a model call whose prompt reaches this share of the
    /// model's context window.
    pub threshold: f64,
    /// The share of the window the recent, verbatim turns may keep.
    pub keep_recent: f64,
}

impl Default for CompactionSettings {
    fn default() -> Self {
        Self {
            threshold: 0.8,
            keep_recent: 0.3,
        }
    }
}

impl CompactionSettings {
    pub fn threshold_tokens(&self, window: u64) -> u64 {
        share(window, self.threshold)
    }

    pub fn keep_tokens(&self, window: u64) -> u64 {
        share(window, self.keep_recent)
    }

    /// What a compacted prompt must come under: no more than the summary
    /// strategy can produce, so the fallback frees as much room as a
    /// summary would instead of compacting again on the next turn.
    pub fn target_tokens(&self, window: u64) -> u64 {
        // Strictly under the threshold, or the next turn compacts again.
        share(window, self.keep_recent + SUMMARY_SHARE)
            .min(self.threshold_tokens(window).saturating_sub(1))
    }

    pub fn is_due(&self, prompt_tokens: u64, window: u64) -> bool {
        prompt_tokens >= self.threshold_tokens(window)
    }
}

fn share(window: u64, fraction: f64) -> u64 {
    (window as f64 * fraction.clamp(0.0, 1.0)) as u64
}

/// How many real tokens one of our estimated tokens turned out to be, from
/// the provider's count of the last request. Our estimate is characters
/// over three whatever the model; the ratio corrects it for this model and
/// this conversation's mix of prose, code and JSON.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calibration {
    ratio: f64,
}

impl Default for Calibration {
    fn default() -> Self {
        Self { ratio: 1.0 }
    }
}

impl Calibration {
    pub fn new(ratio: f64) -> Self {
        let ratio = if ratio.is_finite() { ratio } else { 1.0 };
        Self {
            ratio: ratio.clamp(RATIO_MIN, RATIO_MAX),
        }
    }

    pub fn ratio(&self) -> f64 {
        self.ratio
    }

    /// Learns from one call: `reported` prompt tokens (input plus cache
    /// reads and writes) for a request we estimated at `estimated`. A
    /// provider that reports nothing teaches nothing.
    pub fn observe(&mut self, reported: u64, estimated: u64) {
        if reported > 0 && estimated > 0 {
            *self = Self::new(reported as f64 / estimated as f64);
        }
    }

    /// Calibrated tokens for an uncalibrated estimate.
    pub fn tokens(&self, estimated: u64) -> u64 {
        (estimated as f64 * self.ratio).ceil() as u64
    }

    pub fn context_tokens(&self, messages: &[Message]) -> u64 {
        self.tokens(estimate_tokens(context_chars(messages)))
    }
}

/// A message's size as sent: its JSON, which is close to what providers
/// see and is what every estimate here is based on.
pub fn message_chars(message: &Message) -> usize {
    serde_json::to_string(message).map_or(0, |text| text.len())
}

pub fn context_chars(messages: &[Message]) -> usize {
    messages.iter().map(message_chars).sum()
}

/// Our uncalibrated token estimate of a whole request: system prompt,
/// messages and tool definitions.
pub fn estimate_request_tokens(request: &ModelRequest) -> u64 {
    let system = request.system.as_ref().map_or(0, String::len);
    let messages = context_chars(&request.messages);
    let tools: usize = request
        .tools
        .iter()
        .map(|tool| serde_json::to_string(tool).map_or(0, |text| text.len()))
        .sum();
    estimate_tokens(system + messages + tools)
}

/// What compaction did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompactionOutcome {
    /// Below the threshold: nothing to do.
    NotNeeded,
    Compacted(CompactionStrategy),
    /// Every strategy would have left the context as large or larger, so
    /// it was kept as it was.
    Refused,
}

/// The result of one compaction attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct Compaction {
    pub outcome: CompactionOutcome,
    /// The prompt's calibrated size before and after, in tokens; the same
    /// when nothing changed.
    pub before_tokens: u64,
    pub after_tokens: u64,
    /// The context to carry on with: the new one, or the old one unchanged.
    pub context: Vec<Message>,
    /// What the summary call consumed (zero when none was made).
    pub usage: Usage,
    pub cost: Cost,
    /// Why the summary was not used, when a fallback strategy ran instead.
    pub summary_failure: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompactError {
    #[error("the context is empty")]
    Empty,
    #[error("the context cannot be compacted: message {index} {problem}")]
    Malformed { index: usize, problem: String },
}

/// The model facts and prompt overhead a compaction is sized against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    pub context_window: u64,
    pub max_output_tokens: u32,
    /// Calibrated tokens the request spends outside the messages (system
    /// prompt, tool definitions); they count against the window too.
    pub overhead_tokens: u64,
}

impl Window {
    pub fn of(model: &dyn ModelClient) -> Self {
        let info = model.info();
        Self {
            context_window: info.context_window,
            max_output_tokens: info.max_output_tokens,
            overhead_tokens: 0,
        }
    }

    fn summary_max_tokens(&self) -> u32 {
        let share = share(self.context_window, SUMMARY_SHARE).max(1);
        self.max_output_tokens
            .min(u32::try_from(share).unwrap_or(u32::MAX))
    }
}

/// A compaction that is due, waiting for its summary.
#[derive(Debug, Clone)]
pub struct Job {
    messages: Vec<Message>,
    /// The first kept message; an assistant message.
    split: usize,
    settings: CompactionSettings,
    window: Window,
    calibration: Calibration,
    before_tokens: u64,
    /// `None` when there is nothing old enough to summarise.
    request: Option<ModelRequest>,
}

/// What [`prepare`] decided.
#[derive(Debug, Clone)]
pub enum Prepared {
    NotNeeded(Compaction),
    Due(Box<Job>),
}

/// Checks the context and decides whether to compact it and where to split
/// it. `force` compacts even below the threshold.
pub fn prepare(
    messages: &[Message],
    settings: &CompactionSettings,
    window: Window,
    calibration: Calibration,
    force: bool,
) -> Result<Prepared, CompactError> {
    validate(messages)?;
    let before_tokens = window.overhead_tokens + calibration.context_tokens(messages);
    let due = settings.is_due(before_tokens, window.context_window);
    let Some(split) = split_point(
        messages,
        &calibration,
        settings.keep_tokens(window.context_window),
    )
    .filter(|_| force || due) else {
        return Ok(Prepared::NotNeeded(unchanged(
            messages,
            before_tokens,
            CompactionOutcome::NotNeeded,
        )));
    };
    let request = (split > 1).then(|| {
        summary_request(
            messages,
            split,
            window.summary_max_tokens(),
            window.context_window,
            &calibration,
        )
    });
    Ok(Prepared::Due(Box::new(Job {
        messages: messages.to_vec(),
        split,
        settings: *settings,
        window,
        calibration,
        before_tokens,
        request,
    })))
}

impl Job {
    /// The summary call to make, if any; hand its text (or why it failed)
    /// to [`Job::finish`].
    pub fn request(&self) -> Option<&ModelRequest> {
        self.request.as_ref()
    }

    /// Builds the new context from the summary, or from the fallback when
    /// there is no usable summary, and refuses a result that is not
    /// smaller than what it replaces.
    pub fn finish(self, summary: Result<String, String>) -> Compaction {
        let target = self
            .settings
            .target_tokens(self.window.context_window)
            .saturating_sub(self.window.overhead_tokens);
        let summarised = match (&self.request, summary) {
            (None, _) => Err("nothing old enough to summarise".to_owned()),
            (Some(_), Err(error)) => Err(error),
            (Some(_), Ok(text)) if text.trim().is_empty() => {
                Err("the model wrote an empty summary".to_owned())
            }
            (Some(_), Ok(text)) => {
                let context = with_summary(&self.messages, self.split, text.trim());
                let tokens = self.calibration.context_tokens(&context);
                if tokens > target {
                    Err(format!(
                        "the summary left {tokens} tokens, over the {target} compaction aims for"
                    ))
                } else if context_chars(&context) >= context_chars(&self.messages) {
                    Err("the summary is longer than the turns it would replace".to_owned())
                } else {
                    Ok(context)
                }
            }
        };
        let (context, strategy, summary_failure) = match summarised {
            Ok(context) => (Some(context), CompactionStrategy::Summary, None),
            Err(why) => {
                let (context, strategy) =
                    drop_to_fit(&self.messages, self.split, &self.calibration, target);
                (context, strategy, Some(why))
            }
        };
        let context = context.filter(|c| context_chars(c) < context_chars(&self.messages));
        let mut result = match context {
            Some(context) => Compaction {
                outcome: CompactionOutcome::Compacted(strategy),
                before_tokens: self.before_tokens,
                after_tokens: self.window.overhead_tokens
                    + self.calibration.context_tokens(&context),
                context,
                usage: Usage::default(),
                cost: Cost::default(),
                summary_failure: None,
            },
            None => unchanged(
                &self.messages,
                self.before_tokens,
                CompactionOutcome::Refused,
            ),
        };
        result.summary_failure = summary_failure;
        result
    }
}

fn unchanged(messages: &[Message], tokens: u64, outcome: CompactionOutcome) -> Compaction {
    Compaction {
        outcome,
        before_tokens: tokens,
        after_tokens: tokens,
        context: messages.to_vec(),
        usage: Usage::default(),
        cost: Cost::default(),
        summary_failure: None,
    }
}

/// Compacts a context without an agent (`baton compact`): below the
/// threshold it comes back unchanged unless `force`. The summary call's
/// usage and cost are in the result; budgets are the caller's business.
pub async fn compact_messages(
    model: &dyn ModelClient,
    messages: &[Message],
    settings: &CompactionSettings,
    calibration: Calibration,
    force: bool,
) -> Result<Compaction, CompactError> {
    let job = match prepare(messages, settings, Window::of(model), calibration, force)? {
        Prepared::NotNeeded(compaction) => return Ok(compaction),
        Prepared::Due(job) => job,
    };
    let Some(request) = job.request().cloned() else {
        return Ok(job.finish(Err("nothing old enough to summarise".into())));
    };
    let (summary, usage) = match collect(model.stream(request), |_| {}).await {
        Ok(response) => (Ok(response.message().text()), response.usage),
        Err(error) => (Err(error.to_string()), Usage::default()),
    };
    let mut compaction = job.finish(summary);
    compaction.usage = usage;
    compaction.cost = model
        .info()
        .price
        .map(|price| price.cost(&usage))
        .unwrap_or_default();
    Ok(compaction)
}

/// Where to split: the earliest assistant message after the task whose
/// suffix fits in `keep_tokens`, so as many recent turns as fit stay
/// verbatim; the latest assistant message when even that one's turn does
/// not fit. Splitting at an assistant message keeps every tool result with
/// its call. `None` when there is no turn after the task.
pub fn split_point(
    messages: &[Message],
    calibration: &Calibration,
    keep_tokens: u64,
) -> Option<usize> {
    let mut latest = None;
    let mut fitting = None;
    let mut suffix_chars = 0;
    for (index, message) in messages.iter().enumerate().skip(1).rev() {
        suffix_chars += message_chars(message);
        if message.role != Role::Assistant {
            continue;
        }
        latest.get_or_insert(index);
        if calibration.tokens(estimate_tokens(suffix_chars)) > keep_tokens {
            break;
        }
        fitting = Some(index);
    }
    // When everything fits, the prompt is over the threshold because of the
    // task or the overhead: summarising all but the last turn is what is
    // left to gain.
    match fitting {
        Some(1) | None => latest,
        other => other,
    }
}

/// Checks the shape compaction relies on: a user message first, roles
/// alternating, and every tool call answered in the next message (and
/// every answer matching a call in the message before).
pub fn validate(messages: &[Message]) -> Result<(), CompactError> {
    let Some(first) = messages.first() else {
        return Err(CompactError::Empty);
    };
    let malformed = |index: usize, problem: &str| CompactError::Malformed {
        index,
        problem: problem.to_owned(),
    };
    if first.role != Role::User {
        return Err(malformed(0, "is not from the user"));
    }
    for (index, pair) in messages.windows(2).enumerate() {
        let (before, after) = (&pair[0], &pair[1]);
        if before.role == after.role {
            return Err(malformed(index + 1, "has the same role as the one before"));
        }
        let mut calls: Vec<_> = before.tool_uses().map(|(id, _, _)| id).collect();
        let mut answers = result_ids(after);
        calls.sort();
        answers.sort();
        if calls != answers {
            return Err(malformed(
                index + 1,
                "does not answer exactly the tool calls in the message before",
            ));
        }
    }
    if !result_ids(first).is_empty() {
        return Err(malformed(0, "answers tool calls nobody made"));
    }
    if messages
        .last()
        .is_some_and(|m| m.tool_uses().next().is_some())
    {
        return Err(malformed(messages.len() - 1, "has unanswered tool calls"));
    }
    Ok(())
}

fn result_ids(message: &Message) -> Vec<&baton_protocol::ToolCallId> {
    message
        .content
        .iter()
        .filter_map(|block| match block {
            ContentBlock::ToolResult { tool_use_id, .. } => Some(tool_use_id),
            _ => None,
        })
        .collect()
}

/// The task's own words, and what an earlier compaction added after them.
pub fn split_task(first: &Message) -> (String, Option<String>) {
    let text = first.text();
    let marker = format!("\n\n{COMPACTION_HEADER}");
    match text.find(&marker) {
        Some(at) => {
            let body = text[at + marker.len()..].trim().to_owned();
            (text[..at].to_owned(), Some(body).filter(|b| !b.is_empty()))
        }
        None => (text, None),
    }
}

/// The first message of a compacted context: the task verbatim, then the
/// header and what compaction has to say. Non-text blocks (images) stay.
pub fn compose_first(first: &Message, body: &str) -> Message {
    let (task, _) = split_task(first);
    let mut content = vec![ContentBlock::text(format!(
        "{task}\n\n{COMPACTION_HEADER}\n{body}"
    ))];
    content.extend(
        first
            .content
            .iter()
            .filter(|block| !matches!(block, ContentBlock::Text { .. }))
            .cloned(),
    );
    Message {
        role: Role::User,
        content,
    }
}

/// Tool output text, clipped in the middle to `max` characters.
fn clip_middle(text: &str, max: usize) -> String {
    let total = text.chars().count();
    if total <= max {
        return text.to_owned();
    }
    let head: String = text.chars().take(max / 2).collect();
    let tail: String = text.chars().skip(total - max / 2).collect();
    format!(
        "{head}\n[… {} characters omitted …]\n{tail}",
        total - 2 * (max / 2)
    )
}

fn result_text(content: &[ToolResultContent]) -> String {
    content
        .iter()
        .map(|part| match part {
            ToolResultContent::Text { text } => text.as_str(),
            ToolResultContent::Image { .. } => "[image]",
        })
        .collect::<Vec<_>>()
        .join("\n")
}
