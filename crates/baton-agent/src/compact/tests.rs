#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use baton_models::{ModelError, ModelInfo, ModelResponse, ModelStream, StreamEvent};
use baton_protocol::{StopReason, ToolCallId};
use serde_json::json;

use super::*;

/// A model that answers every call with one fixed reply, or fails.
pub(super) struct Fixed {
    info: ModelInfo,
    reply: Result<String, String>,
}

impl Fixed {
    pub(super) fn new(window: u64, reply: Result<&str, &str>) -> Self {
        Self {
            info: ModelInfo {
                name: "fixed".into(),
                model_id: "fixed".into(),
                provider: "test",
                price: None,
                context_window: window,
                max_output_tokens: 4_096,
                sampling: Default::default(),
            },
            reply: reply.map(str::to_owned).map_err(str::to_owned),
        }
    }
}

impl ModelClient for Fixed {
    fn info(&self) -> &ModelInfo {
        &self.info
    }

    fn stream(&self, _request: ModelRequest) -> ModelStream {
        let event = match &self.reply {
            Ok(text) => Ok(StreamEvent::Finished(ModelResponse {
                content: vec![ContentBlock::text(text.clone())],
                stop_reason: StopReason::EndTurn,
                usage: Usage {
                    input_tokens: 100,
                    output_tokens: 10,
                    ..Usage::default()
                },
                model: "fixed".into(),
                logprobs: None,
            })),
            Err(message) => Err(ModelError::StreamError {
                provider: "test",
                kind: "test".into(),
                message: message.clone(),
                retryable: false,
            }),
        };
        Box::pin(futures::stream::iter(vec![event]))
    }
}

pub(super) fn call(id: &str, input_chars: usize) -> ContentBlock {
    ContentBlock::ToolUse {
        id: ToolCallId::new(id),
        name: "read_file".into(),
        input: json!({"path": "x".repeat(input_chars)}),
    }
}

pub(super) fn result(id: &str, output_chars: usize) -> ContentBlock {
    ContentBlock::ToolResult {
        tool_use_id: ToolCallId::new(id),
        content: vec![ToolResultContent::text("o".repeat(output_chars))],
        is_error: false,
    }
}

/// The task, then `turns` tool turns with outputs of the given size.
fn context(turns: usize, output_chars: usize) -> Vec<Message> {
    let mut messages = vec![Message::user_text("fix the bug in parser.rs")];
    for turn in 0..turns {
        let id = format!("c{turn}");
        messages.push(Message {
            role: Role::Assistant,
            content: vec![ContentBlock::text(format!("step {turn}")), call(&id, 10)],
        });
        messages.push(Message {
            role: Role::User,
            content: vec![result(&id, output_chars)],
        });
    }
    messages
}

fn outputs(messages: &[Message]) -> Vec<String> {
    messages
        .iter()
        .flat_map(|m| &m.content)
        .filter_map(|block| match block {
            ContentBlock::ToolResult { content, .. } => Some(result_text(content)),
            _ => None,
        })
        .collect()
}

#[test]
fn calibration_learns_the_ratio_and_stays_in_range() {
    let mut calibration = Calibration::default();
    assert_eq!(calibration.tokens(100), 100);
    calibration.observe(200, 100);
    assert_eq!(calibration.tokens(100), 200);
    // A provider that reports nothing changes nothing.
    calibration.observe(0, 100);
    assert_eq!(calibration.ratio(), 2.0);
    calibration.observe(1_000_000, 10);
    assert_eq!(calibration.ratio(), RATIO_MAX);
    calibration.observe(1, 1_000_000);
    assert_eq!(calibration.ratio(), RATIO_MIN);
    assert_eq!(Calibration::new(f64::NAN).ratio(), 1.0);
}

#[test]
fn thresholds_come_from_the_window() {
    let settings = CompactionSettings::default();
    assert_eq!(settings.threshold_tokens(10_000), 8_000);
    assert_eq!(settings.keep_tokens(10_000), 3_000);
    assert_eq!(settings.target_tokens(10_000), 4_500);
    assert!(settings.is_due(8_000, 10_000));
    assert!(!settings.is_due(7_999, 10_000));
    // A target at the threshold would compact again on the next turn.
    let tight = CompactionSettings {
        threshold: 0.4,
        keep_recent: 0.3,
    };
    assert_eq!(tight.target_tokens(10_000), 3_999);
}

