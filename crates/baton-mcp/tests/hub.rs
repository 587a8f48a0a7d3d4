//! The ToolHub against real, independent MCP peers: the official Python SDK
//! server (over stdio and Streamable HTTP), the reference servers, and
//! deliberately broken servers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use std::io::BufRead;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use baton_mcp::{HubOptions, McpServerConfig, ServerState, ToolHub};
use baton_protocol::{Event, McpServerStatus, ToolAnnotations, ToolOutput, ToolSpec};
use baton_tools::{
    ShellOptions, Tool, ToolContext, ToolRegistry, Toolbox, Workspace, builtin_tools,
};
use common::*;
use serde_json::{Value, json};
use tokio::sync::Barrier;
use tokio_util::sync::CancellationToken;

fn statuses(events: &[Event]) -> Vec<(String, McpServerStatus, u32)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::McpServer {
                server,
                status,
                tools,
                ..
            } => Some((server.clone(), *status, *tools)),
            _ => None,
        })
        .collect()
}

fn builtins(dir: &std::path::Path) -> Arc<dyn Toolbox> {
    Arc::new(builtin_tools(
        Workspace::new(dir).unwrap(),
        ShellOptions::default(),
    ))
}

#[tokio::test]
async fn builtins_are_served_in_process_under_their_own_names() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hello.txt"), "hi there\n").unwrap();
    let (hub, startup, _) = hub(Some(builtins(dir.path())), vec![], vec![]).await;
    assert!(
        startup.is_empty(),
        "built-ins are not an MCP server users configure: {startup:?}"
    );
    let names: Vec<String> = hub.specs().into_iter().map(|s| s.name).collect();
    for expected in [
        "read_file",
        "write_file",
        "edit_file",
        "list",
        "glob",
        "grep",
        "shell",
    ] {
        assert!(names.contains(&expected.to_owned()), "{names:?}");
    }
    assert!(hub.spec("read_file").unwrap().annotations.is_read_only());
    assert!(!hub.spec("shell").unwrap().annotations.is_read_only());
    let output = call(&hub, "read_file", json!({"path": "hello.txt"})).await;
    assert!(
        !output.is_error && output.text_summary().contains("hi there"),
        "{output:?}"
    );
    let output = call(&hub, "nope", json!({})).await;
    assert!(output.is_error);
}

struct Meet(ToolSpec, Arc<Barrier>);

