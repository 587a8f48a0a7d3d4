//! Front ends for the event stream: the human-readable terminal renderer
//! and the `--json` JSON-lines writer. Both are plain [`Subscriber`]s.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::sync::Mutex;

use baton_agent::Subscriber;
use baton_protocol::{BudgetKind, Envelope, Event, McpServerStatus, Outcome, ToolCallId, Totals};
use baton_trace::text::{clip, thousands};
use serde_json::Value;

/// Writes each event as one line of JSON on stdout.
pub struct JsonLines {
    out: Mutex<std::io::Stdout>,
}

impl JsonLines {
    pub fn new() -> Self {
        Self {
            out: Mutex::new(std::io::stdout()),
        }
    }
}

impl Subscriber for JsonLines {
    fn on_event(&self, envelope: &Envelope) {
        let Ok(line) = serde_json::to_string(envelope) else {
            return;
        };
        if let Ok(mut out) = self.out.lock() {
            // A closed pipe (`baton run --json | head`) is the reader's choice.
            let _ = writeln!(out, "{line}");
            let _ = out.flush();
        }
    }
}

/// Streams the assistant's text to stdout and everything else (tool calls,
/// retries, the closing line) to stderr, so `baton run … > answer.txt`
/// captures just the answer.
pub struct Terminal {
    state: Mutex<TerminalState>,
    style: Style,
    model_has_price: bool,
}

struct TerminalState {
    /// Whether stdout's last character was a newline.
    at_line_start: bool,
    /// When each running call last had its progress shown (event time, ms).
    progress_shown: HashMap<ToolCallId, u64>,
}

/// A server may report progress thousands of times a second; one line per
/// call per this many milliseconds is plenty to see it is alive.
const PROGRESS_EVERY_MS: u64 = 1000;

#[derive(Clone, Copy)]
struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }
    fn red(&self, text: &str) -> String {
        self.paint("31", text)
    }
    fn yellow(&self, text: &str) -> String {
        self.paint("33", text)
    }
    fn green(&self, text: &str) -> String {
        self.paint("32", text)
    }
}

impl Terminal {
    pub fn new(model_has_price: bool) -> Self {
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        Self {
            state: Mutex::new(TerminalState {
                at_line_start: true,
                progress_shown: HashMap::new(),
            }),
            style: Style { color },
            model_has_price,
        }
    }

    fn line(&self, state: &mut TerminalState, text: &str) {
        if !state.at_line_start {
            let mut out = std::io::stdout();
            let _ = writeln!(out);
            let _ = out.flush();
            state.at_line_start = true;
        }
        errln!("{text}");
    }
}

