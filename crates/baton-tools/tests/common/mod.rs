//! Shared setup: a temporary workspace with the built-in tools over it.
// Each test binary uses a different subset; setup failures should panic.
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use std::path::PathBuf;

use baton_protocol::ToolOutput;
use baton_tools::{ShellOptions, ToolContext, ToolRegistry, Toolbox, Workspace, builtin_tools};
use serde_json::Value;
use tokio_util::sync::CancellationToken;

pub struct Env {
    pub dir: tempfile::TempDir,
    pub tools: ToolRegistry,
}

pub fn env() -> Env {
    env_with(ShellOptions::default())
}

pub fn env_with(shell: ShellOptions) -> Env {
    let dir = tempfile::tempdir().unwrap();
    let tools = builtin_tools(Workspace::new(dir.path()).unwrap(), shell);
    Env { dir, tools }
}

impl Env {
    pub async fn call(&self, name: &str, input: Value) -> ToolOutput {
        self.call_with(name, input, CancellationToken::new()).await
    }

    pub async fn call_with(
        &self,
        name: &str,
        input: Value,
        cancel: CancellationToken,
    ) -> ToolOutput {
        self.tools
            .call(name, input, ToolContext::new("c1", cancel))
            .await
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn write(&self, relative: &str, content: impl AsRef<[u8]>) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap()
    }
}

/// The output's text, asserting it succeeded.
pub fn ok(output: &ToolOutput) -> String {
    let text = output.text_summary();
    assert!(!output.is_error, "expected success, got error: {text}");
    text
}

/// The output's text, asserting it is an error.
pub fn err(output: &ToolOutput) -> String {
    let text = output.text_summary();
    assert!(output.is_error, "expected an error, got: {text}");
    text
}
