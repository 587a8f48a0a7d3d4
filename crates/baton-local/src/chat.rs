//! Rendering a model request as chat messages for a local model, and the
//! best-effort tool-calling format: tools are described in the system
//! prompt and a call is a JSON object the model writes as its whole reply.
//!
//! Small models follow this format poorly (the 135M default rarely does);
//! it is here so larger local models can use tools at all.

use std::collections::HashMap;

use baton_models::ModelRequest;
use baton_protocol::{ContentBlock, Message, Role, ToolResultContent, ToolSpec};
use serde_json::{Value, json};

/// One message as the chat template sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatTurn {
    pub role: &'static str,
    pub content: String,
}

pub fn render(request: &ModelRequest) -> Vec<ChatTurn> {
    render_conversation(request.system.as_deref(), &request.messages, &request.tools)
}

pub fn render_conversation(
    system: Option<&str>,
    messages: &[Message],
    tools: &[ToolSpec],
) -> Vec<ChatTurn> {
    let mut turns = Vec::with_capacity(messages.len() + 1);
    let mut system_text = system.unwrap_or_default().trim().to_owned();
    if !tools.is_empty() {
        if !system_text.is_empty() {
            system_text.push_str("\n\n");
        }
        system_text.push_str(&tool_instructions(tools));
    }
    if !system_text.is_empty() {
        turns.push(ChatTurn {
            role: "system",
            content: system_text,
        });
    }
    let mut tool_names: HashMap<&str, &str> = HashMap::new();
    for message in messages {
        let mut parts = Vec::new();
        for block in &message.content {
            match block {
                ContentBlock::Text { text } => parts.push(text.clone()),
                ContentBlock::Image { .. } => {
                    parts.push("[image omitted: this model reads text only]".into())
                }
                ContentBlock::ToolUse { id, name, input } => {
                    tool_names.insert(id.as_str(), name.as_str());
                    parts.push(json!({"tool": name, "arguments": input}).to_string());
                }
                ContentBlock::ToolResult {
                    tool_use_id,
                    content,
                    is_error,
                } => {
                    let name = tool_names
                        .get(tool_use_id.as_str())
                        .copied()
                        .unwrap_or("tool");
                    let status = if *is_error { "failed" } else { "result" };
                    let body: Vec<String> = content
                        .iter()
                        .map(|part| match part {
                            ToolResultContent::Text { text } => text.clone(),
                            ToolResultContent::Image { .. } => "[image omitted]".into(),
                        })
                        .collect();
                    parts.push(format!("[{name} {status}]\n{}", body.join("\n")));
                }
            }
        }
        let role = match message.role {
            Role::User => "user",
            Role::Assistant => "assistant",
        };
        turns.push(ChatTurn {
            role,
            content: parts.join("\n\n"),
        });
    }
    turns
}

fn tool_instructions(tools: &[ToolSpec]) -> String {
    let mut text = String::from(
        "You can use tools. To call one, reply with only a JSON object on one line and nothing else:\n\
         {\"tool\": \"<tool name>\", \"arguments\": {<arguments>}}\n\
         The result comes back in the next message. When you can answer, reply in plain text instead.\n\nTools:",
    );
    for tool in tools {
        text.push_str(&format!(
            "\n- {}({}): {}",
            tool.name,
            argument_list(&tool.input_schema),
            first_sentence(&tool.description)
        ));
    }
    text
}