impl Subscriber for Terminal {
    fn on_event(&self, envelope: &Envelope) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        let s = self.style;
        if envelope.parent.is_some() {
            // A sub-agent: a line per start, tool call and end, indented by
            // depth; its text is for its parent, not for stdout.
            if let Some(text) = sub_agent_line(envelope) {
                let depth = envelope.agent.as_str().matches('.').count().max(1);
                let text = format!("{}{text}", "  ".repeat(depth));
                let painted = match &envelope.event {
                    Event::AgentFinished {
                        outcome: Outcome::Success,
                        ..
                    } => s.dim(&text),
                    Event::AgentFinished { .. }
                    | Event::ToolCallDenied { .. }
                    | Event::ToolCallFinished { .. } => s.red(&text),
                    Event::BudgetExceeded { .. } | Event::Warning { .. } => s.yellow(&text),
                    _ => s.dim(&text),
                };
                self.line(&mut state, &painted);
            }
            return;
        }
        match &envelope.event {
            Event::SessionStarted {
                model, permission, ..
            } => {
                self.line(
                    &mut state,
                    &s.dim(&format!("baton · {model} · permission {permission}")),
                );
            }
            Event::SessionResumed { follow_up, .. } => {
                let what = match follow_up {
                    Some(_) => "continuing",
                    None => "resuming",
                };
                self.line(
                    &mut state,
                    &s.dim(&format!("baton · {what} session {}", envelope.session)),
                );
            }
            Event::AgentResumed {
                replayed,
                rerun,
                interrupted,
            } => {
                if let Some(text) = resumed_line(*replayed, rerun.len(), interrupted.len()) {
                    self.line(&mut state, &s.dim(&format!("↺ {text}")));
                }
            }
            Event::ModelDelta { text } => {
                let mut out = std::io::stdout();
                let _ = out.write_all(text.as_bytes());
                let _ = out.flush();
                if let Some(last) = text.chars().last() {
                    state.at_line_start = last == '\n';
                }
            }
            Event::ModelRetry {
                attempt,
                reason,
                delay_ms,
            } => {
                let text = format!(
                    "↻ {reason}; retrying in {:.1}s (retry {attempt})",
                    *delay_ms as f64 / 1000.0
                );
                self.line(&mut state, &s.yellow(&text));
            }
            Event::ToolCallStarted { tool, input, .. } => {
                let text = format!("▸ {tool} {}", summarize_input(input));
                self.line(&mut state, &s.dim(text.trim_end()));
            }
            Event::ToolProgress {
                call_id,
                progress,
                total,
                message,
            } => {
                let finished = total.is_some_and(|total| *progress >= total);
                let last = state.progress_shown.get(call_id).copied();
                if progress_due(last, envelope.ts_ms, finished) {
                    state.progress_shown.insert(call_id.clone(), envelope.ts_ms);
                    let text = progress_text(*progress, *total, message.as_deref());
                    self.line(&mut state, &s.dim(&format!("  … {text}")));
                }
            }
            Event::ToolCallFinished {
                call_id, output, ..
            } => {
                state.progress_shown.remove(call_id);
                if !output.is_error {
                    return;
                }
                let first = output
                    .text_summary()
                    .lines()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("")
                    .to_owned();
                self.line(&mut state, &s.red(&format!("  ✗ {}", clip(&first, 160))));
            }
            Event::ToolCallDenied { tool, reason, .. } => {
                self.line(
                    &mut state,
                    &s.red(&format!("  ✗ {tool} denied: {}", clip(reason, 160))),
                );
            }
            Event::McpServer {
                server,
                status,
                tools,
                error,
            } => {
                let text = match status {
                    McpServerStatus::Connected => s.dim(&format!("mcp {server}: connected, {tools} tools")),
                    McpServerStatus::Failed => s.red(&format!(
                        "✗ mcp {server} is unavailable: {}; baton retries it with backoff (see `baton mcp list`)",
                        error.as_deref().unwrap_or("unknown error")
                    )),
                    McpServerStatus::NeedsLogin => s.red(&format!(
                        "✗ mcp {server} needs you to sign in: {}",
                        error.as_deref().unwrap_or("not signed in")
                    )),
                    McpServerStatus::Disconnected => s.yellow(&format!(
                        "! mcp {server} disconnected{}; reconnecting on next use",
                        error.as_deref().map(|e| format!(": {e}")).unwrap_or_default()
                    )),
                };
                self.line(&mut state, &text);
            }
            Event::Warning { message } => self.line(&mut state, &s.yellow(&format!("! {message}"))),
            Event::Compacted {
                before_tokens,
                after_tokens,
                strategy,
                ..
            } => self.line(
                &mut state,
                &s.dim(&format!(
                    "⇣ context compacted: {} → {} tokens ({strategy})",
                    thousands(*before_tokens),
                    thousands(*after_tokens)
                )),
            ),
            Event::BudgetExceeded {
                budget,
                limit,
                used,
            } => {
                let text = match budget {
                    BudgetKind::Turns => format!(
                        "! stopped: reached the turn limit ({limit}); raise it with --max-turns"
                    ),
                    BudgetKind::Usd => format!(
                        "! stopped: the next model call could bring spending to ${used:.4}, past the ${limit} budget"
                    ),
                    BudgetKind::Tokens => format!(
                        "! stopped: the next model call could bring the run to {} tokens, past the {} token budget",
                        thousands(*used as u64),
                        thousands(*limit as u64)
                    ),
                    BudgetKind::WallTimeMs => {
                        format!("! stopped: the {:.1}s time budget ran out", limit / 1000.0)
                    }
                };
                self.line(&mut state, &s.yellow(&text));
            }
            Event::SessionFinished {
                outcome,
                totals,
                error,
            } => {
                if let Some(error) = error {
                    self.line(&mut state, &s.red(&format!("✗ error: {error}")));
                }
                let mark = match outcome {
                    Outcome::Success => s.green("✓ done"),
                    Outcome::Cancelled => s.yellow("✗ cancelled"),
                    Outcome::BudgetExhausted => s.yellow("✗ budget exhausted"),
                    Outcome::Failure => s.red("✗ failed"),
                };
                let summary = closing_line(totals, self.model_has_price);
                self.line(&mut state, &format!("{mark} {}", s.dim(&summary)));
            }
            _ => {}
        }
    }
}

