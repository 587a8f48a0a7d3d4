//! baton's tools as an MCP server. The hub reaches the built-in tools
//! through this in-process, and `baton mcp serve` offers it to other clients.

use std::sync::Arc;

use baton_protocol::{ToolOutput, ToolResultContent};
use baton_tools::{ToolContext, Toolbox};
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation,
    ListToolsResult, PaginatedRequestParams, ProgressNotificationParam, ServerCapabilities,
    ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler};
use serde_json::Value;

use crate::convert::spec_to_mcp;

/// Serves a [`Toolbox`] over MCP.
#[derive(Clone)]
pub struct ToolServer {
    tools: Arc<dyn Toolbox>,
    name: String,
    instructions: Option<String>,
}

impl ToolServer {
    pub fn new(tools: Arc<dyn Toolbox>, name: impl Into<String>) -> Self {
        Self {
            tools,
            name: name.into(),
            instructions: None,
        }
    }

    pub fn with_instructions(mut self, instructions: impl Into<String>) -> Self {
        self.instructions = Some(instructions.into());
        self
    }

    /// The tools as MCP sees them, in the toolbox's (stable) order.
    pub(crate) fn mcp_tools(&self) -> Vec<Tool> {
        self.tools.specs().iter().map(spec_to_mcp).collect()
    }
}

impl ServerHandler for ToolServer {
    fn get_info(&self) -> ServerConfig {
        let config = ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new(
                self.name.clone(),
                env!("CARGO_PKG_VERSION"),
            ));
        match &self.instructions {
            Some(text) => config.with_instructions(text.clone()),
            None => config,
        }
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _ctx: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(self.mcp_tools()))
    }

    // rmcp's HTTP transport asks for a tool's schema to check the
    // `Mcp-Param-*` headers of a 2026-07-28 `tools/call` against the body
    // (SEP-2243); without this, annotated parameters would go unchecked.
    fn get_tool(&self, name: &str) -> Option<Tool> {
        self.tools.spec(name).as_ref().map(spec_to_mcp)
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let name = request.name.to_string();
        if self.tools.spec(&name).is_none() {
            return Err(ErrorData::invalid_params(
                format!("unknown tool `{name}`"),
                None,
            ));
        }
        let input = Value::Object(request.arguments.unwrap_or_default());
        let mut tool_ctx = ToolContext::new(format!("mcp-{}", ctx.id), ctx.ct.clone());
        if let Some(token) = ctx.meta.get_progress_token() {
            let peer = ctx.peer.clone();
            tool_ctx = tool_ctx.with_progress(Arc::new(move |progress, total, message| {
                let mut param = ProgressNotificationParam::new(token.clone(), progress);
                if let Some(total) = total {
                    param = param.with_total(total);
                }
                if let Some(message) = message {
                    param = param.with_message(message);
                }
                let peer = peer.clone();
                // Progress is advisory: a report that cannot be sent is dropped.
                tokio::spawn(async move {
                    let _ = peer.notify_progress(param).await;
                });
            }));
        }
        let output = self.tools.call(&name, input, tool_ctx).await;
        Ok(result_from_output(output).into())
    }
}

pub(crate) fn result_from_output(output: ToolOutput) -> CallToolResult {
    let content: Vec<ContentBlock> = output
        .content
        .into_iter()
        .map(|part| match part {
            ToolResultContent::Text { text } => ContentBlock::text(text),
            ToolResultContent::Image { source } => {
                ContentBlock::image(source.data, source.media_type)
            }
        })
        .collect();
    let mut result = if output.is_error {
        CallToolResult::error(content)
    } else {
        CallToolResult::success(content)
    };
    result.structured_content = output.structured_content;
    result
}
