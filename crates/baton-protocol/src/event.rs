use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{AgentId, Cost, Message, SessionId, StopReason, ToolCallId, ToolOutput, Usage};

/// One event with the facts every subscriber needs to place it: its order
/// in the session, when it happened, and which agent emitted it.
///
/// On the wire (`--json`, the store) the event's own fields sit beside these,
/// with the variant name in `type`:
/// `{"seq":3,"ts_ms":…,"session":"…","agent":"…","type":"tool_call_started",…}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    /// Strictly increasing within a session, starting at 0.
    pub seq: u64,
    /// Milliseconds since the Unix epoch.
    pub ts_ms: u64,
    pub session: SessionId,
    pub agent: AgentId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<AgentId>,
    #[serde(flatten)]
    pub event: Event,
}

/// Everything a run reports. Front ends (terminal, `--json`, store, MCP
/// progress) only ever see these; none of them reaches into the agent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    SessionStarted {
        task: String,
        model: String,
        workspace: String,
        permission: PermissionMode,
        version: String,
    },
    AgentSpawned {
        role: String,
        model: String,
        /// Why the router picked this model, for delegated agents.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        /// The `delegate` call that started this agent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        call_id: Option<ToolCallId>,
        /// The task it was given (the start of it, for the trace).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        task: Option<String>,
    },
    /// A model call is about to be made; `turn` counts from 1 per agent.
    TurnStarted {
        turn: u32,
    },
    /// Streamed assistant text.
    ModelDelta {
        text: String,
    },
    /// A model call failed in a way worth retrying. Text streamed since the
    /// call began is void: the retried call starts the message again.
    ModelRetry {
        attempt: u32,
        reason: String,
        delay_ms: u64,
    },
    ModelFinished {
        model: String,
        stop_reason: StopReason,
        usage: Usage,
        cost: Cost,
        latency_ms: u64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        first_token_ms: Option<u64>,
    },
    ApprovalRequested {
        call_id: ToolCallId,
        tool: String,
        input: Value,
    },
    ApprovalResolved {
        call_id: ToolCallId,
        approved: bool,
    },
    /// The inspector chain refused the call; the model is told why.
    ToolCallDenied {
        call_id: ToolCallId,
        tool: String,
        reason: String,
    },
    ToolCallStarted {
        call_id: ToolCallId,
        tool: String,
        input: Value,
    },
    /// A running tool reported progress (MCP `notifications/progress`).
    ToolProgress {
        call_id: ToolCallId,
        progress: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        total: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message: Option<String>,
    },
    ToolCallFinished {
        call_id: ToolCallId,
        tool: String,
        output: ToolOutput,
        duration_ms: u64,
    },
    /// An MCP server's state changed: connected (with its tool count),
    /// failed (with the reason), or disconnected.
    McpServer {
        server: String,
        status: McpServerStatus,
        #[serde(default)]
        tools: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        error: Option<String>,
    },
    BudgetExceeded {
        budget: BudgetKind,
        limit: f64,
        used: f64,
    },
    /// Something the user should know that does not stop the run.
    Warning {
        message: String,
    },
    /// A message joined this agent's conversation: its task, each model
    /// response, each turn's tool results, a follow-up. Folding these (and
    /// `compacted`) gives back the agent's context, which is how a session
    /// resumes.
    MessageAppended {
        message: Message,
    },
    /// The agent's context was made smaller. `context` replaces everything
    /// before it; `before_tokens` and `after_tokens` are estimates calibrated
    /// against the provider's counts.
    Compacted {
        before_tokens: u64,
        after_tokens: u64,
        strategy: CompactionStrategy,
        context: Vec<Message>,
    },
    /// A session continues: after a crash or interruption, or with a
    /// follow-up task. Emitted by the root agent in place of
    /// `session_started`; seq numbers carry on from the earlier run.
    SessionResumed {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        follow_up: Option<String>,
        version: String,
    },
    /// An agent picked up where its log ended. Completed tool calls were
    /// `replayed` from the log; calls in flight at the crash were re-run
    /// when idempotent (`rerun`), else reported to the model as
    /// `interrupted` with an unknown outcome.
    AgentResumed {
        replayed: u32,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        rerun: Vec<ToolCallId>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        interrupted: Vec<ToolCallId>,
    },
    /// A completion gate noted, as the agent started, the state its work
    /// will be measured against (the verify gate: the working tree as a git
    /// tree id). Recorded so a resumed agent is measured from the same point.
    GateBegan {
        gate: String,
        state: String,
    },
    /// The agent said it was done; baton is running the repository's tests
    /// and inspecting the change (the verify gate). `attempt` counts from 1.
    VerifyStarted {
        attempt: u32,
    },
    /// The verify gate's verdict. On `fail` or `suspicious` the agent gets
    /// the findings and another attempt, until its attempts run out.
    VerifyFinished {
        verdict: VerifyVerdict,
        findings: Vec<VerifyFinding>,
        /// The test run in one line ("cargo test: 12 passed, 1 failed"), or
        /// why the tests did not run.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tests: Option<String>,
        duration_ms: u64,
    },
    /// The critique gate measured the agent's answer against one principle
    /// of the constitution. `text` is the critique; `found_nothing` when it
    /// asked for no change.
    Critique {
        principle: String,
        text: String,
        #[serde(default)]
        found_nothing: bool,
    },
    /// The agent's answer after a critique: the revision.
    Revision {
        text: String,
    },
    AgentFinished {
        outcome: Outcome,
        /// The agent's final answer, or what it had when it stopped.
        report: String,
        usage: Usage,
        cost: Cost,
        turns: u32,
    },
    SessionFinished {
        outcome: Outcome,
        totals: Totals,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        error: Option<String>,
    },
}