/// How the terminal shows a sub-agent's event, if at all.
fn sub_agent_line(envelope: &Envelope) -> Option<String> {
    let agent = envelope.agent.as_str();
    Some(match &envelope.event {
        Event::AgentSpawned {
            role,
            model,
            reason,
            task,
            ..
        } => {
            let task = task
                .as_deref()
                .map(|t| clip(t.lines().next().unwrap_or(""), 80));
            let reason = reason.as_deref().map(|r| format!(" ({})", clip(r, 100)));
            format!(
                "↳ {agent} {role} on {model}{}: {}",
                reason.unwrap_or_default(),
                task.unwrap_or_default()
            )
        }
        Event::ToolCallStarted { tool, input, .. } => {
            format!("▸ {agent}: {tool} {}", summarize_input(input))
                .trim_end()
                .to_owned()
        }
        Event::ToolCallFinished { output, .. } if output.is_error => {
            let first = output.text_summary();
            let first = first.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            format!("✗ {agent}: {}", clip(first, 140))
        }
        Event::ToolCallDenied { tool, reason, .. } => {
            format!("✗ {agent}: {tool} denied: {}", clip(reason, 140))
        }
        Event::ModelRetry { reason, .. } => format!("↻ {agent}: {reason}"),
        Event::Compacted {
            before_tokens,
            after_tokens,
            strategy,
            ..
        } => format!(
            "⇣ {agent}: context compacted, {} → {} tokens ({strategy})",
            thousands(*before_tokens),
            thousands(*after_tokens)
        ),
        Event::AgentResumed {
            replayed,
            rerun,
            interrupted,
        } => format!(
            "↺ {agent}: {}",
            resumed_line(*replayed, rerun.len(), interrupted.len())?
        ),
        Event::BudgetExceeded { budget, limit, .. } => {
            format!("! {agent}: its {budget:?} budget ({limit}) ran out")
        }
        Event::Warning { message } => format!("! {agent}: {message}"),
        Event::AgentFinished {
            outcome,
            cost,
            turns,
            ..
        } => format!(
            "{} {agent} {outcome} · {turns} {} · ${:.4}",
            if *outcome == Outcome::Success {
                "✓"
            } else {
                "✗"
            },
            if *turns == 1 { "turn" } else { "turns" },
            cost.total_usd
        ),
        _ => return None,
    })
}

/// Whether a progress update is shown: the first, the last, and then at
/// most one every [`PROGRESS_EVERY_MS`].
fn progress_due(last_shown_ms: Option<u64>, now_ms: u64, finished: bool) -> bool {
    finished || last_shown_ms.is_none_or(|last| now_ms >= last.saturating_add(PROGRESS_EVERY_MS))
}

/// `3/10 (30%) indexing src/`, `42 downloading`.
fn progress_text(progress: f64, total: Option<f64>, message: Option<&str>) -> String {
    let amount = match total {
        Some(total) if total > 0.0 => {
            format!("{progress}/{total} ({:.0}%)", progress / total * 100.0)
        }
        _ => format!("{progress}"),
    };
    match message.map(str::trim).filter(|m| !m.is_empty()) {
        Some(message) => format!("{amount} {}", clip(message, 120)),
        None => amount,
    }
}

