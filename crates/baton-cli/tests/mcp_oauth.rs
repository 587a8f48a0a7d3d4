//! OAuth 2.1 against a real OAuth-protected MCP server: the official Python
//! SDK's `mcp.server.auth` (tests/peers/python/oauth_server.py), which
//! approves every authorization at once and issues access tokens that live
//! two seconds, so refreshing is exercised. Everything is on 127.0.0.1; the
//! "browser" is a plain HTTP GET that follows the redirect into baton's
//! callback listener. Every wait is bounded and every child is killed on drop.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;
use common::peers;

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Access tokens from the fixture live this long.
const TOKEN_TTL_SECS: u64 = 2;

fn baton() -> PathBuf {
    assert_cmd::cargo::cargo_bin("baton")
}

/// A child process whose output is collected by threads; killed on drop.
struct Running {
    child: Child,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
    lines: Receiver<String>,
}

impl Running {
    fn spawn(command: &mut Command) -> Running {
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, lines) = channel();
        let collect = |stream: Box<dyn Read + Send>, into: Arc<Mutex<String>>, tx| {
            std::thread::spawn(move || {
                let tx: std::sync::mpsc::Sender<String> = tx;
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    into.lock().unwrap().push_str(&format!("{line}\n"));
                    let _ = tx.send(line);
                }
            });
        };
        let stdout = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        collect(
            Box::new(child.stdout.take().unwrap()),
            stdout.clone(),
            tx.clone(),
        );
        collect(Box::new(child.stderr.take().unwrap()), stderr.clone(), tx);
        Running {
            child,
            stdout,
            stderr,
            lines,
        }
    }

    /// The first line (stdout or stderr) for which `pick` gives a value.
    fn wait_for_line<T>(&self, within: Duration, pick: impl Fn(&str) -> Option<T>) -> T {
        let deadline = Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    if let Some(found) = pick(&line) {
                        return found;
                    }
                }
                Err(_) => panic!(
                    "no expected line within {within:?}; stdout:\n{}\nstderr:\n{}",
                    self.stdout.lock().unwrap(),
                    self.stderr.lock().unwrap()
                ),
            }
        }
    }

    /// Waits for the exit: (code, stdout, stderr).
    fn finish(mut self, within: Duration) -> (Option<i32>, String, String) {
        let deadline = Instant::now() + within;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > deadline {
                panic!(
                    "still running after {within:?}; stdout:\n{}\nstderr:\n{}",
                    self.stdout.lock().unwrap(),
                    self.stderr.lock().unwrap()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        // The reader threads end at EOF, just after the exit.
        std::thread::sleep(Duration::from_millis(100));
        let out = self.stdout.lock().unwrap().clone();
        let err = self.stderr.lock().unwrap().clone();
        (status.code(), out, err)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The fixture server, its /mcp URL, and its stderr (token events).
struct OAuthServer {
    process: Running,
    url: String,
}

impl OAuthServer {
    fn start() -> OAuthServer {
        let peers = peers();
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/peers/python/oauth_server.py");
        let process = Running::spawn(Command::new(&peers["BATON_PEER_PYTHON"]).arg(script).args([
            "--port",
            "0",
            "--token-ttl",
            &TOKEN_TTL_SECS.to_string(),
        ]));
        let url = process.wait_for_line(Duration::from_secs(30), |line| {
            line.split("listening on ")
                .nth(1)
                .map(|u| u.trim().to_owned())
        });
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        OAuthServer { process, url }
    }

    fn log(&self) -> String {
        self.process.stderr.lock().unwrap().clone()
    }
}

/// A workspace with the server configured, and a private config home.
struct Sandbox {
    workspace: tempfile::TempDir,
    config_home: tempfile::TempDir,
}

impl Sandbox {
    fn new(url: &str) -> Sandbox {
        let workspace = tempfile::tempdir().unwrap();
        std::fs::write(
            workspace.path().join("baton.toml"),
            format!("[mcp_servers.web]\nurl = \"{url}\"\noauth = true\n"),
        )
        .unwrap();
        Sandbox {
            workspace,
            config_home: tempfile::tempdir().unwrap(),
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(baton());
        command
            .args(args)
            .current_dir(self.workspace.path())
            .env("XDG_CONFIG_HOME", self.config_home.path())
            .env("HOME", self.config_home.path())
            // No browser may be opened by a test.
            .env_remove("BROWSER")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("ANTHROPIC_API_KEY")
            .env_remove("OPENAI_API_KEY");
        command
    }

    /// Runs baton to the end with full debug logging, so the logs are
    /// checked for tokens too.
    fn run(&self, args: &[&str]) -> (Option<i32>, String, String) {
        Running::spawn(self.command(args).env("BATON_LOG", "debug")).finish(Duration::from_secs(90))
    }

    fn credentials_dir(&self) -> PathBuf {
        self.config_home.path().join("baton").join("oauth")
    }

    /// The one credentials file, parsed.
    fn credentials(&self) -> (PathBuf, Value) {
        let files: Vec<PathBuf> = std::fs::read_dir(self.credentials_dir())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        let text = std::fs::read_to_string(&files[0]).unwrap();
        (files[0].clone(), serde_json::from_str(&text).unwrap())
    }

    fn tokens(&self) -> (String, String) {
        let (_, file) = self.credentials();
        let response = &file["credentials"]["token_response"];
        (
            response["access_token"].as_str().unwrap().to_owned(),
            response["refresh_token"].as_str().unwrap().to_owned(),
        )
    }

    fn list(&self) -> Value {
        let (code, stdout, stderr) = self.run(&["mcp", "list", "--json"]);
        assert_eq!(code, Some(0), "{stderr}");
        let servers: Value =
            serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
        servers.as_array().unwrap()[0].clone()
    }

    /// `baton run --json` with a scripted model; the events.
    fn run_script(&self, script: Value) -> (Vec<Value>, String) {
        std::fs::write(self.workspace.path().join("s.json"), script.to_string()).unwrap();
        let (code, stdout, stderr) = self.run(&[
            "run",
            "--json",
            "-p",
            "auto",
            "--model",
            "scripted:s.json",
            "use the server",
        ]);
        assert_eq!(code, Some(0), "{stdout}\n{stderr}");
        let events = stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (events, format!("{stdout}\n{stderr}"))
    }
}

/// A minimal HTTP/1.1 GET on loopback: (status, Location header).
fn http_get(url: &str) -> (u16, Option<String>) {
    let rest = url.strip_prefix("http://").expect("loopback http only");
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    assert!(host.starts_with("127.0.0.1:"), "not loopback: {url}");
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no HTTP status in {response:?}"));
    let location = response
        .lines()
        .take_while(|l| !l.is_empty())
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("location")
                .then(|| value.trim().to_owned())
        });
    (status, location)
}

/// What a browser does with the authorization URL: follow the redirects to
/// the end. The final status.
fn browse(url: &str) -> u16 {
    let mut url = url.to_owned();
    for _ in 0..5 {
        let (status, location) = http_get(&url);
        match location {
            Some(next) if (300..400).contains(&status) => url = next,
            _ => return status,
        }
    }
    panic!("too many redirects")
}

fn login(sandbox: &Sandbox) -> (String, String) {
    let process = Running::spawn(
        sandbox
            .command(&["mcp", "login", "web", "--no-browser", "--timeout", "60"])
            .env("BATON_LOG", "debug"),
    );
    let auth_url = process.wait_for_line(Duration::from_secs(30), |line| {
        line.starts_with("http://").then(|| line.trim().to_owned())
    });
    assert!(
        auth_url.contains("code_challenge_method=S256"),
        "{auth_url}"
    );
    assert!(
        auth_url.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A"),
        "{auth_url}"
    );
    assert_eq!(browse(&auth_url), 200, "baton's callback page");
    let (code, stdout, stderr) = process.finish(Duration::from_secs(30));
    assert_eq!(code, Some(0), "{stdout}\n{stderr}");
    assert!(stdout.contains("✓ signed in to `web`"), "{stdout}");
    (stdout, stderr)
}

fn assert_no_token(output: &str, tokens: &[&str]) {
    for token in tokens {
        assert!(!output.contains(token), "a token leaked into:\n{output}");
    }
}

fn tool_results<'a>(events: &'a [Value], tool: &str) -> Vec<&'a Value> {
    events
        .iter()
        .filter(|e| e["type"] == "tool_call_finished" && e["tool"] == tool)
        .map(|e| &e["output"])
        .collect()
}

