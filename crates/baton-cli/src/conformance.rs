//! TEST ONLY: `baton mcp conformance-client URL`, the client program the
//! official MCP conformance suite launches for its client scenarios (see
//! `tests/peers/CONFORMANCE.md`). It goes through baton's real [`ToolHub`],
//! exactly as `baton run` would reach a configured `url` server, so the
//! suite's verdict is about baton's client and not about a bare rmcp one.
//!
//! The suite names the scenario in `MCP_CONFORMANCE_SCENARIO` and may pass
//! data in `MCP_CONFORMANCE_CONTEXT` (JSON); the server URL is the last
//! argument.

use std::collections::BTreeMap;

use baton_mcp::{HubOptions, McpServerConfig, ServerState, ToolHub};
use baton_protocol::ToolSpec;
use baton_tools::{ToolContext, Toolbox};
use serde_json::{Map, Value, json};
use tokio_util::sync::CancellationToken;

use crate::exit;

/// The name the suite's server gets in the hub; its tools appear as
/// `conformance__TOOL`.
const SERVER: &str = "conformance";

pub async fn client(url: &str) -> u8 {
    let scenario = std::env::var("MCP_CONFORMANCE_SCENARIO").unwrap_or_default();
    let context: Value = std::env::var("MCP_CONFORMANCE_CONTEXT")
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null);
    let servers = BTreeMap::from([(
        SERVER.to_owned(),
        McpServerConfig {
            url: Some(url.to_owned()),
            startup_timeout: Some(20),
            call_timeout: Some(20),
            ..McpServerConfig::default()
        },
    )]);
    let (hub, _) = ToolHub::start(None, &servers, HubOptions::default()).await;
    let code = drive(&hub, &scenario, &context).await;
    hub.shutdown().await;
    code
}

async fn drive(hub: &ToolHub, scenario: &str, context: &Value) -> u8 {
    for report in hub.report().await {
        outln!(
            "server {}: {:?}, protocol {:?}",
            report.name,
            report.state,
            report.protocol
        );
        if let ServerState::Failed(error) = report.state {
            errln!("baton conformance-client: {error}");
            return exit::FAILURE;
        }
    }
    let specs = hub.specs();
    for spec in &specs {
        outln!("tool {}", spec.name);
    }
    let calls: Vec<(String, Value)> = match scenario {
        "tools_call" => vec![("add_numbers".into(), json!({"a": 1, "b": 2}))],
        // The calls to make are in the context.
        "http-custom-headers" => context["toolCalls"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|call| Some((call["name"].as_str()?.to_owned(), call["arguments"].clone())))
            .collect(),
        // Echo the schema the hub holds for the focal tool, to show what
        // survived baton's conversion.
        "json-schema-2020-12-preservation" => {
            let focal = specs
                .iter()
                .find(|s| own_name(s) == "json_schema_2020_12_tool");
            match focal {
                Some(spec) => vec![(
                    "json_schema_echo".into(),
                    json!({"schema": spec.input_schema}),
                )],
                None => Vec::new(),
            }
        }
        "initialize" | "json-schema-ref-no-deref" => Vec::new(),
        // Everything else: call every tool the hub offers, with arguments
        // made from its schema (which also shows which tools it kept).
        _ => specs
            .iter()
            .map(|spec| (own_name(spec).to_owned(), arguments_for(&spec.input_schema)))
            .collect(),
    };
    let mut failed = false;
    for (tool, input) in calls {
        let name = format!("{SERVER}__{tool}");
        if hub.spec(&name).is_none() {
            errln!("baton conformance-client: the hub does not offer {name}");
            failed = true;
            continue;
        }
        let ctx = ToolContext::new(format!("conformance-{tool}"), CancellationToken::new());
        let output = hub.call(&name, input, ctx).await;
        outln!(
            "call {name}: error={} {}",
            output.is_error,
            serde_json::to_string(&output.content).unwrap_or_default()
        );
    }
    if failed { exit::FAILURE } else { exit::SUCCESS }
}

fn own_name(spec: &ToolSpec) -> &str {
    spec.name
        .strip_prefix(SERVER)
        .and_then(|rest| rest.strip_prefix("__"))
        .unwrap_or(&spec.name)
}

/// Placeholder values for a schema's required properties.
fn arguments_for(schema: &Value) -> Value {
    let mut arguments = Map::new();
    for name in schema["required"].as_array().into_iter().flatten() {
        let Some(name) = name.as_str() else { continue };
        let value = match schema["properties"][name]["type"].as_str() {
            Some("integer" | "number") => json!(1),
            Some("boolean") => json!(true),
            Some("array") => json!([]),
            Some("object") => json!({}),
            _ => json!("test"),
        };
        arguments.insert(name.to_owned(), value);
    }
    Value::Object(arguments)
}
