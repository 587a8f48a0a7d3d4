//! baton's built-in tools: read, write and edit files, list and glob, grep,
//! and a shell with a timeout and an output cap.
//!
//! Every tool is described by an MCP-shaped [`ToolSpec`] and returns an
//! MCP-shaped [`ToolOutput`], so the MCP layer can serve them unchanged.
//! Every path a tool touches is confined to the [`Workspace`] root.

mod registry;
mod workspace;

mod edit;
mod files;
mod search;
mod shell;

pub use registry::{ProgressSink, Tool, ToolContext, ToolRegistry, Toolbox, parse_input};
pub use shell::{GroupGuard, ShellOptions};
pub use workspace::{PathError, Workspace};

use std::sync::Arc;

/// All built-in tools, confined to `workspace`.
pub fn builtin_tools(workspace: Workspace, shell: ShellOptions) -> ToolRegistry {
    let workspace = Arc::new(workspace);
    let mut registry = ToolRegistry::new();
    registry.register(Arc::new(files::ReadFile::new(workspace.clone())));
    registry.register(Arc::new(files::WriteFile::new(workspace.clone())));
    registry.register(Arc::new(edit::EditFile::new(workspace.clone())));
    registry.register(Arc::new(search::List::new(workspace.clone())));
    registry.register(Arc::new(search::Glob::new(workspace.clone())));
    registry.register(Arc::new(search::Grep::new(workspace.clone())));
    registry.register(Arc::new(shell::Shell::new(workspace, shell)));
    registry
}
