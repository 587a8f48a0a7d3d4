//! One self-contained HTML page: the agent tree as a table and a Gantt
//! timeline of agents and tool calls as inline SVG.
//!
//! Written by hand with `format!`: the page is one fixed layout with a
//! dozen interpolation points, so a templating crate would add a
//! dependency and a second syntax without removing any of the escaping
//! care. Every string that came from events (tasks, reasons, tool names,
//! ids, models) goes through [`esc`]; tasks are untrusted input.

use std::fmt::Write as _;

use baton_protocol::Outcome;

use crate::text::{cache, clip, duration, outcome_text, thousands, usd};
use crate::{AgentNode, ToolCall, Trace};

const WIDTH: f64 = 1200.0;
const LABEL: f64 = 230.0;
const PLOT: f64 = WIDTH - LABEL - 30.0;
const ROW: f64 = 34.0;
const TOP: f64 = 26.0;
/// The extra height of each further lane of overlapping tool calls.
const LANE: f64 = 10.0;

pub fn render(trace: &Trace) -> String {
    let mut page = String::with_capacity(16 * 1024);
    let title = format!("baton trace {}", trace.session);
    let _ = write!(
        page,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        esc(&title),
        esc(&title)
    );
    if let Some(task) = &trace.task {
        let _ = writeln!(page, "<p class=\"task\">{}</p>", esc(&clip(task, 600)));
    }
    let t = &trace.totals;
    let share = if t.cost_usd > 0.0 {
        (trace.delegated_usd / t.cost_usd * 100.0).clamp(0.0, 100.0)
    } else {
        0.0
    };
    let _ = writeln!(
        page,
        "<p class=\"summary\"><b class=\"{}\">{}</b> · {} agents · {} turns · {} tool calls ({} errors) · {} in / {} out tokens · cache {} · <b>{}</b> ({} by sub-agents, {share:.0}%) · {} wall</p>",
        outcome_class(trace.outcome),
        esc(&outcome_text(trace.outcome)),
        t.agents,
        t.turns,
        t.tool_calls,
        t.tool_errors,
        thousands(t.prompt_tokens()),
        thousands(t.output_tokens),
        esc(&cache(t)),
        usd(t.cost_usd),
        usd(trace.delegated_usd),
        duration(trace.wall_ms)
    );
    page.push_str("<h2>Agents</h2>\n");
    tree_table(&mut page, trace);
    page.push_str("<h2>Timeline</h2>\n");
    timeline(&mut page, trace);
    page.push_str(LEGEND);
    page.push_str("</body>\n</html>\n");
    page
}

fn tree_table(page: &mut String, trace: &Trace) {
    page.push_str(
        "<table>\n<tr><th>agent</th><th>role</th><th>model</th><th>reason</th><th>in</th><th>out</th><th>cache</th><th>cost</th><th>subtree cost</th><th>wall</th><th>tools</th><th>outcome</th><th>task</th></tr>\n",
    );
    for (depth, node) in trace.agents() {
        let s = &node.own;
        let reason = node.reason.as_deref().unwrap_or("");
        let task = node.task.as_deref().unwrap_or("");
        let tools = if s.tool_errors > 0 {
            format!("{} ({} err)", s.tool_calls, s.tool_errors)
        } else {
            s.tool_calls.to_string()
        };
        let _ = writeln!(
            page,
            "<tr><td class=\"id\" style=\"padding-left:{}px\">{}</td><td>{}</td><td>{}</td><td class=\"reason\" title=\"{}\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"{}\">{}</td><td class=\"reason\" title=\"{}\">{}</td></tr>",
            8 + depth * 18,
            esc(node.id.as_str()),
            esc(&node.role),
            esc(&node.model),
            esc(reason),
            esc(&clip(reason, 60)),
            thousands(s.prompt_tokens()),
            thousands(s.output_tokens),
            esc(&cache(s)),
            usd(s.cost_usd),
            usd(node.subtree.cost_usd),
            duration(node.wall_ms),
            esc(&tools),
            outcome_class(node.outcome),
            esc(&outcome_text(node.outcome)),
            esc(task),
            esc(&clip(task.lines().next().unwrap_or(""), 80)),
        );
    }
    page.push_str("</table>\n");
}

