//! The summary strategy: rendering the older turns for the summariser, the
//! request that asks for the summary, and the context built from it.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use baton_models::ModelRequest;
use baton_protocol::{ContentBlock, Message};

use super::{Calibration, clip_middle, compose_first, result_text, split_task};

/// Tool output is where the bulk is and the least of it matters later.
const TOOL_OUTPUT_CHARS: usize = 1_500;
const TOOL_INPUT_CHARS: usize = 400;
/// Room left in the window for the summary request's own wording.
const REQUEST_SLACK: f64 = 0.05;

pub(crate) const SUMMARY_SYSTEM: &str = "You compact the working context of an AI agent. \
You are given the agent's task and the older part of its conversation; the agent will \
continue from your summary plus its most recent turns, without seeing these turns again. \
Write a faithful, dense summary covering: decisions made and why; facts learned (paths, \
names, values, error messages, what worked and what did not); files read, created or \
changed; commands run and their outcomes; open questions; and what remains to be done. \
Never invent anything that is not in the conversation. No preamble, no address to the \
user: terse paragraphs or bullet points only.";

const SUMMARY_INTRO: &str = "Summary of the earlier turns:";

/// The older turns as plain text: who said what, tool calls with their
/// (clipped) inputs, tool results with their (clipped) outputs.
pub fn render_transcript(messages: &[Message]) -> String {
    let mut names = HashMap::new();
    let mut out = String::new();
    for message in messages {
        let role = match message.role {
            baton_protocol::Role::User => "user",
            baton_protocol::Role::Assistant => "assistant",
        };
        let _ = writeln!(out, "## {role}");
        for block in &message.content {
            match block {
                ContentBlock::Text { text } => {
                    let _ = writeln!(out, "{}", text.trim_end());
                }
                ContentBlock::Image { .. } => out.push_str("[image]\n"),
                ContentBlock::ToolUse { id, name, input } => {
                    names.insert(id.clone(), name.clone());
                    let input = clip_middle(&input.to_string(), TOOL_INPUT_CHARS);
                    let _ = writeln!(out, "[called {name} {input}]");
                }
                ContentBlock::ToolResult {
                    tool_use_id,
                    content,
                    is_error,
                } => {
                    let name = names.get(tool_use_id).map_or("a tool", String::as_str);
                    let error = if *is_error { " (error)" } else { "" };
                    let text = clip_middle(&result_text(content), TOOL_OUTPUT_CHARS);
                    let _ = writeln!(out, "[result of {name}{error}]\n{}", text.trim_end());
                }
            }
        }
        out.push('\n');
    }
    out
}

/// The request asking for a summary of `messages[1..split]`: same model,
/// no tools, the summariser's own system prompt, and the transcript cut
/// to fit the window beside the summary's output cap.
pub fn summary_request(
    messages: &[Message],
    split: usize,
    max_tokens: u32,
    window: u64,
    calibration: &Calibration,
) -> ModelRequest {
    let (task, previous) = messages
        .first()
        .map(split_task)
        .unwrap_or_else(|| (String::new(), None));
    let older = messages.get(1..split).unwrap_or_default();
    let room = window as f64 * (1.0 - REQUEST_SLACK) - f64::from(max_tokens);
    // Back from calibrated tokens to characters, at our three per token.
    let room_chars = (room.max(0.0) / calibration.ratio() * 3.0) as usize;
    let mut prompt = format!("The agent's task:\n\n{task}\n\n");
    if let Some(previous) = previous {
        let _ = write!(
            prompt,
            "An earlier compaction already replaced the turns before these; what it left:\n\n{previous}\n\n"
        );
    }
    prompt.push_str("The conversation to summarise (tool output is clipped):\n\n");
    let transcript = render_transcript(older);
    let budget = room_chars.saturating_sub(prompt.len() + SUMMARY_SYSTEM.len());
    prompt.push_str(&clip_middle(&transcript, budget));
    let _ = write!(
        prompt,
        "\n\nWrite the summary now, in well under {max_tokens} tokens."
    );
    ModelRequest {
        system: Some(SUMMARY_SYSTEM.to_owned()),
        messages: Arc::new(vec![Message::user_text(prompt)]),
        max_tokens,
        ..ModelRequest::default()
    }
}

/// The compacted context: the task with the summary after it, then the
/// kept turns verbatim. The kept part starts with an assistant message, so
/// roles still alternate and every tool result stays with its call.
pub fn with_summary(messages: &[Message], split: usize, summary: &str) -> Vec<Message> {
    let Some(first) = messages.first() else {
        return Vec::new();
    };
    let mut context = vec![compose_first(
        first,
        &format!("{SUMMARY_INTRO}\n\n{summary}"),
    )];
    context.extend(messages.iter().skip(split.max(1)).cloned());
    context
}
