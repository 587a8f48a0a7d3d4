use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::ToolResultContent;

/// A tool as the model sees it, shaped like an MCP `Tool` so any tool can be
/// served over MCP, and any MCP tool offered to a model, without translation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ToolSpec {
    pub name: String,
    pub description: String,
    /// A JSON Schema object describing the arguments.
    pub input_schema: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_schema: Option<Value>,
    #[serde(default)]
    pub annotations: ToolAnnotations,
}

/// MCP tool annotations. They are hints from the tool's author: baton's
/// permission policy trusts them for built-in tools and treats them as
/// claims for everything else.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ToolAnnotations {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only_hint: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destructive_hint: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotent_hint: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_world_hint: Option<bool>,
}

impl ToolAnnotations {
    /// A tool that only reads: no side effects, safe to run in parallel.
    pub fn read_only() -> Self {
        Self {
            read_only_hint: Some(true),
            destructive_hint: Some(false),
            idempotent_hint: Some(true),
            open_world_hint: Some(false),
            ..Self::default()
        }
    }

    /// A tool that changes local state. `destructive` says whether it may
    /// overwrite or delete, `idempotent` whether repeating it is harmless.
    pub fn mutating(destructive: bool, idempotent: bool) -> Self {
        Self {
            read_only_hint: Some(false),
            destructive_hint: Some(destructive),
            idempotent_hint: Some(idempotent),
            open_world_hint: Some(false),
            ..Self::default()
        }
    }

    /// MCP's defaults apply when a hint is absent: not read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only_hint.unwrap_or(false)
    }

    /// MCP's default when absent is destructive, and only meaningful when
    /// the tool is not read-only.
    pub fn is_destructive(&self) -> bool {
        !self.is_read_only() && self.destructive_hint.unwrap_or(true)
    }

    pub fn is_idempotent(&self) -> bool {
        self.is_read_only() || self.idempotent_hint.unwrap_or(false)
    }
}

/// The result of one tool call, shaped like an MCP `CallToolResult`.
///
/// A failing tool returns `is_error = true` with a message written for the
/// model: tool errors are data, they never abort a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ToolOutput {
    pub content: Vec<ToolResultContent>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub is_error: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structured_content: Option<Value>,
}

impl ToolOutput {
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            content: vec![ToolResultContent::text(text)],
            is_error: false,
            structured_content: None,
        }
    }

    pub fn error(message: impl Into<String>) -> Self {
        Self {
            is_error: true,
            ..Self::text(message)
        }
    }

    /// The text parts joined by newlines; images are named, not inlined.
    pub fn text_summary(&self) -> String {
        let mut parts = Vec::with_capacity(self.content.len());
        for item in &self.content {
            match item {
                ToolResultContent::Text { text } => parts.push(text.clone()),
                ToolResultContent::Image { source } => parts.push(format!(
                    "[image {} ({} base64 bytes)]",
                    source.media_type,
                    source.data.len()
                )),
            }
        }
        parts.join("\n")
    }
}
