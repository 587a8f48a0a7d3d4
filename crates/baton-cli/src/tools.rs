//! Assembling the tools a session sees: baton's built-ins plus every
//! configured MCP server, behind the hub.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use baton_config::Config;
use baton_mcp::{HubOptions, ToolHub};
use baton_protocol::Event;
use baton_tools::{ShellOptions, Toolbox, Workspace, builtin_tools};

/// Oversized MCP results are written here, inside the workspace, so the
/// model can read them with read_file.
pub const SPILL_DIR: &str = ".baton/spill";

pub fn shell_options(config: &Config) -> ShellOptions {
    ShellOptions {
        default_timeout: Duration::from_secs(config.shell.timeout_secs),
        max_timeout: Duration::from_secs(config.shell.max_timeout_secs),
        output_cap_bytes: config.shell.output_cap_bytes,
    }
}

pub fn builtins(workspace: &Workspace, config: &Config) -> Arc<dyn Toolbox> {
    Arc::new(builtin_tools(workspace.clone(), shell_options(config)))
}

/// The workspace to name in `baton mcp -C DIR login` hints: none when it is
/// the current directory (the plain command works there).
pub fn login_workspace(root: &Path) -> Option<PathBuf> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let here = std::env::current_dir().and_then(|d| d.canonicalize()).ok();
    (here.as_deref() != Some(root.as_path())).then_some(root)
}

/// Starts the hub; the events describe each configured server's start.
pub async fn start_hub(workspace: &Workspace, config: &Config) -> (ToolHub, Vec<Event>) {
    let options = HubOptions {
        spill_dir: Some(workspace.root().join(SPILL_DIR)),
        env: Arc::new(|var| std::env::var(var).ok()),
        login_workspace: login_workspace(workspace.root()),
        ..HubOptions::default()
    };
    ToolHub::start(
        Some(builtins(workspace, config)),
        &config.mcp_servers,
        options,
    )
    .await
}