#[async_trait]
impl Tool for Meet {
    fn spec(&self) -> &ToolSpec {
        &self.0
    }
    async fn call(&self, _: Value, _: ToolContext) -> ToolOutput {
        match tokio::time::timeout(Duration::from_secs(10), self.1.wait()).await {
            Ok(_) => ToolOutput::text("met"),
            Err(_) => ToolOutput::error("nobody else came"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_through_the_hub_are_not_serialized() {
    let mut registry = ToolRegistry::new();
    let spec = ToolSpec {
        name: "meet".into(),
        description: "waits for two others".into(),
        input_schema: json!({"type": "object"}),
        output_schema: None,
        annotations: ToolAnnotations::read_only(),
    };
    registry.register(Arc::new(Meet(spec, Arc::new(Barrier::new(3)))));
    let (hub, _, _) = hub(Some(Arc::new(registry)), vec![], vec![]).await;
    let (a, b, c) = tokio::join!(
        call(&hub, "meet", json!({})),
        call(&hub, "meet", json!({})),
        call(&hub, "meet", json!({}))
    );
    for output in [a, b, c] {
        assert_eq!(output.text_summary(), "met");
    }
}

#[tokio::test]
async fn python_sdk_server_over_stdio() {
    let peers = Peers::load();
    let (hub, startup, _) = hub(None, vec![("py", python_server(&peers))], vec![]).await;
    assert_eq!(
        statuses(&startup),
        vec![("py".to_owned(), McpServerStatus::Connected, 8)],
        "{startup:?}"
    );
    let names: Vec<String> = hub.specs().into_iter().map(|s| s.name).collect();
    assert!(
        names.contains(&"py__echo".to_owned()) && names.contains(&"py__add_tool".to_owned()),
        "{names:?}"
    );
    assert_eq!(
        hub.spec("py__status").unwrap().annotations.read_only_hint,
        Some(true),
        "annotations pass through"
    );
    assert!(
        hub.spec("py__add").unwrap().output_schema.is_some(),
        "output schemas pass through"
    );

    let echo = call(&hub, "py__echo", json!({"text": "hello"})).await;
    assert_eq!(echo.text_summary(), "hello");
    let add = call(&hub, "py__add", json!({"a": 2, "b": 3})).await;
    assert_eq!(add.structured_content, Some(json!({"sum": 5})));
    assert!(add.text_summary().contains('5'));
    let fail = call(&hub, "py__fail", json!({})).await;
    assert!(fail.is_error, "{fail:?}");
    let link = call(&hub, "py__link", json!({})).await;
    assert!(
        link.text_summary().contains("Resource link: peer://readme"),
        "{}",
        link.text_summary()
    );
    let embedded = call(&hub, "py__embedded", json!({})).await;
    assert!(
        embedded.text_summary().starts_with("Resource "),
        "{}",
        embedded.text_summary()
    );
    let bad_args = call(&hub, "py__add", json!({"a": "two"})).await;
    assert!(bad_args.is_error, "{bad_args:?}");

    let report = hub.report().await;
    assert_eq!(report[0].state, ServerState::Connected);
    assert_eq!(report[0].server_info.as_deref(), Some("baton-peer-python"));
    assert!(report[0].protocol.is_some());
    hub.shutdown().await;
}

#[tokio::test]
async fn progress_arrives_and_cancellation_reaches_the_server() {
    let peers = Peers::load();
    let dir = tempfile::tempdir().unwrap();
    let (log, pid) = (dir.path().join("stderr.log"), dir.path().join("pid"));
    let (hub, _, _) = hub(
        None,
        vec![("py", logged_python_server(&peers, &log, &pid))],
        vec![],
    )
    .await;

    let updates = Arc::new(Mutex::new(Vec::new()));
    let seen = updates.clone();
    let cancel = CancellationToken::new();
    let trigger = cancel.clone();
    let ctx =
        ToolContext::new("slow-1", cancel).with_progress(Arc::new(move |progress, total, _| {
            seen.lock().unwrap().push((progress, total));
            if progress >= 2.0 {
                trigger.cancel();
            }
        }));
    let output = tokio::time::timeout(
        Duration::from_secs(60),
        hub.call("py__slow", json!({"steps": 200, "delay_ms": 50}), ctx),
    )
    .await
    .unwrap();
    assert!(
        output.is_error && output.text_summary().contains("was cancelled"),
        "{output:?}"
    );
    let updates = updates.lock().unwrap().clone();
    assert!(
        updates.len() >= 2 && updates[0].1 == Some(200.0),
        "{updates:?}"
    );
    let noticed = eventually(Duration::from_secs(10), || {
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .contains("slow: cancelled")
    })
    .await;
    assert!(
        noticed,
        "the server never saw notifications/cancelled: {}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );
}

#[tokio::test]
async fn a_changed_tool_list_is_picked_up() {
    let peers = Peers::load();
    let (hub, _, _) = hub(None, vec![("py", python_server(&peers))], vec![]).await;
    let before = hub.generation();
    assert!(hub.spec("py__fresh").is_none());
    let added = call(&hub, "py__add_tool", json!({"name": "fresh"})).await;
    assert!(!added.is_error, "{added:?}");
    let appeared = eventually(Duration::from_secs(10), || hub.spec("py__fresh").is_some()).await;
    assert!(
        appeared,
        "tools/list_changed was not honoured: {:?}",
        hub.specs().iter().map(|s| &s.name).collect::<Vec<_>>()
    );
    assert!(hub.generation() > before);
    assert!(!call(&hub, "py__fresh", json!({})).await.is_error);
}

fn spawn_http_server(peers: &Peers, bearer: &str) -> (std::process::Child, String) {
    let mut child = std::process::Command::new(peers.python())
        .args([
            peer_source("python/server.py").to_str().unwrap(),
            "http",
            "--port",
            "0",
            "--bearer",
            bearer,
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            if let Some(url) = line.split("listening on ").nth(1) {
                let _ = tx.send(url.trim().to_owned());
            }
        }
    });
    let url = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the HTTP peer did not start");
    (child, url)
}

#[tokio::test]
async fn python_sdk_server_over_streamable_http_with_a_bearer_token() {
    let peers = Peers::load();
    let (mut server, url) = spawn_http_server(&peers, "s3cret");
    let config = McpServerConfig {
        url: Some(url.clone()),
        bearer_token_env: Some("PEER_TOKEN".into()),
        ..McpServerConfig::default()
    };
    let (hub_ok, startup, _) = hub(
        None,
        vec![("web", config.clone())],
        vec![("PEER_TOKEN", "s3cret".into())],
    )
    .await;
    assert_eq!(
        statuses(&startup),
        vec![("web".to_owned(), McpServerStatus::Connected, 8)],
        "{startup:?}"
    );
    assert_eq!(
        call(&hub_ok, "web__echo", json!({"text": "over http"}))
            .await
            .text_summary(),
        "over http"
    );

    let (_, startup, _) = hub(
        None,
        vec![("web", config.clone())],
        vec![("PEER_TOKEN", "wrong".into())],
    )
    .await;
    let failed = startup.iter().find_map(|e| match e {
        Event::McpServer {
            status: McpServerStatus::Failed,
            error,
            ..
        } => error.clone(),
        _ => None,
    });
    let failed = failed.expect("a wrong token must fail loudly");
    assert!(
        failed.contains("401") || failed.to_lowercase().contains("auth"),
        "{failed}"
    );

    let (_, startup, _) = hub(None, vec![("web", config)], vec![]).await;
    let missing = format!("{startup:?}");
    assert!(missing.contains("PEER_TOKEN is not set"), "{missing}");
    hub_ok.shutdown().await;
    let _ = server.kill();
}

#[tokio::test]
async fn servers_that_cannot_start_are_reported_not_dropped() {
    let sh = |script: &str, startup: u64| McpServerConfig {
        command: Some("sh".into()),
        args: vec!["-c".into(), script.into()],
        startup_timeout: Some(startup),
        ..McpServerConfig::default()
    };
    let servers = vec![
        (
            "missing",
            McpServerConfig {
                command: Some("/nonexistent/mcp-server".into()),
                ..McpServerConfig::default()
            },
        ),
        (
            "garbage",
            sh("echo 'this is not JSON-RPC'; echo 'oops' >&2; sleep 30", 5),
        ),
        ("silent", sh("sleep 30", 1)),
        ("crashes", sh("echo 'fatal: no config' >&2; exit 3", 5)),
    ];
    let (hub, startup, _) = hub(None, servers, vec![]).await;
    let failed: Vec<String> = statuses(&startup)
        .into_iter()
        .filter(|s| s.1 == McpServerStatus::Failed)
        .map(|s| s.0)
        .collect();
    assert_eq!(failed.len(), 4, "{startup:?}");
    let errors = format!("{startup:?}");
    assert!(
        errors.contains("cannot start `/nonexistent/mcp-server`"),
        "{errors}"
    );
    assert!(errors.contains("no answer within 1s"), "{errors}");
    assert!(
        errors.contains("fatal: no config"),
        "the server's own stderr explains the crash: {errors}"
    );
    let report = hub.report().await;
    assert!(
        report
            .iter()
            .all(|r| matches!(r.state, ServerState::Failed(_))),
        "{report:?}"
    );
    assert!(hub.specs().is_empty());
}

#[tokio::test]
async fn a_server_that_dies_mid_call_fails_that_call_and_comes_back() {
    let peers = Peers::load();
    let dir = tempfile::tempdir().unwrap();
    let (log, pid_file) = (dir.path().join("stderr.log"), dir.path().join("pid"));
    let (hub, _, later) = hub(
        None,
        vec![("py", logged_python_server(&peers, &log, &pid_file))],
        vec![],
    )
    .await;
    let pid = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .to_owned();

    let started = Arc::new(tokio::sync::Notify::new());
    let signal = started.clone();
    let ctx = ToolContext::new("dying", CancellationToken::new())
        .with_progress(Arc::new(move |_, _, _| signal.notify_one()));
    let slow_hub = hub.clone();
    let slow = tokio::spawn(async move {
        slow_hub
            .call("py__slow", json!({"steps": 500, "delay_ms": 50}), ctx)
            .await
    });
    tokio::time::timeout(Duration::from_secs(30), started.notified())
        .await
        .unwrap();
    assert!(
        std::process::Command::new("kill")
            .args(["-9", &pid])
            .status()
            .unwrap()
            .success()
    );
    let output = tokio::time::timeout(Duration::from_secs(30), slow)
        .await
        .unwrap()
        .unwrap();
    assert!(output.is_error, "{output:?}");
    assert!(
        output
            .text_summary()
            .contains("closed while the call was running"),
        "{}",
        output.text_summary()
    );

    // The session goes on: the next call starts the server again.
    let echo = call(&hub, "py__echo", json!({"text": "back"})).await;
    assert_eq!(echo.text_summary(), "back", "{echo:?}");
    let later = statuses(&later.lock().unwrap());
    assert!(
        later.iter().any(|s| s.1 == McpServerStatus::Disconnected),
        "{later:?}"
    );
    assert!(
        later.iter().any(|s| s.1 == McpServerStatus::Connected),
        "{later:?}"
    );
}

#[tokio::test]
async fn tool_filters_choose_what_the_model_sees() {
    let peers = Peers::load();
    let mut config = python_server(&peers);
    config.tools.allow = vec!["echo".into(), "a*".into()];
    config.tools.deny = vec!["add_tool".into()];
    let (hub, _, _) = hub(None, vec![("py", config)], vec![]).await;
    let mut names: Vec<String> = hub.specs().into_iter().map(|s| s.name).collect();
    names.sort();
    assert_eq!(names, vec!["py__add", "py__echo"]);
}

#[tokio::test]
async fn reference_servers_everything_and_filesystem() {
    let peers = Peers::load();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "from the filesystem server\n").unwrap();
    let node = peers.node();
    let everything = McpServerConfig {
        command: Some(node.clone()),
        args: vec![peers.get("BATON_PEER_SERVER_EVERYTHING"), "stdio".into()],
        ..McpServerConfig::default()
    };
    let filesystem = McpServerConfig {
        command: Some(node),
        args: vec![
            peers.get("BATON_PEER_SERVER_FILESYSTEM"),
            dir.path().display().to_string(),
        ],
        ..McpServerConfig::default()
    };
    let (hub, startup, _) = hub(
        None,
        vec![("everything", everything), ("fs", filesystem)],
        vec![],
    )
    .await;
    let connected: Vec<String> = statuses(&startup)
        .into_iter()
        .filter(|s| s.1 == McpServerStatus::Connected)
        .map(|s| s.0)
        .collect();
    assert_eq!(connected.len(), 2, "{startup:?}");
    let echo = call(&hub, "everything__echo", json!({"message": "hi"})).await;
    assert!(echo.text_summary().contains("hi"), "{echo:?}");
    let read = call(
        &hub,
        "fs__read_text_file",
        json!({"path": dir.path().join("notes.txt").display().to_string()}),
    )
    .await;
    assert!(
        read.text_summary().contains("from the filesystem server"),
        "{read:?}"
    );
    hub.shutdown().await;
}

#[tokio::test]
async fn typescript_sdk_server_over_stdio() {
    let peers = Peers::load();
    let mut config = McpServerConfig {
        command: Some(peers.node()),
        args: vec![
            peer_source("ts/server.mjs").display().to_string(),
            "stdio".into(),
        ],
        ..McpServerConfig::default()
    };
    config.env.insert(
        "BATON_PEER_NODE_MODULES".into(),
        peers.get("BATON_PEER_NODE_MODULES"),
    );
    let (hub, startup, _) = hub(None, vec![("ts", config)], vec![]).await;
    assert_eq!(
        statuses(&startup),
        vec![("ts".to_owned(), McpServerStatus::Connected, 8)],
        "{startup:?}"
    );
    let add = call(&hub, "ts__add", json!({"a": 4, "b": 5})).await;
    assert_eq!(add.structured_content, Some(json!({"sum": 9})), "{add:?}");
    assert!(call(&hub, "ts__fail", json!({})).await.is_error);
    let added = call(&hub, "ts__add_tool", json!({"name": "late"})).await;
    assert!(!added.is_error);
    assert!(eventually(Duration::from_secs(10), || hub.spec("ts__late").is_some()).await);
    hub.shutdown().await;
}

#[tokio::test]
async fn oauth_servers_without_credentials_need_login_and_are_not_dropped() {
    let config = McpServerConfig {
        // Nothing listens here: without stored credentials the hub must not
        // even try the network, and must say which command signs in.
        url: Some("http://127.0.0.1:9/mcp".into()),
        oauth: true,
        ..McpServerConfig::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let servers = [("remote".to_owned(), config.clone())]
        .into_iter()
        .collect();
    let options = HubOptions {
        credentials_dir: Some(dir.path().to_path_buf()),
        ..HubOptions::default()
    };
    let (remote, startup) = ToolHub::start(None, &servers, options).await;
    assert_eq!(
        statuses(&startup),
        vec![("remote".to_owned(), McpServerStatus::NeedsLogin, 0)]
    );
    let reports = remote.report().await;
    match &reports[0].state {
        ServerState::NeedsLogin(why) => {
            assert!(why.contains("`baton mcp login remote`"), "{why}")
        }
        other => panic!("{other:?}"),
    }

    // No config dir at all: a plain failure that says what to set.
    let (_, startup, _) = hub(None, vec![("remote", config)], vec![]).await;
    assert!(
        format!("{startup:?}").contains("XDG_CONFIG_HOME"),
        "{startup:?}"
    );
}

#[tokio::test]
async fn garbage_oversized_and_silent_servers_fail_clearly_and_the_session_goes_on() {
    let peers = Peers::load();
    let config = McpServerConfig {
        command: Some(peers.python()),
        args: vec![peer_source("python/misbehaving.py").display().to_string()],
        call_timeout: Some(5),
        ..McpServerConfig::default()
    };
    let (hub, startup, _) = hub(None, vec![("bad", config)], vec![]).await;
    assert!(
        hub.specs().iter().any(|s| s.name == "bad__misbehave"),
        "{startup:?}"
    );
    let bounded = |name: &'static str, input: Value| {
        let hub = hub.clone();
        async move {
            tokio::time::timeout(Duration::from_secs(60), call(&hub, name, input))
                .await
                .unwrap_or_else(|_| panic!("{name} hung"))
        }
    };

    // A line that is not JSON-RPC is skipped; the call still gets its answer.
    let garbage = bounded("bad__misbehave", json!({"kind": "garbage"})).await;
    assert!(!garbage.is_error, "{garbage:?}");
    assert_eq!(garbage.text_summary(), "survived");

    // An oversized message ends the connection at once, and says why.
    let oversized = bounded("bad__misbehave", json!({"kind": "oversized"})).await;
    assert!(oversized.is_error, "{oversized:?}");
    let text = oversized.text_summary();
    assert!(text.contains("larger than 16 MiB"), "{text}");
    assert!(text.contains("closed while the call was running"), "{text}");
    let echo = bounded("bad__echo", json!({"text": "still here"})).await;
    assert_eq!(echo.text_summary(), "still here", "{echo:?}");

    // A server that never answers is cut off by call_timeout.
    let silent = bounded("bad__misbehave", json!({"kind": "silent"})).await;
    assert!(silent.is_error, "{silent:?}");
    assert!(
        silent.text_summary().contains("timed out after 5s"),
        "{}",
        silent.text_summary()
    );
    let echo = bounded("bad__echo", json!({"text": "and again"})).await;
    assert_eq!(echo.text_summary(), "and again", "{echo:?}");
    // The reason for the earlier close is not blamed on later failures.
    assert!(
        !silent.text_summary().contains("MiB"),
        "{}",
        silent.text_summary()
    );
    hub.shutdown().await;
}

#[tokio::test]
async fn a_server_leaves_nothing_running_behind_it() {
    let peers = Peers::load();
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("grandchild.pid");
    // A wrapper that starts a helper of its own, as npx and uvx do.
    let script = format!(
        "sleep 300 & echo $! > '{}'; exec '{}' '{}'",
        pid_file.display(),
        peers.python(),
        peer_source("python/misbehaving.py").display()
    );
    let config = McpServerConfig {
        command: Some("sh".into()),
        args: vec!["-c".into(), script],
        ..McpServerConfig::default()
    };
    let (hub, startup, _) = hub(None, vec![("wrapped", config)], vec![]).await;
    let echo = call(&hub, "wrapped__echo", json!({"text": "hi"})).await;
    assert_eq!(echo.text_summary(), "hi", "{startup:?}");
    let pid = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .to_owned();
    let alive = |pid: &str| {
        std::process::Command::new("kill")
            .args(["-0", pid])
            .status()
            .unwrap()
            .success()
    };
    assert!(alive(&pid));
    hub.shutdown().await;
    assert!(
        eventually(Duration::from_secs(10), || !alive(&pid)).await,
        "the server's own child {pid} outlived the hub"
    );
}
