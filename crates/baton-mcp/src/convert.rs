//! Between rmcp's model and baton's: tool specs both ways, and call results
//! into [`ToolOutput`]s the model can read, with oversized text spilled to a
//! file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use baton_protocol::{ImageSource, ToolAnnotations, ToolOutput, ToolResultContent, ToolSpec};
use rmcp::model::{CallToolResult, ContentBlock, JsonObject, ResourceContents, Tool};
use serde_json::Value;

/// A baton spec for an MCP tool, under the name the model will use.
pub(crate) fn spec_from_mcp(tool: &Tool, exposed: &str) -> ToolSpec {
    let annotations = tool.annotations.as_ref();
    let mut description = tool.description.as_deref().unwrap_or_default().to_owned();
    if description.is_empty() {
        description = tool.title.clone().unwrap_or_else(|| tool.name.to_string());
    }
    ToolSpec {
        name: exposed.to_owned(),
        description,
        input_schema: Value::Object(tool.input_schema.as_ref().clone()),
        output_schema: tool
            .output_schema
            .as_ref()
            .map(|schema| Value::Object(schema.as_ref().clone())),
        annotations: ToolAnnotations {
            title: tool
                .title
                .clone()
                .or_else(|| annotations.and_then(|a| a.title.clone())),
            read_only_hint: annotations.and_then(|a| a.read_only_hint),
            destructive_hint: annotations.and_then(|a| a.destructive_hint),
            idempotent_hint: annotations.and_then(|a| a.idempotent_hint),
            open_world_hint: annotations.and_then(|a| a.open_world_hint),
        },
    }
}

/// An MCP tool for a baton spec, for serving baton's tools over MCP.
pub(crate) fn spec_to_mcp(spec: &ToolSpec) -> Tool {
    let schema: JsonObject = spec.input_schema.as_object().cloned().unwrap_or_default();
    let hints = &spec.annotations;
    let mut annotations = match &hints.title {
        Some(title) => rmcp::model::ToolAnnotations::with_title(title.clone()),
        None => rmcp::model::ToolAnnotations::new(),
    };
    if let Some(v) = hints.read_only_hint {
        annotations = annotations.read_only(v);
    }
    if let Some(v) = hints.destructive_hint {
        annotations = annotations.destructive(v);
    }
    if let Some(v) = hints.idempotent_hint {
        annotations = annotations.idempotent(v);
    }
    if let Some(v) = hints.open_world_hint {
        annotations = annotations.open_world(v);
    }
    let mut tool = Tool::new(
        spec.name.clone(),
        spec.description.clone(),
        Arc::new(schema),
    )
    .with_annotations(annotations);
    if let Some(title) = &hints.title {
        tool = tool.with_title(title.clone());
    }
    if let Some(output) = spec.output_schema.as_ref().and_then(Value::as_object) {
        tool = tool.with_raw_output_schema(Arc::new(output.clone()));
    }
    tool
}

/// A call result as the model will see it.
pub(crate) fn output_from_mcp(result: CallToolResult) -> ToolOutput {
    let mut content = Vec::with_capacity(result.content.len());
    for block in result.content {
        content.push(match block {
            ContentBlock::Text(text) => ToolResultContent::text(text.text),
            ContentBlock::Image(image) => ToolResultContent::Image {
                source: ImageSource {
                    media_type: image.mime_type,
                    data: image.data,
                },
            },
            ContentBlock::Audio(audio) => ToolResultContent::text(format!(
                "[audio {} ({} bytes of base64) returned; audio is not shown to the model]",
                audio.mime_type,
                audio.data.len()
            )),
            ContentBlock::ResourceLink(link) => {
                let mut text = format!("Resource link: {}", link.uri);
                let mut details = vec![format!("name: {}", link.name)];
                if let Some(mime) = &link.mime_type {
                    details.push(format!("type: {mime}"));
                }
                if let Some(size) = link.size {
                    details.push(format!("{size} bytes"));
                }
                text.push_str(&format!(" ({})", details.join(", ")));
                if let Some(description) = &link.description {
                    text.push_str(&format!("\n{description}"));
                }
                ToolResultContent::text(text)
            }
            ContentBlock::Resource(embedded) => match embedded.resource {
                ResourceContents::TextResourceContents { uri, text, .. } => {
                    ToolResultContent::text(format!("Resource {uri}:\n{text}"))
                }
                ResourceContents::BlobResourceContents {
                    uri,
                    mime_type,
                    blob,
                    ..
                } => ToolResultContent::text(format!(
                    "[embedded resource {uri} ({}, {} bytes of base64) is binary and not shown]",
                    mime_type.as_deref().unwrap_or("unknown type"),
                    blob.len()
                )),
                _ => {
                    ToolResultContent::text("[an embedded resource of a kind baton does not know]")
                }
            },
            _ => ToolResultContent::text("[a content block of a kind baton does not know]"),
        });
    }
    // Servers should mirror structured output as text, but not all do.
    if content.is_empty()
        && let Some(structured) = &result.structured_content
    {
        content.push(ToolResultContent::text(structured.to_string()));
    }
    ToolOutput {
        content,
        is_error: result.is_error.unwrap_or(false),
        structured_content: result.structured_content,
    }
}

