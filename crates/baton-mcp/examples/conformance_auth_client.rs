//! A client for the MCP conformance suite's `auth/*` scenarios, driving
//! baton's own OAuth code: `baton_mcp::oauth::login` (rmcp's discovery,
//! registration and PKCE, baton's loopback listener) with a headless
//! "browser" that GETs the authorization URL and follows the redirect back,
//! then a `ToolHub` with `oauth = true` that lists the tools and calls each.
//!
//! Usage (the suite appends the server URL):
//!     conformance_auth_client URL
//! See tests/peers/CONFORMANCE.md for how to run it under the suite.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::Duration;

use baton_mcp::oauth::FileCredentialStore;
use baton_mcp::{HubOptions, McpServerConfig, ServerState, ToolHub};
use baton_tools::{ToolContext, Toolbox};
use tokio_util::sync::CancellationToken;

const SERVER: &str = "conformance";

/// Signs in with a headless browser: reqwest follows the authorization
/// server's redirect into baton's callback listener, as a browser would
/// after the user approved.
async fn login(url: &str, store: FileCredentialStore) -> Result<(), baton_mcp::oauth::OAuthError> {
    let browser = reqwest::Client::new();
    let mut visit = None;
    let result = baton_mcp::oauth::login(url, store, Duration::from_secs(20), |auth_url| {
        eprintln!("authorization URL: {auth_url}");
        let auth_url = auth_url.to_owned();
        visit = Some(tokio::spawn(async move {
            match browser.get(&auth_url).send().await {
                Ok(response) => eprintln!("browser: {} {}", response.status(), response.url()),
                Err(error) => eprintln!("browser: {error}"),
            }
        }));
    })
    .await;
    if let Some(visit) = visit {
        let _ = visit.await;
    }
    result.map(|_| ())
}

#[tokio::main]
async fn main() -> ExitCode {
    let Some(url) = std::env::args().nth(1) else {
        eprintln!("usage: conformance_auth_client URL");
        return ExitCode::from(2);
    };
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(error) => {
            eprintln!("no temporary directory: {error}");
            return ExitCode::FAILURE;
        }
    };
    let store = match FileCredentialStore::new(dir.path(), SERVER, &url) {
        Ok(store) => store,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(error) = login(&url, store.clone()).await {
        eprintln!("login failed: {error}");
        return ExitCode::FAILURE;
    }
    eprintln!("login stored");

    let config = McpServerConfig {
        url: Some(url.clone()),
        oauth: true,
        ..McpServerConfig::default()
    };
    let servers: BTreeMap<String, McpServerConfig> =
        [(SERVER.to_owned(), config)].into_iter().collect();
    let options = HubOptions {
        credentials_dir: Some(dir.path().to_path_buf()),
        ..HubOptions::default()
    };
    // Two rounds at most. When baton says "sign in with `baton mcp login`"
    // (at start-up, or on a call: e.g. the server moved to another
    // authorization server), do what a user would: sign in again and start
    // over.
    for round in 1..=2 {
        let (hub, _) = ToolHub::start(None, &servers, options.clone()).await;
        let reports = hub.report().await;
        let mut needs_login = false;
        let mut failed = false;
        for report in &reports {
            match &report.state {
                ServerState::Connected => {
                    for (exposed, _) in &report.tools {
                        let output = hub
                            .call(
                                exposed,
                                serde_json::json!({}),
                                ToolContext::new("call-1", CancellationToken::new()),
                            )
                            .await;
                        let text = serde_json::to_string(&output.content).unwrap_or_default();
                        eprintln!("called {exposed}: error={} {text}", output.is_error);
                        needs_login |= output.is_error && text.contains("baton mcp login");
                        failed |= output.is_error;
                    }
                }
                ServerState::NeedsLogin(why) => {
                    eprintln!("needs login: {why}");
                    needs_login = true;
                }
                other => {
                    eprintln!("not connected: {other:?}");
                    failed = true;
                }
            }
        }
        hub.shutdown().await;
        if !needs_login || round == 2 {
            return if failed || needs_login {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            };
        }
        if let Err(error) = login(&url, store.clone()).await {
            eprintln!("login failed: {error}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::FAILURE
}