fn timeline(page: &mut String, trace: &Trace) {
    let agents = trace.agents();
    let start = trace.start_ms;
    let span = trace.end_ms.saturating_sub(start).max(1) as f64;
    let x = |ms: u64| LABEL + ms.saturating_sub(start) as f64 / span * PLOT;
    // Calls that overlap (parallel read-only calls, delegations) each get a
    // lane below the agent's bar, so none hides another.
    let rows: Vec<(usize, &AgentNode, Vec<Placed>, usize)> = agents
        .iter()
        .map(|(depth, node)| {
            let (calls, lanes) = lanes(node, trace.end_ms);
            (*depth, *node, calls, lanes)
        })
        .collect();
    let row_height = |lanes: usize| ROW + LANE * lanes.saturating_sub(1) as f64;
    let height = TOP + rows.iter().map(|r| row_height(r.3)).sum::<f64>() + 8.0;
    let _ = writeln!(
        page,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" font-family=\"system-ui, sans-serif\" font-size=\"12\">"
    );
    // Drawn in layers: row bands, then the time axis, then the bars.
    let mut y = TOP;
    for (index, row) in rows.iter().enumerate() {
        let h = row_height(row.3);
        if index % 2 == 1 {
            let _ = writeln!(
                page,
                "<rect x=\"0\" y=\"{y:.1}\" width=\"{WIDTH}\" height=\"{h:.1}\" class=\"band\"/>"
            );
        }
        y += h;
    }
    axis(page, span, height);
    let mut y = TOP;
    for (depth, node, calls, lanes) in &rows {
        let h = row_height(*lanes);
        let _ = writeln!(
            page,
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"label\">{} <tspan class=\"dim\">{}</tspan></text>",
            6.0 + *depth as f64 * 14.0,
            y + 16.0,
            esc(node.id.as_str()),
            esc(&clip(&node.role, 14))
        );
        let (x0, x1) = (x(node.start_ms), x(node.end_ms));
        let _ = writeln!(
            page,
            "<rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"14\" rx=\"3\" class=\"agent {}\"><title>{}</title></rect>",
            y + 5.0,
            (x1 - x0).max(3.0),
            outcome_class(node.outcome),
            esc(&agent_title(node))
        );
        for (lane, call, end) in calls {
            let (c0, c1) = (x(call.start_ms), x(*end));
            let _ = writeln!(
                page,
                "<rect x=\"{c0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"7\" class=\"tool {}\"><title>{}</title></rect>",
                y + 22.0 + LANE * *lane as f64,
                (c1 - c0).max(3.0),
                tool_class(call),
                esc(&tool_title(node, call))
            );
        }
        y += h;
    }
    page.push_str("</svg>\n");
}

/// The time axis: a round step giving at most about ten ticks.
fn axis(page: &mut String, span: f64, height: f64) {
    let step = tick_step(span);
    let mut tick = 0.0;
    while tick <= span {
        let tx = LABEL + tick / span * PLOT;
        let _ = writeln!(
            page,
            "<line x1=\"{tx:.1}\" y1=\"{:.1}\" x2=\"{tx:.1}\" y2=\"{:.1}\" class=\"grid\"/><text x=\"{tx:.1}\" y=\"14\" text-anchor=\"middle\" class=\"axis\">{}</text>",
            TOP - 6.0,
            height - 4.0,
            duration(tick as u64)
        );
        tick += step;
    }
}

/// A tool call on the timeline: its lane, the call, and where it ends.
type Placed<'a> = (usize, &'a ToolCall, u64);