/// `path, offset?, limit?`: names from the schema, optional ones marked.
fn argument_list(schema: &Value) -> String {
    let required: Vec<&str> = schema["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    schema["properties"]
        .as_object()
        .map(|properties| {
            properties
                .keys()
                .map(|name| {
                    if required.contains(&name.as_str()) {
                        name.clone()
                    } else {
                        format!("{name}?")
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

/// Small models have small contexts: one sentence per tool.
fn first_sentence(description: &str) -> String {
    let line = description.lines().next().unwrap_or_default();
    let end = line.find(". ").map_or(line.len(), |i| i + 1);
    line[..end].chars().take(200).collect()
}

/// Recognises a reply that is a tool call: a JSON object (possibly in a
/// code fence) naming one of the offered tools.
pub fn parse_tool_call(reply: &str, tools: &[ToolSpec]) -> Option<(String, Value)> {
    let trimmed = reply.trim();
    let start = trimmed.find('{')?;
    let end = trimmed.rfind('}')?;
    let before = trimmed[..start]
        .trim()
        .trim_start_matches("```json")
        .trim_start_matches("```")
        .trim();
    let after = trimmed[end + 1..].trim().trim_end_matches("```").trim();
    if !before.is_empty() || !after.is_empty() {
        return None;
    }
    let value: Value = serde_json::from_str(&trimmed[start..=end]).ok()?;
    let name = ["tool", "name", "function"]
        .iter()
        .find_map(|key| value.get(*key)?.as_str())?;
    if !tools.iter().any(|tool| tool.name == name) {
        return None;
    }
    let arguments = ["arguments", "parameters", "input", "args"]
        .iter()
        .find_map(|key| value.get(*key).cloned())
        .unwrap_or_else(|| json!({}));
    Some((name.to_owned(), arguments))
}

/// Whether streamed text may be the start of a tool call, so it should be
/// held back rather than shown.
pub fn may_be_tool_call(text_so_far: &str) -> bool {
    let trimmed = text_so_far.trim_start();
    trimmed.is_empty() || trimmed.starts_with('{') || trimmed.starts_with("```")
}

#[cfg(test)]
mod tests {
    use super::*;
    use baton_protocol::ToolAnnotations;

    fn tool(name: &str) -> ToolSpec {
        ToolSpec {
            name: name.into(),
            description: "Read a text file. Lines are numbered.\nMore detail.".into(),
            input_schema: json!({"type": "object", "properties": {"path": {}, "limit": {}}, "required": ["path"]}),
            output_schema: None,
            annotations: ToolAnnotations::read_only(),
        }
    }

    #[test]
    fn tools_are_described_compactly_in_the_system_turn() {
        let turns = render_conversation(
            Some("Be brief."),
            &[Message::user_text("hi")],
            &[tool("read_file")],
        );
        assert_eq!(turns[0].role, "system");
        assert!(
            turns[0]
                .content
                .starts_with("Be brief.\n\nYou can use tools."),
            "{}",
            turns[0].content
        );
        assert!(
            turns[0]
                .content
                .contains("- read_file(limit?, path): Read a text file."),
            "{}",
            turns[0].content
        );
        assert!(!turns[0].content.contains("More detail"));
        assert_eq!(
            turns[1],
            ChatTurn {
                role: "user",
                content: "hi".into()
            }
        );
    }

    #[test]
    fn tool_traffic_becomes_text_both_ways() {
        let messages = vec![
            Message::user_text("read a"),
            Message {
                role: Role::Assistant,
                content: vec![ContentBlock::ToolUse {
                    id: "c1".into(),
                    name: "read_file".into(),
                    input: json!({"path": "a"}),
                }],
            },
            Message {
                role: Role::User,
                content: vec![ContentBlock::ToolResult {
                    tool_use_id: "c1".into(),
                    content: vec![ToolResultContent::text("hello")],
                    is_error: false,
                }],
            },
        ];
        let turns = render_conversation(None, &messages, &[]);
        assert_eq!(
            turns.len(),
            3,
            "no system turn without system text or tools"
        );
        assert_eq!(
            turns[1].content,
            r#"{"arguments":{"path":"a"},"tool":"read_file"}"#
        );
        assert_eq!(turns[2].content, "[read_file result]\nhello");
    }

    #[test]
    fn tool_calls_are_recognised_only_when_they_are_the_whole_reply() {
        let tools = [tool("read_file")];
        assert_eq!(
            parse_tool_call(
                r#" {"tool": "read_file", "arguments": {"path": "x"}} "#,
                &tools
            ),
            Some(("read_file".into(), json!({"path": "x"})))
        );
        assert_eq!(
            parse_tool_call(
                "```json\n{\"name\": \"read_file\", \"parameters\": {\"path\": \"y\"}}\n```",
                &tools
            ),
            Some(("read_file".into(), json!({"path": "y"})))
        );
        assert_eq!(
            parse_tool_call(r#"{"tool": "rm_rf", "arguments": {}}"#, &tools),
            None,
            "unknown tools are text"
        );
        assert_eq!(
            parse_tool_call(r#"Sure: {"tool": "read_file"}"#, &tools),
            None
        );
        assert_eq!(parse_tool_call("Paris.", &tools), None);
        assert_eq!(parse_tool_call("{not json}", &tools), None);
    }

    #[test]
    fn holding_back_starts_only_for_json_looking_replies() {
        assert!(may_be_tool_call("  "));
        assert!(may_be_tool_call(" {\"to"));
        assert!(may_be_tool_call("```"));
        assert!(!may_be_tool_call("The capital"));
    }
}