#[test]
fn the_split_keeps_as_many_recent_turns_as_fit() {
    let messages = context(6, 900);
    let calibration = Calibration::default();
    let turn = calibration.context_tokens(&messages[1..3]);
    // Room for two turns and a bit: the suffix starts two turns back.
    let split = split_point(&messages, &calibration, turn * 2 + turn / 2).unwrap();
    assert_eq!(split, messages.len() - 4);
    assert_eq!(messages[split].role, Role::Assistant);
    // No room at all: still the last turn, never a bare tool result.
    assert_eq!(
        split_point(&messages, &calibration, 0),
        Some(messages.len() - 2)
    );
    // Everything fits: all but the last turn gets summarised.
    assert_eq!(
        split_point(&messages, &calibration, u64::MAX),
        Some(messages.len() - 2)
    );
    assert_eq!(split_point(&messages[..1], &calibration, 0), None);
}

#[test]
fn malformed_contexts_are_named() {
    assert_eq!(validate(&[]), Err(CompactError::Empty));
    let mut messages = context(2, 10);
    assert_eq!(validate(&messages), Ok(()));
    messages.remove(2);
    assert!(matches!(
        validate(&messages),
        Err(CompactError::Malformed { index: 2, .. })
    ));
    let mut unanswered = context(1, 10);
    unanswered.pop();
    assert!(matches!(
        validate(&unanswered),
        Err(CompactError::Malformed { index: 1, .. })
    ));
    let mut wrong_answer = context(1, 10);
    wrong_answer[2] = Message {
        role: Role::User,
        content: vec![result("other", 3)],
    };
    assert!(validate(&wrong_answer).is_err());
}

#[test]
fn a_summary_replaces_the_older_turns_and_the_task_stays_verbatim() {
    let messages = context(4, 50);
    let compacted = with_summary(&messages, 5, "we read parser.rs");
    assert_eq!(compacted.len(), 1 + 4);
    assert_eq!(&compacted[1..], &messages[5..]);
    let first = compacted[0].text();
    assert!(first.starts_with("fix the bug in parser.rs\n\n"), "{first}");
    assert!(first.contains(COMPACTION_HEADER));
    assert!(first.ends_with("we read parser.rs"), "{first}");
    assert_eq!(validate(&compacted), Ok(()));
    // Compacting again keeps the task once and hands the old summary on.
    let (task, previous) = split_task(&compacted[0]);
    assert_eq!(task, "fix the bug in parser.rs");
    assert!(previous.unwrap().ends_with("we read parser.rs"));
    let again = with_summary(&compacted, 3, "newer");
    assert_eq!(again[0].text().matches("fix the bug").count(), 1);
    let request = summary_request(&compacted, 3, 500, 100_000, &Calibration::default());
    let prompt = request.messages[0].text();
    assert!(prompt.contains("we read parser.rs"), "{prompt}");
    assert!(request.tools.is_empty());
}

#[test]
fn the_transcript_names_tools_and_clips_their_output() {
    let mut messages = context(1, 5_000);
    messages.push(Message::assistant_text("done"));
    let text = render_transcript(&messages[1..]);
    assert!(
        text.contains("## assistant\nstep 0\n[called read_file"),
        "{text}"
    );
    assert!(text.contains("[result of read_file]\n"), "{text}");
    assert!(text.contains("characters omitted"), "{text}");
    assert!(text.len() < 2_500, "{}", text.len());
    assert!(text.ends_with("## assistant\ndone\n\n"), "{text}");
}

#[test]
fn the_summary_request_fits_the_window() {
    let messages = context(40, 3_000);
    let request = summary_request(&messages, 79, 1_000, 6_000, &Calibration::new(2.0));
    let tokens = Calibration::new(2.0).tokens(estimate_request_tokens(&request));
    assert!(tokens + 1_000 <= 6_000, "{tokens}");
    assert_eq!(request.max_tokens, 1_000);
    assert_eq!(request.system.as_deref(), Some(summary::SUMMARY_SYSTEM));
}