#[test]
fn login_refresh_and_logout_against_the_python_sdk_auth_server() {
    let server = OAuthServer::start();
    let sandbox = Sandbox::new(&server.url);

    // Before signing in: listed as needing login, with the command.
    let before = sandbox.list();
    assert_eq!(before["status"], "needs_login", "{before}");
    assert!(
        before["error"]
            .as_str()
            .unwrap()
            .contains("`baton mcp login web`"),
        "{before}"
    );

    let (login_out, login_err) = login(&sandbox);
    let (path, file) = sandbox.credentials();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600, "{}", path.display());
    assert_eq!(mode(&sandbox.credentials_dir()), 0o700);
    assert_eq!(file["url"], server.url.as_str());
    let (access, refresh) = sandbox.tokens();
    assert!(access.len() >= 16 && refresh.len() >= 16);
    assert_no_token(&format!("{login_out}{login_err}"), &[&access, &refresh]);
    assert!(server.log().contains("token: code exchanged"));

    // The server's tools are listed (with debug logs on, and no token in them).
    let (code, list_out, list_err) = sandbox.run(&["mcp", "list", "--json"]);
    assert_eq!(code, Some(0), "{list_err}");
    let listed: Value = serde_json::from_str(&list_out).unwrap();
    assert_eq!(listed[0]["status"], "connected", "{listed}");
    let tools: Vec<&str> = listed[0]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(tools, ["web__echo", "web__revoke_all", "web__token_stats"]);
    let (_, text_out, text_err) = sandbox.run(&["mcp", "list"]);
    assert!(text_out.contains("connected"), "{text_out}");
    let (access_now, refresh_now) = sandbox.tokens();
    assert_no_token(
        &format!("{list_out}{list_err}{text_out}{text_err}"),
        &[&access, &refresh, &access_now, &refresh_now],
    );

    // One session outlives an access token: the call after the pause needs
    // a refreshed token, obtained within the session.
    let (before_access, before_refresh) = sandbox.tokens();
    let refreshes_before = server.log().matches("token: refreshed").count();
    let pause = format!("sleep {}", TOKEN_TTL_SECS + 1);
    let (events, output) = sandbox.run_script(json!([
        {"tool_calls": [{"name": "web__echo", "input": {"text": "first call"}}]},
        {"tool_calls": [{"name": "shell", "input": {"command": pause}}]},
        {"tool_calls": [{"name": "web__echo", "input": {"text": "after expiry"}}]},
        {"tool_calls": [{"name": "web__token_stats", "input": {}}]},
        {"text": "done"}
    ]));
    let echoes = tool_results(&events, "web__echo");
    assert_eq!(echoes.len(), 2, "{events:?}");
    assert_eq!(echoes[0]["content"][0]["text"], "first call", "{output}");
    assert_eq!(echoes[1]["content"][0]["text"], "after expiry", "{output}");
    assert!(echoes[1].get("isError").is_none(), "{output}");
    assert!(
        server.log().matches("token: refreshed").count() > refreshes_before,
        "no refresh during the session:\n{}",
        server.log()
    );
    let stats = tool_results(&events, "web__token_stats");
    let counts: Value =
        serde_json::from_str(stats[0]["content"][0]["text"].as_str().unwrap()).unwrap();
    assert!(counts["refreshed"].as_u64().unwrap() >= 1, "{counts}");
    assert_eq!(counts["issued"], 1, "one sign-in only: {counts}");
    // The refreshed tokens were written back (the old ones are gone) …
    let (after_access, after_refresh) = sandbox.tokens();
    assert_ne!(after_access, before_access);
    assert_ne!(after_refresh, before_refresh);
    assert_no_token(
        &output,
        &[
            &before_access,
            &before_refresh,
            &after_access,
            &after_refresh,
        ],
    );
    // … and work: refresh tokens rotate, so a new process can only connect
    // once its token expired if the stored refresh token is the newest one.
    std::thread::sleep(Duration::from_secs(TOKEN_TTL_SECS + 1));
    assert_eq!(sandbox.list()["status"], "connected");

    // Logout removes the file; the server needs login again.
    let (code, out, _) = sandbox.run(&["mcp", "logout", "web"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("signed out of `web`"), "{out}");
    assert!(
        std::fs::read_dir(sandbox.credentials_dir())
            .unwrap()
            .next()
            .is_none()
    );
    let after = sandbox.list();
    assert_eq!(after["status"], "needs_login", "{after}");
    let (code, out, _) = sandbox.run(&["mcp", "logout", "web"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("no stored sign-in"), "{out}");

    // `baton run` without credentials says so once, with the command, and
    // goes on.
    let (events, _) = sandbox.run_script(json!([{"text": "fine"}]));
    let status = events.iter().find(|e| e["type"] == "mcp_server").unwrap();
    let error = status["error"].as_str().unwrap();
    assert!(error.contains("`baton mcp login web`"), "{status}");
    assert!(
        events.iter().all(|e| e["type"] != "warning"),
        "the status says it all: {events:?}"
    );
    assert_eq!(events.last().unwrap()["outcome"], "success");
    assert_eq!(status["status"], "needs_login", "{status}");
}

#[test]
fn revoked_credentials_fail_clearly_with_the_login_hint() {
    let server = OAuthServer::start();
    let sandbox = Sandbox::new(&server.url);
    login(&sandbox);

    // The server revokes every token mid-session: the next call gets 401,
    // the refresh is refused, and the call fails saying how to sign in.
    let (events, output) = sandbox.run_script(json!([
        {"tool_calls": [{"name": "web__revoke_all", "input": {}}]},
        {"tool_calls": [{"name": "web__echo", "input": {"text": "after revoke"}}]},
        {"text": "done"}
    ]));
    let echo = tool_results(&events, "web__echo");
    assert_eq!(echo[0]["isError"], true, "{output}");
    let text = echo[0]["content"][0]["text"].as_str().unwrap();
    assert!(
        text.contains("refused baton's OAuth token even after refreshing it")
            && text.contains("`baton mcp login web`"),
        "{text}"
    );
    assert!(server.log().contains("token: everything revoked"));

    // A new process sees the same.
    let listed = sandbox.list();
    assert_eq!(listed["status"], "needs_login", "{listed}");
    assert!(
        listed["error"]
            .as_str()
            .unwrap()
            .contains("`baton mcp login web`"),
        "{listed}"
    );

    // From another directory the hint names the workspace, so it works as
    // printed.
    let workspace = sandbox.workspace.path().canonicalize().unwrap();
    let output = Running::spawn(
        sandbox
            .command(&["mcp", "-C", workspace.to_str().unwrap(), "list", "--json"])
            .current_dir(sandbox.config_home.path()),
    )
    .finish(Duration::from_secs(60));
    let hint = format!("`baton mcp -C {} login web`", workspace.display());
    assert!(output.1.contains(&hint), "{hint} not in {}", output.1);
}

#[test]
fn login_refuses_a_foreign_state_and_times_out_clearly() {
    let server = OAuthServer::start();
    let sandbox = Sandbox::new(&server.url);
    let process = Running::spawn(&mut sandbox.command(&[
        "mcp",
        "login",
        "web",
        "--no-browser",
        "--timeout",
        "3",
    ]));
    let auth_url = process.wait_for_line(Duration::from_secs(30), |line| {
        line.starts_with("http://").then(|| line.trim().to_owned())
    });
    let redirect = auth_url
        .split("redirect_uri=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .replace("%3A", ":")
        .replace("%2F", "/");
    // A callback that is not the answer to this sign-in is refused.
    let (status, _) = http_get(&format!("{redirect}?code=forged&state=not-the-one"));
    assert_eq!(status, 400);
    let (code, stdout, stderr) = process.finish(Duration::from_secs(30));
    assert_eq!(code, Some(1), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("did not come back to baton within 3s"),
        "{stderr}"
    );
    assert!(
        !sandbox.credentials_dir().exists()
            || std::fs::read_dir(sandbox.credentials_dir())
                .unwrap()
                .next()
                .is_none()
    );

    // Login for a server that is not set to OAuth says what to change.
    std::fs::write(
        sandbox.workspace.path().join("baton.toml"),
        format!("[mcp_servers.web]\nurl = \"{}\"\n", server.url),
    )
    .unwrap();
    let (code, _, stderr) = sandbox.run(&["mcp", "login", "web", "--no-browser"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("add `oauth = true`"), "{stderr}");
}
