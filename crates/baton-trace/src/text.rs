//! The terminal form: one aligned line per agent, indented by depth, then
//! the session's totals.

use baton_protocol::Outcome;

use crate::{AgentNode, Sums, Trace};

/// How much of the router's reason fits on a line.
const REASON_CHARS: usize = 60;

pub fn render(trace: &Trace) -> String {
    let mut out = String::new();
    let outcome = trace.outcome.map_or("unfinished".into(), |o| o.to_string());
    out.push_str(&format!("session {} · {outcome}", trace.session));
    if let Some(task) = &trace.task {
        out.push_str(&format!(
            " · {}",
            clip(task.lines().next().unwrap_or(""), 80)
        ));
    }
    out.push('\n');
    let header = [
        "agent", "role", "model", "in", "out", "cache", "cost", "wall", "tools", "outcome",
        "reason",
    ];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| (*h).to_owned()).collect()];
    for (depth, node) in trace.agents() {
        rows.push(row(depth, node));
    }
    let columns = header.len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    // Numbers read best right-aligned.
    let right = [
        false, false, false, true, true, true, true, true, true, false, false,
    ];
    for row in &rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let pad = widths[c].saturating_sub(cell.chars().count());
            if c + 1 == columns {
                line.push_str(cell);
            } else if right[c] {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
                line.push_str("  ");
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str(&totals_line(trace));
    out.push('\n');
    out
}

fn row(depth: usize, node: &AgentNode) -> Vec<String> {
    let s = &node.own;
    let cost = if node.children.is_empty() {
        usd(s.cost_usd)
    } else {
        format!("{} (tree {})", usd(s.cost_usd), usd(node.subtree.cost_usd))
    };
    let tools = if s.tool_errors > 0 {
        format!("{} ({} err)", s.tool_calls, s.tool_errors)
    } else {
        s.tool_calls.to_string()
    };
    vec![
        format!("{}{}", "  ".repeat(depth), node.id),
        or_dash(&node.role),
        or_dash(&node.model),
        thousands(s.prompt_tokens()),
        thousands(s.output_tokens),
        cache(s),
        cost,
        duration(node.wall_ms),
        tools,
        outcome_text(node.outcome),
        node.reason
            .as_deref()
            .map(|r| clip(r, REASON_CHARS))
            .unwrap_or_default(),
    ]
}

fn totals_line(trace: &Trace) -> String {
    let t = &trace.totals;
    let share = if t.cost_usd > 0.0 {
        (trace.delegated_usd / t.cost_usd * 100.0).clamp(0.0, 100.0)
    } else {
        0.0
    };
    format!(
        "total · {} {} · {} turns · {} tool calls ({} errors) · {} in / {} out · cache {} · {} ({} by sub-agents, {share:.0}%) · {}",
        t.agents,
        if t.agents == 1 { "agent" } else { "agents" },
        t.turns,
        t.tool_calls,
        t.tool_errors,
        thousands(t.prompt_tokens()),
        thousands(t.output_tokens),
        cache(t),
        usd(t.cost_usd),
        usd(trace.delegated_usd),
        duration(trace.wall_ms),
    )
}

/// Cache hits: tokens read from the prompt cache, and their share of input.
pub(crate) fn cache(s: &Sums) -> String {
    let prompt = s.prompt_tokens();
    if s.cache_read_tokens == 0 || prompt == 0 {
        return "0".into();
    }
    format!(
        "{} ({:.0}%)",
        thousands(s.cache_read_tokens),
        s.cache_read_tokens as f64 / prompt as f64 * 100.0
    )
}

pub(crate) fn outcome_text(outcome: Option<Outcome>) -> String {
    outcome.map_or("unfinished".into(), |o| o.to_string())
}

pub(crate) fn usd(value: f64) -> String {
    format!("${value:.4}")
}

/// `850ms`, `14.2s`, `3m05s`.
pub(crate) fn duration(ms: u64) -> String {
    if ms < 1000 {
        format!("{ms}ms")
    } else if ms < 60_000 {
        format!("{:.1}s", ms as f64 / 1000.0)
    } else {
        format!("{}m{:02}s", ms / 60_000, ms % 60_000 / 1000)
    }
}

pub fn thousands(n: u64) -> String {
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

pub fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

fn or_dash(text: &str) -> String {
    if text.is_empty() {
        "-".into()
    } else {
        text.to_owned()
    }
}
