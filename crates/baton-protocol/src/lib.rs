//! Plain data shared by every baton crate.
//!
//! Nothing here does IO. Every type round-trips through serde, and the JSON
//! field names are part of baton's public interface: the `--json` stream, the
//! store and the MCP server all speak these shapes. Rename nothing without a
//! migration note in `docs/events.md`.

mod event;
mod ids;
mod message;
mod tool;
mod usage;

pub use event::{
    BudgetKind, CompactionStrategy, Envelope, Event, McpServerStatus, Outcome, PermissionMode,
    Totals, VerifyFinding, VerifyVerdict,
};
pub use ids::{AgentId, SessionId, ToolCallId};
pub use message::{ContentBlock, ImageSource, Message, Role, StopReason, ToolResultContent};
pub use tool::{ToolAnnotations, ToolOutput, ToolSpec};
pub use usage::{Cost, Price, Usage};
