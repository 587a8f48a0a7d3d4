//! The agent loop and what surrounds it.
//!
//! - [`EventBus`]: every run reports only through [`baton_protocol::Event`]s;
//!   front ends subscribe, none reaches into the agent.
//! - [`Agent`]: build the request, stream the model, run each tool call
//!   through the [`Inspector`] chain, execute (read-only calls in parallel,
//!   the rest in order), feed results back, repeat until a final answer, the
//!   turn limit, or cancellation.
//! - [`Budget`]: hard, hierarchical limits on money, tokens, turns and wall
//!   time; each model call reserves its worst case first.
//! - [`compact_messages`]: context compaction; the agent compacts its own
//!   context before a call that would near the model's window.
//! - [`run_session`]: one task from start to [`SessionReport`], with the
//!   session-level events around the root agent.

mod agent;
mod budget;
mod bus;
mod compact;
mod critique_gate;
mod delegate;
mod gate;
mod inspect;
mod memory;
mod prompt;
mod resume;
mod roles;
mod session;
mod verify_gate;

pub use agent::{Agent, AgentConfig, AgentReport, Origin};
pub use budget::{Ask, Budget, Exceeded, Limits, Reservation, Spend, estimate_tokens};
pub use bus::{ChannelSubscriber, Durable, Emitter, EventBus, Subscriber};
pub use compact::{
    COMPACTION_HEADER, Calibration, CompactError, Compaction, CompactionOutcome,
    CompactionSettings, DROPPED_OUTPUT, Job, Prepared, Window, compact_messages, context_chars,
    drop_to_fit, estimate_request_tokens, message_chars, prepare, render_transcript, split_point,
    split_task, summary_request, validate, with_summary,
};
pub use critique_gate::{CritiqueGate, CritiqueSettings};
pub use delegate::{
    ChildReport, Choice, DELEGATE_TOOL, Delegation, Delegator, ModelChooser, WithDelegate,
    system_prompt,
};
pub use gate::{Gate, GateContext, GateVerdict};
pub use inspect::{
    Approval, ApprovalRequest, Approver, DenyAll, InspectContext, Inspector, PermissionPolicy,
    ToolCall, Verdict,
};
pub use memory::{ProjectMemory, load_project_memory, load_project_memory_until};
pub use prompt::default_system_prompt;
pub use resume::{
    AgentLog, CallRecord, LiveLog, ResumeError, SessionLog, attempt_number, interrupted_output,
};
pub use roles::{GATES, RoleDef, RoleError, Roles, ToolSelection, parse_role_file};
pub use session::{SessionReport, SessionSpec, new_session_id, resume_session, run_session};
pub use verify_gate::{VerifyGate, VerifySettings};
