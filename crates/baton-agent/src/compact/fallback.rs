//! The fallback when there is no usable summary: drop old tool outputs,
//! then old turns, until the context fits. It needs no model, so it always
//! works, and it only ever removes whole turns or output text, so the
//! result is always a context a model accepts.

use baton_protocol::{CompactionStrategy, ContentBlock, Message, Role, ToolResultContent};

use super::{Calibration, DROPPED_OUTPUT, compose_first, message_chars, split_task};
use crate::budget::estimate_tokens;

const DROPPED_TURNS: &str = "Some earlier turns were dropped to save context.";

/// Shrinks `messages` until it fits in `target` calibrated tokens, in this
/// order, each step only if the one before was not enough:
///
/// 1. tool outputs before `split` (the older turns), oldest first;
/// 2. whole older turns (an assistant message and the results after it),
///    oldest first;
/// 3. tool outputs in the kept turns, oldest first;
/// 4. kept turns, oldest first, always leaving the task and the last turn.
///
/// Returns the new context and how it was made, or `None` when nothing
/// could be dropped or the result is not smaller than the input.
pub fn drop_to_fit(
    messages: &[Message],
    split: usize,
    calibration: &Calibration,
    target: u64,
) -> (Option<Vec<Message>>, CompactionStrategy) {
    let mut work = Work {
        context: messages.to_vec(),
        chars: messages.iter().map(message_chars).sum(),
        kept: split.clamp(1, messages.len().max(1)),
        calibration,
        target,
        dropped_outputs: false,
        dropped_turns: false,
    };
    let original = work.chars;
    let _done = work.drop_outputs(1, work.kept)
        || work.drop_older_turns()
        || work.drop_outputs(work.kept, work.context.len())
        || work.drop_kept_turns();
    let strategy = if work.dropped_turns {
        CompactionStrategy::DropTurns
    } else {
        CompactionStrategy::DropToolOutputs
    };
    let changed = work.dropped_outputs || work.dropped_turns;
    let context = (changed && work.chars < original).then_some(work.context);
    (context, strategy)
}

struct Work<'a> {
    context: Vec<Message>,
    chars: usize,
    /// The first kept message: older turns are before it.
    kept: usize,
    calibration: &'a Calibration,
    target: u64,
    dropped_outputs: bool,
    dropped_turns: bool,
}

impl Work<'_> {
    fn fits(&self) -> bool {
        self.calibration.tokens(estimate_tokens(self.chars)) <= self.target
    }

    /// Replaces tool outputs in `context[from..to]` with the placeholder,
    /// oldest first, until the context fits; true once it does.
    fn drop_outputs(&mut self, from: usize, to: usize) -> bool {
        for index in from..to {
            let Some(message) = self.context.get(index) else {
                break;
            };
            for block in 0..message.content.len() {
                if self.fits() {
                    return true;
                }
                let Some(message) = self.context.get_mut(index) else {
                    break;
                };
                let before = message_chars(message);
                let Some(ContentBlock::ToolResult { content, .. }) = message.content.get_mut(block)
                else {
                    continue;
                };
                let placeholder = vec![ToolResultContent::text(DROPPED_OUTPUT)];
                if *content == placeholder {
                    continue;
                }
                let old = std::mem::replace(content, placeholder);
                let after = message_chars(message);
                if after < before {
                    self.chars = self.chars - before + after;
                    self.dropped_outputs = true;
                } else if let Some(ContentBlock::ToolResult { content, .. }) =
                    message.content.get_mut(block)
                {
                    // The output was already shorter than the placeholder.
                    *content = old;
                }
            }
        }
        self.fits()
    }

    fn drop_older_turns(&mut self) -> bool {
        while !self.fits() && self.kept > 1 {
            let removed = self.drop_first_turn();
            self.kept = self.kept.saturating_sub(removed).max(1);
        }
        self.fits()
    }

    fn drop_kept_turns(&mut self) -> bool {
        while !self.fits() && self.has_turn_after_first() {
            self.drop_first_turn();
        }
        self.fits()
    }

    /// Whether another assistant message follows the one after the task.
    fn has_turn_after_first(&self) -> bool {
        self.context
            .iter()
            .skip(2)
            .any(|message| message.role == Role::Assistant)
    }

    /// Removes the turn right after the task: its assistant message and the
    /// user message answering it, so alternation and pairing hold. Returns
    /// how many messages went.
    fn drop_first_turn(&mut self) -> usize {
        let end = if self.context.get(2).is_some_and(|m| m.role == Role::User) {
            3
        } else {
            2
        };
        let end = end.min(self.context.len());
        if end <= 1 {
            return 0;
        }
        let removed: usize = self.context.drain(1..end).map(|m| message_chars(&m)).sum();
        self.chars -= removed;
        if !self.dropped_turns {
            self.note_dropped_turns();
        }
        self.dropped_turns = true;
        end - 1
    }

    fn note_dropped_turns(&mut self) {
        let Some(first) = self.context.first() else {
            return;
        };
        let body = match split_task(first).1 {
            Some(body) if body.contains(DROPPED_TURNS) => body,
            Some(body) => format!("{body}\n\n{DROPPED_TURNS}"),
            None => DROPPED_TURNS.to_owned(),
        };
        let before = message_chars(first);
        let first = compose_first(first, &body);
        self.chars = self.chars - before + message_chars(&first);
        if let Some(slot) = self.context.first_mut() {
            *slot = first;
        }
    }
}
