//! `baton mcp …` against the official MCP SDKs: their clients drive
//! `baton mcp serve`, and their servers are driven by `baton run` and
//! `baton mcp list`. The peers are installed by `scripts/lib/peers.sh`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;
use common::peers;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

fn peer_file(relative: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/peers")
        .join(relative)
        .display()
        .to_string()
}

fn baton() -> String {
    assert_cmd::cargo::cargo_bin("baton").display().to_string()
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hello.txt"), "hello from the workspace\n").unwrap();
    dir
}

/// Runs a peer client program and parses the one JSON object it prints.
fn run_client(program: &[String], env: &[(&str, String)]) -> Value {
    let mut command = Command::new(&program[0]);
    command.args(&program[1..]).stdin(Stdio::null());
    for (k, v) in env {
        command.env(k, v);
    }
    let output = command.output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "client failed: {}\n{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

fn python_client(
    peers: &HashMap<String, String>,
    options: &[&str],
    transport: &[String],
) -> Vec<String> {
    let mut args = vec![
        peers["BATON_PEER_PYTHON"].clone(),
        peer_file("python/client.py"),
    ];
    args.extend(options.iter().map(|s| s.to_string()));
    args.extend(transport.iter().cloned());
    args
}

fn ts_client(
    peers: &HashMap<String, String>,
    options: &[&str],
    transport: &[String],
) -> Vec<String> {
    let mut args = vec![peers["BATON_PEER_NODE"].clone(), peer_file("ts/client.mjs")];
    args.extend(options.iter().map(|s| s.to_string()));
    args.extend(transport.iter().cloned());
    args
}

fn stdio_serve(dir: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec![
        "stdio".into(),
        "--cwd".into(),
        dir.display().to_string(),
        "--".into(),
        baton(),
        "mcp".into(),
        "serve".into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn tool_names(result: &Value) -> Vec<&str> {
    result["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect()
}

fn check_served(result: &Value) {
    let tools = tool_names(result);
    for expected in ["read_file", "grep", "shell", "run_task"] {
        assert!(tools.contains(&expected), "{tools:?}");
    }
    assert_eq!(result["server_info"]["name"], "baton");
    assert_eq!(
        result["tool_annotations"]["read_file"]["readOnlyHint"],
        true
    );
    let call = &result["call"];
    assert_eq!(call["is_error"], false, "{call}");
    let text = call["result"]["content"][0]["text"].as_str().unwrap();
    assert!(text.contains("hello from the workspace"), "{text}");
}

#[test]
fn python_and_typescript_clients_use_baton_over_stdio_in_both_protocol_eras() {
    let peers = peers();
    let dir = workspace();
    let call = ["--call", "read_file", "--args", r#"{"path": "hello.txt"}"#];
    for mode in ["auto", "legacy"] {
        let options: Vec<&str> = ["--mode", mode].into_iter().chain(call).collect();
        let py = run_client(
            &python_client(&peers, &options, &stdio_serve(dir.path(), &[])),
            &[],
        );
        check_served(&py);
        let ts = run_client(
            &ts_client(&peers, &options, &stdio_serve(dir.path(), &[])),
            &[(
                "BATON_PEER_NODE_MODULES",
                peers["BATON_PEER_NODE_MODULES"].clone(),
            )],
        );
        check_served(&ts);
        let expected = if mode == "auto" {
            "2026-07-28"
        } else {
            "2025-11-25"
        };
        assert_eq!(py["protocol_version"], expected, "{py}");
        assert_eq!(ts["protocol_version"], expected, "{ts}");
    }
}

#[test]
fn tools_can_be_narrowed_and_run_task_reports_progress() {
    let peers = peers();
    let dir = workspace();
    let script = dir.path().join("task.json");
    std::fs::write(
        &script,
        json!([
            {"text": "Reading.", "tool_calls": [{"name": "read_file", "input": {"path": "hello.txt"}}]},
            {"text": "The file says hello."}
        ])
        .to_string(),
    )
    .unwrap();
    let model = format!("scripted:{}", script.display());
    let serve = stdio_serve(
        dir.path(),
        &["--tools", "read_file,grep", "--model", &model],
    );
    let result = run_client(
        &python_client(
            &peers,
            &[
                "--call",
                "run_task",
                "--args",
                r#"{"task": "what does hello.txt say?"}"#,
            ],
            &serve,
        ),
        &[],
    );
    let tools = tool_names(&result);
    assert_eq!(tools, vec!["read_file", "grep", "run_task"]);
    let call = &result["call"];
    assert_eq!(call["is_error"], false, "{call}");
    assert_eq!(call["result"]["content"][0]["text"], "The file says hello.");
    assert_eq!(call["result"]["structuredContent"]["outcome"], "success");
    assert_eq!(call["result"]["structuredContent"]["tool_calls"], 1);
    let progress: Vec<&str> = call["progress"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["message"].as_str())
        .collect();
    assert!(progress.contains(&"read_file hello.txt"), "{progress:?}");
}

fn spawn_http(dir: &Path, extra: &[&str], token: Option<&str>) -> (std::process::Child, String) {
    let mut command = Command::new(baton());
    command
        .args(["mcp", "serve", "-C"])
        .arg(dir)
        .args(["--http", "127.0.0.1:0"])
        .args(extra);
    if let Some(token) = token {
        command
            .env("BATON_TEST_TOKEN", token)
            .args(["--token-env", "BATON_TEST_TOKEN"]);
    }
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(url) = line.split("listening on ").nth(1) {
                let _ = tx.send(url.trim().to_owned());
            }
        }
    });
    let url = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("baton mcp serve --http did not start");
    (child, url)
}

/// A raw HTTP POST, to control the Host header exactly.
fn post_with_host(url: &str, host: &str, token: &str) -> String {
    let address = url.trim_start_matches("http://").split('/').next().unwrap();
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let body = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#;
    write!(
        stream,
        "POST /mcp HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response.lines().next().unwrap_or_default().to_owned()
}

#[test]
fn streamable_http_with_a_bearer_token_and_host_checks() {
    let peers = peers();
    let dir = workspace();
    let (mut server, url) = spawn_http(dir.path(), &[], Some("t0ken"));
    let call = ["--call", "read_file", "--args", r#"{"path": "hello.txt"}"#];
    for mode in ["auto", "legacy"] {
        let options: Vec<&str> = ["--mode", mode].into_iter().chain(call).collect();
        let transport = vec![
            "http".to_owned(),
            url.clone(),
            "--bearer".to_owned(),
            "t0ken".to_owned(),
        ];
        check_served(&run_client(
            &python_client(&peers, &options, &transport),
            &[],
        ));
        check_served(&run_client(
            &ts_client(&peers, &options, &transport),
            &[(
                "BATON_PEER_NODE_MODULES",
                peers["BATON_PEER_NODE_MODULES"].clone(),
            )],
        ));
    }
    // Without the token: refused.
    let output = Command::new(&peers["BATON_PEER_PYTHON"])
        .args([&peer_file("python/client.py"), "http", &url])
        .output()
        .unwrap();
    assert!(!output.status.success());
    // A foreign Host header (DNS rebinding) is refused even with the token.
    let status = post_with_host(&url, "evil.example", "t0ken");
    assert!(status.contains("403"), "{status}");
    let status = post_with_host(&url, "127.0.0.1", "t0ken");
    assert!(status.contains("200"), "{status}");
    let _ = server.kill();
    let _ = server.wait();
}

/// A 2026-07-28 `tools/call` POSTed by hand: the whole response, headers included.
fn post_tool_call(url: &str, tool: &str, arguments: Value) -> String {
    let address = url.trim_start_matches("http://").split('/').next().unwrap();
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {
        "name": tool, "arguments": arguments, "_meta": {
            "io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientInfo": {"name": "t", "version": "1"},
            "io.modelcontextprotocol/clientCapabilities": {}}}})
    .to_string();
    write!(
        stream,
        "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nMCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\nMcp-Name: {tool}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response
}

#[test]
fn over_http_plain_results_are_json_bodies_and_run_task_still_streams_progress() {
    let peers = peers();
    let dir = workspace();
    let script = dir.path().join("task.json");
    std::fs::write(
        &script,
        json!([
            {"text": "Reading.", "tool_calls": [{"name": "read_file", "input": {"path": "hello.txt"}}]},
            {"text": "The file says hello."}
        ])
        .to_string(),
    )
    .unwrap();
    let model = format!("scripted:{}", script.display());
    let (mut server, url) = spawn_http(dir.path(), &["--model", &model], None);
    // A call that sends nothing before its result gets a plain JSON body.
    let response = post_tool_call(&url, "read_file", json!({"path": "hello.txt"}));
    let lower = response.to_ascii_lowercase();
    assert!(
        lower.contains("content-type: application/json"),
        "{response}"
    );
    assert!(response.contains("hello from the workspace"), "{response}");
    // One that reports progress first is still streamed, progress included.
    let result = run_client(
        &python_client(
            &peers,
            &[
                "--call",
                "run_task",
                "--args",
                r#"{"task": "what does hello.txt say?"}"#,
            ],
            &["http".to_owned(), url.clone()],
        ),
        &[],
    );
    let call = &result["call"];
    assert_eq!(call["result"]["content"][0]["text"], "The file says hello.");
    let progress: Vec<&str> = call["progress"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["message"].as_str())
        .collect();
    assert!(progress.contains(&"read_file hello.txt"), "{progress:?}");
    let _ = server.kill();
    let _ = server.wait();
}

#[test]
fn baton_run_uses_tools_from_a_python_sdk_server() {
    let peers = peers();
    let dir = workspace();
    std::fs::write(
        dir.path().join("baton.toml"),
        format!(
            "[mcp_servers.py]\ncommand = \"{}\"\nargs = [\"{}\", \"stdio\"]\n",
            peers["BATON_PEER_PYTHON"],
            peer_file("python/server.py")
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("s.json"),
        json!([{"tool_calls": [{"name": "py__add", "input": {"a": 20, "b": 22}}]}, {"text": "42"}])
            .to_string(),
    )
    .unwrap();
    let output = Command::new(baton())
        .args([
            "run",
            "--json",
            "-p",
            "auto",
            "--model",
            "scripted:s.json",
            "add",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let events: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let connected = events.iter().find(|e| e["type"] == "mcp_server").unwrap();
    assert_eq!(
        (connected["server"].as_str(), connected["status"].as_str()),
        (Some("py"), Some("connected"))
    );
    let finished = events
        .iter()
        .find(|e| e["type"] == "tool_call_finished")
        .unwrap();
    assert_eq!(finished["tool"], "py__add");
    assert_eq!(finished["output"]["structuredContent"], json!({"sum": 42}));
}

#[test]
fn mcp_list_add_and_remove() {
    let peers = peers();
    let dir = workspace();
    let ws = dir.path().display().to_string();
    // `-C` goes before the subcommand: after `--` it would belong to the server's command.
    let run = |args: &[&str]| {
        Command::new(baton())
            .args(["mcp", "-C", &ws])
            .args(&args[1..])
            .output()
            .unwrap()
    };
    let added = run(&[
        "mcp",
        "add",
        "py",
        "--",
        &peers["BATON_PEER_PYTHON"],
        &peer_file("python/server.py"),
        "stdio",
    ]);
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let added = run(&["mcp", "add", "broken", "--", "/nonexistent/server"]);
    assert!(added.status.success());
    let again = run(&["mcp", "add", "py", "--", "x"]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "adding a name twice needs --force"
    );

    let listed = run(&["mcp", "list", "--json"]);
    let servers: Value = serde_json::from_slice(&listed.stdout).unwrap();
    let by_name = |name: &str| {
        servers
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(by_name("py")["status"], "connected");
    assert_eq!(by_name("py")["tools"].as_array().unwrap().len(), 8);
    assert_eq!(by_name("broken")["status"], "failed");
    assert!(
        by_name("broken")["error"]
            .as_str()
            .unwrap()
            .contains("cannot start"),
        "{servers}"
    );

    let tested = run(&["mcp", "test", "py"]);
    assert!(String::from_utf8_lossy(&tested.stdout).contains("connected and listed 8 tools"));
    assert_eq!(run(&["mcp", "test", "broken"]).status.code(), Some(1));

    assert!(run(&["mcp", "remove", "broken"]).status.success());
    let config = std::fs::read_to_string(dir.path().join("baton.toml")).unwrap();
    assert!(
        config.contains("[mcp_servers.py]") && !config.contains("broken"),
        "{config}"
    );
    assert_eq!(run(&["mcp", "remove", "broken"]).status.code(), Some(2));
}
