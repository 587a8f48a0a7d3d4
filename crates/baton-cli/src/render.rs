//! Front ends for the event stream: the human-readable terminal renderer
//! and the `--json` JSON-lines writer. Both are plain [`Subscriber`]s.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;

use baton_agent::Subscriber;
use baton_protocol::{BudgetKind, Envelope, Event, McpServerStatus, Outcome, Totals};
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
}

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
        match &envelope.event {
            Event::SessionStarted {
                model, permission, ..
            } => {
                self.line(
                    &mut state,
                    &s.dim(&format!("baton · {model} · permission {permission}")),
                );
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
            Event::ToolCallFinished { output, .. } if output.is_error => {
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
            Event::BudgetExceeded { budget, limit, .. } => {
                let text = match budget {
                    BudgetKind::Turns => format!(
                        "! stopped: reached the turn limit ({limit}); raise it with --max-turns"
                    ),
                    other => format!("! stopped: the {other:?} budget ({limit}) ran out"),
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
    let cost = if priced {
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

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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

fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
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
        };
        assert_eq!(
            closing_line(&totals, true),
            "· 3 turns · 1 tool call · 12,345 in (8,000 cached) / 1,234 out tokens · $0.0123 · 14.2s"
        );
        assert!(closing_line(&totals, false).contains("cost unknown"));
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1_000_000), "1,000,000");
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