/// Each call with its lane and end; and how many lanes the agent needs.
fn lanes(node: &AgentNode, stream_end: u64) -> (Vec<Placed<'_>>, usize) {
    let mut lane_ends: Vec<u64> = Vec::new();
    let mut out = Vec::with_capacity(node.tool_calls.len());
    for call in &node.tool_calls {
        let end = match (call.duration_ms, &call.denied) {
            (Some(d), _) => call.start_ms + d,
            (None, Some(_)) => call.start_ms,
            // Never finished: it ran until the stream stopped.
            (None, None) => stream_end,
        };
        // A call sharing its start millisecond with a lane's end still
        // overlaps on screen (bars have a minimum width).
        let lane = match lane_ends.iter().position(|&e| e < call.start_ms) {
            Some(lane) => lane,
            None => {
                lane_ends.push(0);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = end;
        out.push((lane, call, end));
    }
    let lanes = lane_ends.len().max(1);
    (out, lanes)
}

fn tick_step(span_ms: f64) -> f64 {
    let mut step = 1.0;
    loop {
        for factor in [1.0, 2.0, 5.0] {
            if span_ms / (step * factor) <= 10.0 {
                return step * factor;
            }
        }
        step *= 10.0;
    }
}

fn agent_title(node: &AgentNode) -> String {
    let mut title = format!(
        "{} · {} on {} · {} · {} · {} (subtree {}) · {} in / {} out",
        node.id,
        node.role,
        node.model,
        outcome_text(node.outcome),
        duration(node.wall_ms),
        usd(node.own.cost_usd),
        usd(node.subtree.cost_usd),
        thousands(node.own.prompt_tokens()),
        thousands(node.own.output_tokens),
    );
    if let Some(reason) = &node.reason {
        let _ = write!(title, "\nrouter: {reason}");
    }
    if let Some(task) = &node.task {
        let _ = write!(title, "\ntask: {}", clip(task, 200));
    }
    title
}

fn tool_title(node: &AgentNode, call: &ToolCall) -> String {
    let state = match (&call.denied, call.duration_ms) {
        (Some(reason), _) => format!("denied: {}", clip(reason, 200)),
        (None, Some(d)) if call.error => format!("error after {}", duration(d)),
        (None, Some(d)) => duration(d),
        (None, None) => "unfinished".into(),
    };
    format!("{}: {} ({}) · {state}", node.id, call.tool, call.call_id)
}

fn outcome_class(outcome: Option<Outcome>) -> &'static str {
    match outcome {
        Some(Outcome::Success) => "ok",
        Some(Outcome::Failure) => "fail",
        Some(Outcome::BudgetExhausted) => "budget",
        Some(Outcome::Cancelled) => "cancel",
        None => "open",
    }
}

fn tool_class(call: &ToolCall) -> &'static str {
    if call.denied.is_some() {
        "denied"
    } else if call.error {
        "fail"
    } else if call.duration_ms.is_none() {
        "open"
    } else {
        "ok"
    }
}

/// Makes text safe in element content and in quoted attributes.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; background: #fff; }
h1 { font-size: 20px; margin: 0 0 6px; }
h2 { font-size: 16px; margin: 22px 0 8px; }
.task { color: #444; margin: 4px 0; white-space: pre-wrap; max-width: 1200px; }
.summary { margin: 6px 0; }
table { border-collapse: collapse; font-size: 13px; }
th, td { padding: 3px 8px; border-bottom: 1px solid #e4e4e4; text-align: left; white-space: nowrap; }
th { background: #f4f4f4; font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.id { font-family: ui-monospace, monospace; }
td.reason { color: #555; white-space: normal; min-width: 140px; max-width: 240px; }
td.ok, b.ok { color: #2e7d4f; } td.fail, b.fail { color: #c0392b; }
td.budget, b.budget { color: #b7791f; } td.cancel, b.cancel, td.open, b.open { color: #777; }
svg { border: 1px solid #e4e4e4; background: #fff; }
svg .band { fill: #f7f7f9; }
svg .grid { stroke: #e2e2e2; }
svg .axis, svg .dim { fill: #888; }
svg .label { fill: #222; font-family: ui-monospace, monospace; }
svg rect.agent.ok { fill: #8cc9a5; } svg rect.agent.fail { fill: #e8958c; }
svg rect.agent.budget { fill: #f0c674; } svg rect.agent.cancel { fill: #c4c4c4; }
svg rect.agent.open { fill: #b9cde6; stroke: #6b8fbf; stroke-dasharray: 4 2; }
svg rect.tool.ok { fill: #3b6ea8; } svg rect.tool.fail { fill: #c0392b; }
svg rect.tool.denied { fill: #7d3c98; } svg rect.tool.open { fill: #9fb4cc; }
svg rect:hover { stroke: #000; stroke-width: 1; }
.legend span { display: inline-block; width: 12px; height: 10px; margin: 0 4px 0 14px; vertical-align: middle; }
.legend { color: #555; font-size: 13px; }
";

const LEGEND: &str = "<p class=\"legend\">agents:<span style=\"background:#8cc9a5\"></span>success<span style=\"background:#e8958c\"></span>failure<span style=\"background:#f0c674\"></span>budget exhausted<span style=\"background:#c4c4c4\"></span>cancelled<span style=\"background:#b9cde6\"></span>unfinished · tool calls:<span style=\"background:#3b6ea8\"></span>ok<span style=\"background:#c0392b\"></span>error<span style=\"background:#7d3c98\"></span>denied<span style=\"background:#9fb4cc\"></span>unfinished · hover a bar for details</p>\n";