/// Caps the text of a result; the full text goes to a file under
/// `spill_dir` whose path the model is given, so nothing is lost.
pub(crate) fn cap_with_spill(
    output: &mut ToolOutput,
    max_chars: usize,
    spill_dir: Option<&Path>,
    call_id: &str,
) {
    let total: usize = output.content.iter().map(text_len).sum();
    if total <= max_chars {
        return;
    }
    let full = output.text_summary();
    let saved = spill_dir.and_then(|dir| spill(dir, call_id, &full).ok());
    let head: String = full.chars().take(max_chars / 2).collect();
    let tail: String = full
        .chars()
        .skip(full.chars().count().saturating_sub(max_chars / 2))
        .collect();
    let note = match saved {
        Some(path) => format!(
            "[… {} characters omitted; the full result is in {} (read it with read_file, in parts) …]",
            total.saturating_sub(max_chars),
            path.display()
        ),
        None => format!(
            "[… {} characters omitted …]",
            total.saturating_sub(max_chars)
        ),
    };
    output
        .content
        .retain(|part| !matches!(part, ToolResultContent::Text { .. }));
    output.content.insert(
        0,
        ToolResultContent::text(format!("{head}\n{note}\n{tail}")),
    );
}

fn text_len(part: &ToolResultContent) -> usize {
    match part {
        ToolResultContent::Text { text } => text.chars().count(),
        ToolResultContent::Image { .. } => 0,
    }
}

fn spill(dir: &Path, call_id: &str, text: &str) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let safe: String = call_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = dir.join(format!("{safe}.txt"));
    std::fs::write(&path, text)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rmcp::model::Resource;
    use serde_json::json;

    #[test]
    fn every_content_kind_becomes_something_readable() {
        let result = CallToolResult::success(vec![
            ContentBlock::text("plain"),
            ContentBlock::image("aGk=", "image/png"),
            ContentBlock::audio("aGk=", "audio/wav"),
            ContentBlock::resource_link(Resource::new("file:///x.txt", "x.txt")),
            ContentBlock::embedded_text("file:///y.txt", "inline body"),
        ]);
        let output = output_from_mcp(result);
        assert!(!output.is_error);
        assert_eq!(output.content[0], ToolResultContent::text("plain"));
        assert!(
            matches!(&output.content[1], ToolResultContent::Image { source } if source.media_type == "image/png")
        );
        let text = output.text_summary();
        assert!(text.contains("[audio audio/wav"), "{text}");
        assert!(
            text.contains("Resource link: file:///x.txt (name: x.txt)"),
            "{text}"
        );
        assert!(
            text.contains("Resource file:///y.txt:\ninline body"),
            "{text}"
        );
    }

    #[test]
    fn structured_results_and_errors_carry_over() {
        let output = output_from_mcp(CallToolResult::structured(json!({"sum": 3})));
        assert_eq!(output.structured_content, Some(json!({"sum": 3})));
        assert!(
            output.text_summary().contains("\"sum\":3"),
            "{}",
            output.text_summary()
        );
        let error = output_from_mcp(CallToolResult::error(vec![ContentBlock::text("nope")]));
        assert!(error.is_error);
    }

    #[test]
    fn big_results_are_capped_and_spilled_whole() {
        let dir = tempfile::tempdir().unwrap();
        let body = format!("{}{}", "a".repeat(5000), "z".repeat(5000));
        let mut output = ToolOutput::text(body.clone());
        cap_with_spill(&mut output, 1000, Some(dir.path()), "call/1");
        let text = output.text_summary();
        assert!(
            text.starts_with(&"a".repeat(500)) && text.ends_with(&"z".repeat(500)),
            "{}",
            &text[..50]
        );
        let path = dir.path().join("call_1.txt");
        assert!(text.contains(&path.display().to_string()), "{text}");
        assert_eq!(std::fs::read_to_string(path).unwrap(), body);
        let mut small = ToolOutput::text("small");
        cap_with_spill(&mut small, 1000, Some(dir.path()), "c2");
        assert_eq!(small.text_summary(), "small");
    }

    #[test]
    fn specs_roundtrip_through_mcp() {
        let spec = ToolSpec {
            name: "read_file".into(),
            description: "Read".into(),
            input_schema: json!({"type": "object", "properties": {"path": {"type": "string"}}}),
            output_schema: Some(json!({"type": "object"})),
            annotations: ToolAnnotations {
                title: Some("Read file".into()),
                ..ToolAnnotations::read_only()
            },
        };
        let back = spec_from_mcp(&spec_to_mcp(&spec), "read_file");
        assert_eq!(back, spec);
    }
}
