use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use baton_protocol::{ToolCallId, ToolOutput, ToolSpec};
use serde::de::DeserializeOwned;
use serde_json::Value;
use tokio_util::sync::CancellationToken;

/// What a tool call gets besides its input.
#[derive(Clone)]
pub struct ToolContext {
    pub call_id: ToolCallId,
    /// Cancelled when the user or a parent agent cancels; long-running
    /// tools must stop promptly and clean up (kill children, etc.).
    pub cancel: CancellationToken,
    /// Where a long-running tool reports progress, if anyone listens.
    pub progress: Option<ProgressSink>,
}

/// Receives progress reports: (progress, total, message).
pub type ProgressSink = Arc<dyn Fn(f64, Option<f64>, Option<String>) + Send + Sync>;

impl ToolContext {
    pub fn new(call_id: impl Into<ToolCallId>, cancel: CancellationToken) -> Self {
        Self {
            call_id: call_id.into(),
            cancel,
            progress: None,
        }
    }

    pub fn with_progress(mut self, sink: ProgressSink) -> Self {
        self.progress = Some(sink);
        self
    }

    pub fn report_progress(&self, progress: f64, total: Option<f64>, message: Option<String>) {
        if let Some(sink) = &self.progress {
            sink(progress, total, message);
        }
    }
}

impl std::fmt::Debug for ToolContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ToolContext")
            .field("call_id", &self.call_id)
            .finish_non_exhaustive()
    }
}

/// One tool. A failure is an `is_error` output written for the model, not
/// an `Err`: tool errors are data the model can act on.
#[async_trait]
pub trait Tool: Send + Sync {
    fn spec(&self) -> &ToolSpec;
    async fn call(&self, input: Value, ctx: ToolContext) -> ToolOutput;
}

/// A set of tools the agent can list and call by name. The built-in
/// [`ToolRegistry`] is one; the MCP hub is another.
#[async_trait]
pub trait Toolbox: Send + Sync {
    fn specs(&self) -> Vec<ToolSpec>;
    /// Changes whenever the tool list changes (an MCP server's
    /// `tools/list_changed`, a reconnect), so callers re-read `specs` only then.
    fn generation(&self) -> u64 {
        0
    }
    fn spec(&self, name: &str) -> Option<ToolSpec>;
    async fn call(&self, name: &str, input: Value, ctx: ToolContext) -> ToolOutput;
}

/// Tools held in memory, in registration order.
#[derive(Default, Clone)]
pub struct ToolRegistry {
    tools: Vec<Arc<dyn Tool>>,
    by_name: HashMap<String, usize>,
}

impl ToolRegistry {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a tool; a later tool with the same name replaces the earlier one.
    pub fn register(&mut self, tool: Arc<dyn Tool>) {
        let name = tool.spec().name.clone();
        match self.by_name.get(&name) {
            Some(&index) => self.tools[index] = tool,
            None => {
                self.by_name.insert(name, self.tools.len());
                self.tools.push(tool);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.tools.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tools.is_empty()
    }

    /// Keeps only the tools `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&ToolSpec) -> bool) {
        self.tools.retain(|tool| keep(tool.spec()));
        self.by_name = self
            .tools
            .iter()
            .enumerate()
            .map(|(index, tool)| (tool.spec().name.clone(), index))
            .collect();
    }

    fn names(&self) -> Vec<&str> {
        self.tools
            .iter()
            .map(|tool| tool.spec().name.as_str())
            .collect()
    }
}

#[async_trait]
impl Toolbox for ToolRegistry {
    fn specs(&self) -> Vec<ToolSpec> {
        self.tools.iter().map(|tool| tool.spec().clone()).collect()
    }

    fn spec(&self, name: &str) -> Option<ToolSpec> {
        self.by_name
            .get(name)
            .map(|&index| self.tools[index].spec().clone())
    }

    async fn call(&self, name: &str, input: Value, ctx: ToolContext) -> ToolOutput {
        match self.by_name.get(name) {
            Some(&index) => self.tools[index].call(input, ctx).await,
            None => ToolOutput::error(format!(
                "unknown tool `{name}`; the available tools are: {}",
                self.names().join(", ")
            )),
        }
    }
}

/// Decodes a tool's JSON input into its argument struct, or explains to the
/// model what was wrong with it.
pub fn parse_input<T: DeserializeOwned>(tool: &str, input: Value) -> Result<T, ToolOutput> {
    if let Value::String(raw) = &input {
        return Err(ToolOutput::error(format!(
            "the arguments for `{tool}` were not valid JSON: {raw:?}. Call the tool again with a JSON object that matches its input schema."
        )));
    }
    serde_json::from_value(input).map_err(|error| {
        ToolOutput::error(format!(
            "invalid arguments for `{tool}`: {error}. Call the tool again with arguments that match its input schema."
        ))
    })
}
