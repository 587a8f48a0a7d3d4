//! Properties over random valid contexts: a task, then turns of an
//! assistant message (text and/or tool calls) and the user message with
//! the matching results, perhaps ending in a final answer.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;

use super::tests::{Fixed, call, result};
use super::*;

#[derive(Debug, Clone)]
struct Turn {
    text: Option<usize>,
    /// Input and output sizes of each call.
    calls: Vec<(usize, usize)>,
}

fn turn() -> impl Strategy<Value = Turn> {
    (
        proptest::option::of(0usize..400),
        proptest::collection::vec((0usize..200, 0usize..3_000), 1..4),
    )
        .prop_map(|(text, calls)| Turn { text, calls })
}

fn build(task: usize, turns: &[Turn], answer: Option<usize>) -> Vec<Message> {
    let mut messages = vec![Message::user_text(format!("task {}", "t".repeat(task)))];
    for (n, turn) in turns.iter().enumerate() {
        let mut asked = Vec::new();
        let mut answered = Vec::new();
        if let Some(chars) = turn.text {
            asked.push(ContentBlock::text("a".repeat(chars)));
        }
        for (i, &(input, output)) in turn.calls.iter().enumerate() {
            let id = format!("c{n}_{i}");
            asked.push(call(&id, input));
            answered.push(result(&id, output));
        }
        messages.push(Message {
            role: Role::Assistant,
            content: asked,
        });
        messages.push(Message {
            role: Role::User,
            content: answered,
        });
    }
    if let Some(chars) = answer {
        messages.push(Message::assistant_text("f".repeat(chars)));
    }
    messages
}

fn contexts() -> impl Strategy<Value = Vec<Message>> {
    (
        0usize..300,
        proptest::collection::vec(turn(), 0..12),
        proptest::option::of(0usize..300),
    )
        .prop_map(|(task, turns, answer)| build(task, &turns, answer))
}

/// Every tool call is answered exactly once in the next message, every
/// answer has its call, roles alternate from the user, and the task is
/// still first, verbatim.
fn assert_well_formed(original: &[Message], compacted: &[Message]) {
    assert_eq!(validate(compacted), Ok(()));
    let (task, _) = split_task(&original[0]);
    assert!(compacted[0].text().starts_with(&task));
}

fn window(context_window: u64) -> Window {
    Window {
        context_window,
        max_output_tokens: 4_096,
        overhead_tokens: 0,
    }
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(future)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_fallback_keeps_pairs_and_shrinks(
        messages in contexts(),
        keep in 0u64..20_000,
        target in 0u64..20_000,
        ratio in 0.25f64..4.0,
    ) {
        let calibration = Calibration::new(ratio);
        let Some(split) = split_point(&messages, &calibration, keep) else {
            return Ok(());
        };
        prop_assert_eq!(messages[split].role, Role::Assistant);
        let (context, _) = drop_to_fit(&messages, split, &calibration, target);
        if let Some(context) = context {
            assert_well_formed(&messages, &context);
            prop_assert!(context_chars(&context) < context_chars(&messages));
            // The latest turn always survives, if only with its output dropped.
            let last = messages.iter().rposition(|m| m.role == Role::Assistant).unwrap();
            prop_assert_eq!(
                context.iter().rfind(|m| m.role == Role::Assistant),
                Some(&messages[last])
            );
        }
    }

    #[test]
    fn a_short_summary_keeps_pairs_and_shrinks(
        messages in contexts(),
        keep in 0u64..20_000,
    ) {
        let calibration = Calibration::default();
        let Some(split) = split_point(&messages, &calibration, keep) else {
            return Ok(());
        };
        let summarised = with_summary(&messages, split, "short");
        assert_well_formed(&messages, &summarised);
        prop_assert_eq!(&summarised[1..], &messages[split..]);
        let job = match prepare(&messages, &CompactionSettings::default(), window(1), calibration, true) {
            Ok(Prepared::Due(job)) => job,
            other => panic!("forced compaction not due: {other:?}"),
        };
        let done = job.finish(Ok("short".into()));
        match done.outcome {
            CompactionOutcome::Compacted(_) => {
                assert_well_formed(&messages, &done.context);
                prop_assert!(context_chars(&done.context) < context_chars(&messages));
            }
            CompactionOutcome::Refused => prop_assert_eq!(&done.context, &messages),
            CompactionOutcome::NotNeeded => panic!("forced"),
        }
        // With old turns worth more than the header, the summary wins.
        let window = window(calibration.context_tokens(&messages) * 4);
        let latest = messages.iter().rposition(|m| m.role == Role::Assistant).unwrap_or(1);
        if context_chars(&messages[1..latest]) > 2_000 {
            let job = match prepare(&messages, &CompactionSettings::default(), window, calibration, true) {
                Ok(Prepared::Due(job)) => job,
                other => panic!("forced compaction not due: {other:?}"),
            };
            prop_assert_eq!(
                job.finish(Ok("short".into())).outcome,
                CompactionOutcome::Compacted(CompactionStrategy::Summary)
            );
        }
    }

    #[test]
    fn small_contexts_come_back_unchanged(messages in contexts(), ratio in 0.25f64..4.0) {
        let calibration = Calibration::new(ratio);
        let settings = CompactionSettings::default();
        // A window the context fills to just under the threshold.
        let tokens = calibration.context_tokens(&messages);
        let model = Fixed::new((tokens as f64 / 0.8) as u64 + 3, Err("must not be called"));
        let done = block_on(compact_messages(&model, &messages, &settings, calibration, false));
        let done = done.unwrap();
        prop_assert_eq!(done.outcome, CompactionOutcome::NotNeeded);
        prop_assert_eq!(&done.context, &messages);
    }

    #[test]
    fn compacting_a_compacted_context_again_changes_nothing(
        messages in contexts(),
        ratio in 0.25f64..4.0,
        fill in 1.0f64..3.0,
    ) {
        let calibration = Calibration::new(ratio);
        let settings = CompactionSettings::default();
        let tokens = calibration.context_tokens(&messages);
        let window = ((tokens as f64 / fill) as u64).max(1);
        let failing = Fixed::new(window, Err("no summary today"));
        let first = block_on(compact_messages(&failing, &messages, &settings, calibration, false));
        let first = first.unwrap();
        assert_well_formed(&messages, &first.context);
        if first.after_tokens < settings.threshold_tokens(window) {
            let again = block_on(compact_messages(
                &failing, &first.context, &settings, calibration, false,
            ));
            let again = again.unwrap();
            prop_assert_eq!(again.outcome, CompactionOutcome::NotNeeded);
            prop_assert_eq!(&again.context, &first.context);
        }
    }
}
