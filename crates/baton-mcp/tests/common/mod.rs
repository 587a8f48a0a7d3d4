//! Real, independent MCP peers for the hub's tests, installed by
//! `scripts/lib/peers.sh` (scripts/test runs it first).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use baton_mcp::{HubOptions, McpServerConfig, ToolHub};
use baton_protocol::{Event, ToolOutput};
use baton_tools::{ToolContext, Toolbox};
use serde_json::Value;
use tokio_util::sync::CancellationToken;

pub struct Peers {
    pub vars: HashMap<String, String>,
}

impl Peers {
    pub fn load() -> Self {
        let dir = std::env::var("BATON_PEERS_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|_| {
                let cache = std::env::var("XDG_CACHE_HOME")
                    .map(PathBuf::from)
                    .unwrap_or_else(|_| {
                        PathBuf::from(std::env::var("HOME").unwrap()).join(".cache")
                    });
                cache.join("baton/peers")
            });
        let file = dir.join("peers.env");
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("{}: {e}; install the MCP peers with `bash scripts/lib/peers.sh` (scripts/test does)", file.display()));
        let vars = text
            .lines()
            .filter_map(|line| line.split_once('='))
            .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
            .collect();
        Self { vars }
    }

    pub fn get(&self, key: &str) -> String {
        self.vars
            .get(key)
            .cloned()
            .unwrap_or_else(|| panic!("{key} missing from peers.env"))
    }

    pub fn python(&self) -> String {
        self.get("BATON_PEER_PYTHON")
    }

    pub fn node(&self) -> String {
        self.get("BATON_PEER_NODE")
    }
}

pub fn peer_source(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/peers")
        .join(relative)
}

/// The Python SDK peer server over stdio.
pub fn python_server(peers: &Peers) -> McpServerConfig {
    McpServerConfig {
        command: Some(peers.python()),
        args: vec![
            peer_source("python/server.py").display().to_string(),
            "stdio".into(),
        ],
        ..McpServerConfig::default()
    }
}

/// The same, with its stderr appended to `log` (to see what it noticed),
/// and its pid written to `pid_file`.
pub fn logged_python_server(peers: &Peers, log: &Path, pid_file: &Path) -> McpServerConfig {
    let script = format!(
        "echo $$ > '{}'; exec '{}' '{}' stdio 2>>'{}'",
        pid_file.display(),
        peers.python(),
        peer_source("python/server.py").display(),
        log.display()
    );
    McpServerConfig {
        command: Some("sh".into()),
        args: vec!["-c".into(), script],
        ..McpServerConfig::default()
    }
}

pub async fn hub(
    builtins: Option<Arc<dyn Toolbox>>,
    servers: Vec<(&str, McpServerConfig)>,
    env: Vec<(&'static str, String)>,
) -> (ToolHub, Vec<Event>, Arc<Mutex<Vec<Event>>>) {
    let servers: BTreeMap<String, McpServerConfig> = servers
        .into_iter()
        .map(|(n, c)| (n.to_owned(), c))
        .collect();
    let env: HashMap<&'static str, String> = env.into_iter().collect();
    let options = HubOptions {
        env: Arc::new(move |var| env.get(var).cloned()),
        // Never the user's real OAuth credentials.
        credentials_dir: None,
        ..HubOptions::default()
    };
    let (hub, startup) = ToolHub::start(builtins, &servers, options).await;
    let later = Arc::new(Mutex::new(Vec::new()));
    let sink = later.clone();
    hub.set_status_sink(Arc::new(move |event| sink.lock().unwrap().push(event)));
    (hub, startup, later)
}

pub fn ctx(id: &str) -> ToolContext {
    ToolContext::new(id, CancellationToken::new())
}

pub async fn call(hub: &ToolHub, name: &str, input: Value) -> ToolOutput {
    tokio::time::timeout(Duration::from_secs(60), hub.call(name, input, ctx("t")))
        .await
        .unwrap_or_else(|_| panic!("{name} did not return"))
}

/// Polls `check` until it holds, for at most `limit`.
pub async fn eventually(limit: Duration, mut check: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if check() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    check()
}