impl Event {
    /// The `type` tag this event carries on the wire.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::SessionStarted { .. } => "session_started",
            Event::AgentSpawned { .. } => "agent_spawned",
            Event::TurnStarted { .. } => "turn_started",
            Event::ModelDelta { .. } => "model_delta",
            Event::ModelRetry { .. } => "model_retry",
            Event::ModelFinished { .. } => "model_finished",
            Event::ApprovalRequested { .. } => "approval_requested",
            Event::ApprovalResolved { .. } => "approval_resolved",
            Event::ToolCallDenied { .. } => "tool_call_denied",
            Event::ToolCallStarted { .. } => "tool_call_started",
            Event::ToolProgress { .. } => "tool_progress",
            Event::ToolCallFinished { .. } => "tool_call_finished",
            Event::McpServer { .. } => "mcp_server",
            Event::BudgetExceeded { .. } => "budget_exceeded",
            Event::Warning { .. } => "warning",
            Event::MessageAppended { .. } => "message_appended",
            Event::Compacted { .. } => "compacted",
            Event::SessionResumed { .. } => "session_resumed",
            Event::AgentResumed { .. } => "agent_resumed",
            Event::GateBegan { .. } => "gate_began",
            Event::VerifyStarted { .. } => "verify_started",
            Event::VerifyFinished { .. } => "verify_finished",
            Event::Critique { .. } => "critique",
            Event::Revision { .. } => "revision",
            Event::AgentFinished { .. } => "agent_finished",
            Event::SessionFinished { .. } => "session_finished",
        }
    }
}

/// How an agent or a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The agent gave a final answer.
    Success,
    /// The agent could not finish: a model error, or a gate it did not pass.
    Failure,
    /// A budget (turns, tokens, money, time) ran out first.
    BudgetExhausted,
    /// The user or a parent cancelled it.
    Cancelled,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Outcome::Success => "success",
            Outcome::Failure => "failure",
            Outcome::BudgetExhausted => "budget exhausted",
            Outcome::Cancelled => "cancelled",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum McpServerStatus {
    Connected,
    Failed,
    Disconnected,
    /// An OAuth server without usable credentials; `error` names the
    /// `baton mcp login` command to run.
    NeedsLogin,
}

/// What the verify gate concluded about an agent's change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerifyVerdict {
    Pass,
    /// The tests fail.
    Fail,
    /// The tests pass, but the change looks like reward hacking.
    Suspicious,
}

impl fmt::Display for VerifyVerdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            VerifyVerdict::Pass => "pass",
            VerifyVerdict::Fail => "fail",
            VerifyVerdict::Suspicious => "suspicious",
        })
    }
}

/// One finding of the verify gate, as events carry it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerifyFinding {
    /// `test_file_changed`, `assertion_weakened`, `skip_added`, … (see
    /// docs/verify.md).
    pub kind: String,
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// `info`, `low`, `medium` or `high`.
    pub severity: String,
    pub explanation: String,
}

/// How a context was compacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompactionStrategy {
    /// The model summarised the older turns; the recent ones stay verbatim.
    Summary,
    /// The oldest tool outputs were replaced by a placeholder.
    DropToolOutputs,
    /// The oldest turns were dropped.
    DropTurns,
}

impl fmt::Display for CompactionStrategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CompactionStrategy::Summary => "summary",
            CompactionStrategy::DropToolOutputs => "drop_tool_outputs",
            CompactionStrategy::DropTurns => "drop_turns",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetKind {
    Turns,
    Tokens,
    Usd,
    WallTimeMs,
}

/// What a whole session consumed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// The whole agent tree's: the root agent and every sub-agent.
    pub usage: Usage,
    pub cost: Cost,
    pub turns: u32,
    pub tool_calls: u32,
    pub wall_ms: u64,
    /// The part of `cost` spent by sub-agents.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub delegated_usd: f64,
}

fn is_zero(value: &f64) -> bool {
    *value == 0.0
}

/// Which tool calls need a human's approval.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PermissionMode {
    /// Ask before any tool that is not read-only.
    #[default]
    Ask,
    /// Run every tool without asking.
    Auto,
    /// Refuse every tool that is not read-only.
    ReadOnly,
}

impl PermissionMode {
    pub fn as_str(&self) -> &'static str {
        match self {
            PermissionMode::Ask => "ask",
            PermissionMode::Auto => "auto",
            PermissionMode::ReadOnly => "read-only",
        }
    }
}

impl fmt::Display for PermissionMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