/// `· 3 turns · 2 tool calls · 12,345 in (8,000 cached) / 1,234 out · $0.0123 · 14.2s`
pub fn closing_line(totals: &Totals, priced: bool) -> String {
    let usage = &totals.usage;
    let cached = usage.cache_read_tokens;
    let input = usage.prompt_tokens();
    let tokens = if cached > 0 {
        format!(
            "{} in ({} cached) / {} out tokens",
            thousands(input),
            thousands(cached),
            thousands(usage.output_tokens)
        )
    } else {
        format!(
            "{} in / {} out tokens",
            thousands(input),
            thousands(usage.output_tokens)
        )
    };
    let cost = if priced && totals.delegated_usd > 0.0 {
        let share = totals.delegated_usd / totals.cost.total_usd.max(f64::MIN_POSITIVE);
        format!(
            "${:.4} (${:.4}, {:.0}%, by sub-agents)",
            totals.cost.total_usd,
            totals.delegated_usd,
            (share * 100.0).min(100.0)
        )
    } else if priced {
        format!("${:.4}", totals.cost.total_usd)
    } else {
        "cost unknown (no price for this model)".into()
    };
    format!(
        "· {} {} · {} tool {} · {tokens} · {cost} · {:.1}s",
        totals.turns,
        if totals.turns == 1 { "turn" } else { "turns" },
        totals.tool_calls,
        if totals.tool_calls == 1 {
            "call"
        } else {
            "calls"
        },
        totals.wall_ms as f64 / 1000.0
    )
}

/// The most telling argument of a call, for one line: a path, a command, a pattern.
pub fn summarize_input(input: &Value) -> String {
    let Some(object) = input.as_object() else {
        return clip(&input.to_string(), 100);
    };
    for key in ["command", "path", "pattern", "file_path", "url", "query"] {
        if let Some(value) = object.get(key).and_then(Value::as_str) {
            let first_line = value.lines().next().unwrap_or("");
            return clip(first_line, 100);
        }
    }
    if object.is_empty() {
        String::new()
    } else {
        clip(&input.to_string(), 100)
    }
}

/// What a resume did with an agent's unfinished turn, or nothing to say.
fn resumed_line(replayed: u32, rerun: usize, interrupted: usize) -> Option<String> {
    let mut parts = Vec::new();
    if replayed > 0 {
        parts.push(format!(
            "{replayed} finished tool calls replayed from the log"
        ));
    }
    if rerun > 0 {
        parts.push(format!("{rerun} interrupted idempotent calls run again"));
    }
    if interrupted > 0 {
        parts.push(format!(
            "{interrupted} interrupted calls not repeated (the model is told their outcome is unknown)"
        ));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use baton_protocol::{Cost, Usage};
    use serde_json::json;

    #[test]
    fn closing_line_reads_well() {
        let totals = Totals {
            usage: Usage {
                input_tokens: 4_345,
                output_tokens: 1_234,
                cache_read_tokens: 8_000,
                cache_write_tokens: 0,
            },
            cost: Cost::from_parts(0.01, 0.0023, 0.0, 0.0),
            turns: 3,
            tool_calls: 1,
            wall_ms: 14_234,
            delegated_usd: 0.0,
        };
        assert_eq!(
            closing_line(&totals, true),
            "· 3 turns · 1 tool call · 12,345 in (8,000 cached) / 1,234 out tokens · $0.0123 · 14.2s"
        );
        assert!(closing_line(&totals, false).contains("cost unknown"));
        let delegated = Totals {
            delegated_usd: 0.009225,
            ..totals
        };
        assert!(
            closing_line(&delegated, true).contains("· $0.0123 ($0.0092, 75%, by sub-agents) ·"),
            "{}",
            closing_line(&delegated, true)
        );
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn progress_reads_well() {
        assert_eq!(
            progress_text(3.0, Some(10.0), Some("indexing src/")),
            "3/10 (30%) indexing src/"
        );
        assert_eq!(progress_text(42.0, None, None), "42");
        assert_eq!(progress_text(1.5, Some(0.0), Some("  ")), "1.5");
        assert!(progress_due(None, 5, false));
        assert!(!progress_due(Some(1_000), 1_999, false));
        assert!(progress_due(Some(1_000), 1_999, true));
        assert!(progress_due(Some(1_000), 2_000, false));
    }

    #[test]
    fn inputs_are_summarized_by_their_telling_field() {
        assert_eq!(
            summarize_input(&json!({"path": "src/main.rs", "offset": 3})),
            "src/main.rs"
        );
        assert_eq!(
            summarize_input(&json!({"command": "cargo test\necho hi"})),
            "cargo test"
        );
        assert_eq!(summarize_input(&json!({})), "");
        assert_eq!(summarize_input(&json!({"x": 1})), "{\"x\":1}");
    }
}
