//! The hub against baton's own conformance fixtures over Streamable HTTP
//! (2026-07-28): multi-round tool calls (`InputRequiredResult`) are answered
//! and retried with the server's sealed `requestState`, or fail clearly when
//! the server needs something baton cannot give.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use std::collections::BTreeMap;
use std::sync::Arc;

use baton_mcp::fixtures::ConformanceFixtures;
use baton_mcp::{HubOptions, McpServerConfig, ToolHub, ToolServer};
use baton_tools::{ToolContext, ToolRegistry, Toolbox};
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use serde_json::json;
use tokio_util::sync::CancellationToken;

/// Serves the fixtures on a free loopback port; returns the URL.
async fn serve(stop: CancellationToken) -> String {
    let fixtures = ConformanceFixtures::new(ToolServer::new(Arc::new(ToolRegistry::new()), "t"));
    let service: StreamableHttpService<_, LocalSessionManager> = StreamableHttpService::new(
        move || Ok(fixtures.session()),
        Arc::new(LocalSessionManager::default()),
        StreamableHttpServerConfig::default().with_cancellation_token(stop.child_token()),
    );
    let router = axum::Router::new().nest_service("/mcp", service);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, router)
            .with_graceful_shutdown(stop.cancelled_owned())
            .await;
    });
    format!("http://{address}/mcp")
}

async fn hub(url: String) -> ToolHub {
    let servers = BTreeMap::from([(
        "fx".to_owned(),
        McpServerConfig {
            url: Some(url),
            startup_timeout: Some(10),
            call_timeout: Some(10),
            ..McpServerConfig::default()
        },
    )]);
    let (hub, events) = ToolHub::start(None, &servers, HubOptions::default()).await;
    let report = hub.report().await;
    assert_eq!(
        report[0].protocol.as_deref(),
        Some("2026-07-28"),
        "{events:?}"
    );
    hub
}

async fn call(hub: &ToolHub, tool: &str) -> (bool, String) {
    let ctx = ToolContext::new(format!("t-{tool}"), CancellationToken::new());
    let output = hub.call(&format!("fx__{tool}"), json!({}), ctx).await;
    (
        output.is_error,
        serde_json::to_string(&output.content).unwrap(),
    )
}

#[tokio::test]
async fn input_required_rounds_are_answered_and_retried() {
    let stop = CancellationToken::new();
    let hub = hub(serve(stop.clone()).await).await;

    // roots/list: baton answers with no roots, and the call completes.
    let (is_error, text) = call(&hub, "test_input_required_result_list_roots").await;
    assert!(!is_error, "{text}");
    assert!(text.contains("The client's roots: (none)"), "{text}");

    // A sealed requestState survives the round trip untouched ("state-ok"),
    // and the elicitation is declined (baton has nobody to ask).
    let (is_error, text) = call(&hub, "test_input_required_result_request_state").await;
    assert!(!is_error, "{text}");
    assert!(text.contains("state-ok: confirmed ((decline))"), "{text}");

    // Two rounds, each with a new state.
    let (is_error, text) = call(&hub, "test_input_required_result_multi_round").await;
    assert!(!is_error, "{text}");
    assert!(text.contains("(decline) likes (decline)"), "{text}");

    // Sampling is not something baton offers: a clear error, no retry loop.
    let (is_error, text) = call(&hub, "test_input_required_result_sampling").await;
    assert!(is_error, "{text}");
    assert!(text.contains("needs input baton cannot give"), "{text}");

    hub.shutdown().await;
    stop.cancel();
}
