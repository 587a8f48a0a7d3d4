//! The inspector chain that every tool call passes before it runs.
//!
//! Inspectors are small and run in order; the first that denies wins. The
//! chain starts with the permission policy; later layers (the injection
//! guard, the action policy) slot in the same way.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use baton_protocol::{Event, PermissionMode, ToolCallId, ToolSpec};
use serde_json::Value;
use tokio_util::sync::CancellationToken;

use crate::Emitter;

/// A tool call the model asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolCall {
    pub id: ToolCallId,
    pub name: String,
    pub input: Value,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Allow,
    /// The call does not run; `reason` is told to the model.
    Deny {
        reason: String,
    },
}

/// What inspectors may use besides the call itself.
pub struct InspectContext<'a> {
    pub emitter: &'a Emitter,
    pub cancel: &'a CancellationToken,
}

#[async_trait]
pub trait Inspector: Send + Sync {
    async fn inspect(&self, call: &ToolCall, spec: &ToolSpec, ctx: &InspectContext<'_>) -> Verdict;
}

/// What an approver is asked.
#[derive(Debug, Clone)]
pub struct ApprovalRequest {
    pub call: ToolCall,
    pub spec: ToolSpec,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Approval {
    Approve,
    /// Approve this call and every later call of the same tool in this session.
    ApproveTool,
    Deny {
        reason: Option<String>,
    },
}

/// Decides on calls that the policy says need a human: the CLI asks on the
/// terminal, a server might ask its client.
#[async_trait]
pub trait Approver: Send + Sync {
    async fn approve(&self, request: &ApprovalRequest) -> Approval;
}

/// Refuses everything, explaining why; for runs with nobody to ask.
pub struct DenyAll {
    pub reason: String,
}

#[async_trait]
impl Approver for DenyAll {
    async fn approve(&self, _: &ApprovalRequest) -> Approval {
        Approval::Deny {
            reason: Some(self.reason.clone()),
        }
    }
}

/// The permission mode as an inspector: `auto` allows, `read-only` refuses
/// anything that is not read-only, `ask` puts such calls to the approver.
pub struct PermissionPolicy {
    mode: PermissionMode,
    approver: Arc<dyn Approver>,
    always_allowed: Mutex<HashSet<String>>,
}

impl PermissionPolicy {
    pub fn new(mode: PermissionMode, approver: Arc<dyn Approver>) -> Self {
        Self {
            mode,
            approver,
            always_allowed: Mutex::new(HashSet::new()),
        }
    }

    fn is_always_allowed(&self, tool: &str) -> bool {
        self.always_allowed
            .lock()
            .map(|set| set.contains(tool))
            .unwrap_or(false)
    }
}

#[async_trait]
impl Inspector for PermissionPolicy {
    async fn inspect(&self, call: &ToolCall, spec: &ToolSpec, ctx: &InspectContext<'_>) -> Verdict {
        if spec.annotations.is_read_only() {
            return Verdict::Allow;
        }
        match self.mode {
            PermissionMode::Auto => Verdict::Allow,
            PermissionMode::ReadOnly => Verdict::Deny {
                reason: format!(
                    "`{}` can change files or run commands, and this session is read-only (--permission read-only). Use read-only tools, or tell the user what you would change.",
                    call.name
                ),
            },
            PermissionMode::Ask if self.is_always_allowed(&call.name) => Verdict::Allow,
            PermissionMode::Ask => {
                ctx.emitter.emit(Event::ApprovalRequested {
                    call_id: call.id.clone(),
                    tool: call.name.clone(),
                    input: call.input.clone(),
                });
                let request = ApprovalRequest {
                    call: call.clone(),
                    spec: spec.clone(),
                };
                let approval = tokio::select! {
                    approval = self.approver.approve(&request) => approval,
                    () = ctx.cancel.cancelled() => Approval::Deny { reason: Some("the run was cancelled".into()) },
                };
                let approved = !matches!(approval, Approval::Deny { .. });
                ctx.emitter.emit(Event::ApprovalResolved {
                    call_id: call.id.clone(),
                    approved,
                });
                match approval {
                    Approval::Approve => Verdict::Allow,
                    Approval::ApproveTool => {
                        if let Ok(mut set) = self.always_allowed.lock() {
                            set.insert(call.name.clone());
                        }
                        Verdict::Allow
                    }
                    Approval::Deny { reason } => Verdict::Deny {
                        reason: match reason {
                            Some(reason) => format!("the user did not approve this call: {reason}"),
                            None => "the user did not approve this call. Do not retry it; ask the user how to proceed or take another approach.".into(),
                        },
                    },
                }
            }
        }
    }
}