#[test]
fn the_fallback_drops_older_outputs_before_anything_else() {
    let messages = context(6, 1_000);
    let calibration = Calibration::default();
    let total = calibration.context_tokens(&messages);
    // Dropping two outputs is enough.
    let target = total - 2 * 1_000 / 3 + 50;
    let (context, strategy) = drop_to_fit(&messages, 9, &calibration, target);
    let context = context.unwrap();
    assert_eq!(strategy, CompactionStrategy::DropToolOutputs);
    let outputs = outputs(&context);
    assert_eq!(&outputs[..2], &[DROPPED_OUTPUT, DROPPED_OUTPUT]);
    assert!(outputs[2..].iter().all(|o| o.len() == 1_000), "{outputs:?}");
    assert!(calibration.context_tokens(&context) <= target);
    assert_eq!(validate(&context), Ok(()));
}

#[test]
fn the_fallback_drops_whole_turns_when_outputs_are_not_enough() {
    let mut messages = context(6, 10);
    for message in messages.iter_mut().skip(1).step_by(2) {
        message.content[0] = ContentBlock::text("t".repeat(1_000));
    }
    let calibration = Calibration::default();
    let (context, strategy) = drop_to_fit(&messages, 9, &calibration, 1_000);
    let context = context.unwrap();
    assert_eq!(strategy, CompactionStrategy::DropTurns);
    assert!(calibration.context_tokens(&context) <= 1_000);
    assert_eq!(validate(&context), Ok(()));
    assert!(
        context[0]
            .text()
            .starts_with("fix the bug in parser.rs\n\n")
    );
    assert!(context[0].text().contains("dropped"));
    // The most recent turn is still there, verbatim.
    assert_eq!(context.last(), messages.last());
}

#[test]
fn the_fallback_always_leaves_the_task_and_the_last_turn() {
    let messages = context(5, 2_000);
    let (context, strategy) = drop_to_fit(&messages, 9, &Calibration::default(), 0);
    let context = context.unwrap();
    assert_eq!(strategy, CompactionStrategy::DropTurns);
    assert_eq!(context.len(), 3);
    assert_eq!(validate(&context), Ok(()));
    assert_eq!(context[1], messages[9]);
    assert_eq!(outputs(&context), vec![DROPPED_OUTPUT]);
    // Nothing left to drop: no result rather than a bigger one.
    let (again, _) = drop_to_fit(&context, 1, &Calibration::default(), 0);
    assert_eq!(again, None);
}

fn job(messages: &[Message], window: u64) -> Job {
    let window = Window {
        context_window: window,
        max_output_tokens: 4_096,
        overhead_tokens: 0,
    };
    match prepare(
        messages,
        &CompactionSettings::default(),
        window,
        Calibration::default(),
        false,
    )
    .unwrap()
    {
        Prepared::Due(job) => *job,
        Prepared::NotNeeded(_) => panic!("expected a compaction to be due"),
    }
}

#[test]
fn a_good_summary_is_used() {
    let messages = context(10, 1_000);
    let window = Calibration::default().context_tokens(&messages) + 100;
    let done = job(&messages, window).finish(Ok("  the summary  ".into()));
    assert_eq!(
        done.outcome,
        CompactionOutcome::Compacted(CompactionStrategy::Summary)
    );
    assert!(done.context[0].text().ends_with("\n\nthe summary"));
    assert!(done.after_tokens < done.before_tokens);
    assert_eq!(done.summary_failure, None);
}

#[test]
fn an_overlong_or_failed_summary_falls_back() {
    let messages = context(10, 1_000);
    let window = Calibration::default().context_tokens(&messages) + 600;
    let long = job(&messages, window).finish(Ok("s".repeat(20_000)));
    assert_eq!(
        long.outcome,
        CompactionOutcome::Compacted(CompactionStrategy::DropToolOutputs)
    );
    assert!(long.summary_failure.unwrap().contains("over the"));
    let failed = job(&messages, window).finish(Err("HTTP 500".into()));
    assert_eq!(
        failed.outcome,
        CompactionOutcome::Compacted(CompactionStrategy::DropToolOutputs)
    );
    assert_eq!(failed.summary_failure.as_deref(), Some("HTTP 500"));
    assert!(failed.after_tokens <= CompactionSettings::default().target_tokens(window));
}

#[test]
fn a_compaction_that_would_not_shrink_is_refused() {
    // One tiny old turn: the summary and its header are bigger than what
    // they replace, and the fallback has nothing worth dropping.
    let messages = vec![
        Message::user_text("fix"),
        Message {
            role: Role::Assistant,
            content: vec![call("c0", 0)],
        },
        Message {
            role: Role::User,
            content: vec![result("c0", 1)],
        },
        Message::assistant_text("b"),
    ];
    let window = Window {
        context_window: 1_000_000,
        max_output_tokens: 4_096,
        overhead_tokens: 0,
    };
    let settings = CompactionSettings::default();
    let Ok(Prepared::Due(job)) =
        prepare(&messages, &settings, window, Calibration::default(), true)
    else {
        panic!("a forced compaction is due");
    };
    let done = job.finish(Ok("a summary longer than the turn it replaces ".repeat(8)));
    assert_eq!(done.outcome, CompactionOutcome::Refused);
    assert_eq!(done.context, messages);
    assert_eq!(done.after_tokens, done.before_tokens);
}

#[tokio::test]
async fn compact_messages_works_without_an_agent() {
    let messages = context(10, 1_000);
    let settings = CompactionSettings::default();
    let big = Fixed::new(1_000_000, Err("must not be called"));
    let small = compact_messages(&big, &messages, &settings, Calibration::default(), false)
        .await
        .unwrap();
    assert_eq!(small.outcome, CompactionOutcome::NotNeeded);
    assert_eq!(small.context, messages);

    let forced = compact_messages(
        &Fixed::new(1_000_000, Ok("summary")),
        &messages,
        &settings,
        Calibration::default(),
        true,
    )
    .await
    .unwrap();
    assert_eq!(
        forced.outcome,
        CompactionOutcome::Compacted(CompactionStrategy::Summary)
    );
    assert_eq!(forced.usage.input_tokens, 100);
    assert_eq!(forced.context.last(), messages.last());

    let window = Calibration::default().context_tokens(&messages) + 600;
    let failing = Fixed::new(window, Err("overloaded"));
    let fallback = compact_messages(
        &failing,
        &messages,
        &settings,
        Calibration::default(),
        false,
    )
    .await
    .unwrap();
    assert_eq!(
        fallback.outcome,
        CompactionOutcome::Compacted(CompactionStrategy::DropToolOutputs)
    );
    assert!(fallback.summary_failure.unwrap().contains("overloaded"));
    assert_eq!(
        compact_messages(&failing, &[], &settings, Calibration::default(), true).await,
        Err(CompactError::Empty)
    );
}

#[tokio::test]
async fn a_summary_the_budget_cannot_afford_is_never_asked_for() {
    use crate::{Budget, EventBus, Limits};
    use baton_protocol::{AgentId, Event, SessionId};

    let messages = context(10, 1_000);
    let tokens = Calibration::default().context_tokens(&messages);
    let window = tokens + 600;
    // It would fail the test if it were called.
    let model = Fixed::new(window, Ok("a summary nobody paid for"));
    let budget = Budget::root(Limits {
        turns: Some(0),
        ..Limits::default()
    });
    let bus = EventBus::new(SessionId::new("test"));
    let mut events = bus.channel();
    let emitter = bus.emitter(AgentId::new("root"), None);
    let cancel = tokio_util::sync::CancellationToken::new();
    let run = run::RunContext {
        model: &model,
        budget: &budget,
        emitter: &emitter,
        cancel: &cancel,
    };
    let request = ModelRequest {
        messages: std::sync::Arc::new(messages.clone()),
        ..ModelRequest::default()
    };
    let (context, usage, _) = run::compact_if_due(
        run,
        &CompactionSettings::default(),
        &request,
        tokens,
        Calibration::default(),
    )
    .await;
    let context = context.expect("the fallback compacts");
    assert_eq!(usage, Usage::default());
    assert!(!context[0].text().contains("nobody paid for"));
    let mut seen = Vec::new();
    while let Ok(envelope) = events.try_recv() {
        seen.push(envelope.event);
    }
    assert!(
        matches!(&seen[0], Event::Warning { message } if message.contains("budget cannot afford")),
        "{seen:?}"
    );
    assert!(
        matches!(&seen[1], Event::Compacted { strategy: CompactionStrategy::DropToolOutputs, context: emitted, .. } if *emitted == context),
        "{seen:?}"
    );
    assert_eq!(seen.len(), 2, "no model call was made: {seen:?}");

    // Below the threshold nothing happens at all.
    let quiet = run::RunContext {
        model: &model,
        budget: &budget,
        emitter: &emitter,
        cancel: &cancel,
    };
    let (context, _, _) = run::compact_if_due(
        quiet,
        &CompactionSettings::default(),
        &request,
        10,
        Calibration::default(),
    )
    .await;
    assert_eq!(context, None);
    assert!(events.try_recv().is_err());
}
