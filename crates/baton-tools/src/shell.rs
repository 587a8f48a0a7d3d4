//! `shell`: runs a command with a timeout, an output cap, and no survivors.

use std::io;
use std::os::fd::OwnedFd;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{ExitStatus, Stdio};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use baton_protocol::{ToolAnnotations, ToolOutput, ToolSpec};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::io::AsyncReadExt;
use tokio::net::unix::pipe;
use tokio::process::Child;
use tokio_util::sync::CancellationToken;

use crate::registry::{Tool, ToolContext, parse_input};
use crate::workspace::Workspace;

/// Limits for the `shell` tool.
#[derive(Debug, Clone)]
pub struct ShellOptions {
    /// Used when the model gives no `timeout_secs`.
    pub default_timeout: Duration,
    /// The most the model may ask for.
    pub max_timeout: Duration,
    /// Output beyond this is dropped from the front: the end of a build or
    /// test log is where the verdict is.
    pub output_cap_bytes: usize,
}

impl Default for ShellOptions {
    fn default() -> Self {
        Self {
            default_timeout: Duration::from_secs(120),
            max_timeout: Duration::from_secs(600),
            output_cap_bytes: 30_000,
        }
    }
}

/// After the shell exits, output still in flight is collected until the
/// pipe is quiet this long; a background job may hold it open forever.
const DRAIN_IDLE: Duration = Duration::from_millis(100);
/// The most time spent collecting leftover output, however chatty.
const DRAIN_TOTAL: Duration = Duration::from_secs(2);
/// SIGKILL is not ignorable, but a process stuck in the kernel can take a
/// moment to die; never wait on it unboundedly.
const REAP_WAIT: Duration = Duration::from_secs(5);
const CHUNK: usize = 16 * 1024;

pub struct Shell {
    workspace: Arc<Workspace>,
    options: ShellOptions,
    spec: ToolSpec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShellArgs {
    command: String,
    #[serde(default)]
    timeout_secs: Option<u64>,
}

impl Shell {
    pub fn new(workspace: Arc<Workspace>, options: ShellOptions) -> Self {
        let default_secs = options.default_timeout.as_secs().max(1);
        let max_secs = options.max_timeout.as_secs().max(1);
        let spec = ToolSpec {
            name: "shell".into(),
            description: format!(
                "Run a command with `bash -c` in the workspace root and return its combined \
                 stdout and stderr (interleaved as written) followed by the exit status. \
                 stdin is empty, so interactive programs will not get input: pass flags such as \
                 `--yes` or `--no-pager`. The command is killed, with everything it started, \
                 after `timeout_secs` (default {default_secs}, maximum {max_secs}). Background \
                 processes do not outlive the call; nothing persists between calls except \
                 files. Only the last {} bytes of output are kept. A non-zero exit code is \
                 reported as an error. Prefer read_file, edit_file, grep and glob for reading, \
                 editing and searching files.",
                options.output_cap_bytes
            ),
            input_schema: json!({
                "type": "object",
                "properties": {
                    "command": {
                        "type": "string",
                        "description": "The shell command line to run."
                    },
                    "timeout_secs": {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": max_secs,
                        "description": format!("Seconds before the command is killed. Default {default_secs}, maximum {max_secs}.")
                    }
                },
                "required": ["command"],
                "additionalProperties": false
            }),
            output_schema: None,
            annotations: ToolAnnotations {
                title: Some("Run shell command".into()),
                open_world_hint: Some(true),
                ..ToolAnnotations::mutating(true, false)
            },
        };
        Self {
            workspace,
            options,
            spec,
        }
    }
}

#[async_trait]
impl Tool for Shell {
    fn spec(&self) -> &ToolSpec {
        &self.spec
    }

    async fn call(&self, input: Value, ctx: ToolContext) -> ToolOutput {
        let args: ShellArgs = match parse_input("shell", input) {
            Ok(args) => args,
            Err(output) => return output,
        };
        if args.command.trim().is_empty() {
            return ToolOutput::error("command is empty; give a shell command line to run.");
        }
        let requested = args
            .timeout_secs
            .map(|secs| Duration::from_secs(secs.max(1)));
        let timeout = requested
            .unwrap_or(self.options.default_timeout)
            .min(self.options.max_timeout);
        let mut notes = String::new();
        if requested.is_some_and(|requested| requested > self.options.max_timeout) {
            notes.push_str(&format!(
                "[timeout_secs is above the maximum; using {}]\n",
                seconds(timeout)
            ));
        }
        let running = match spawn(&args.command, self.workspace.root()) {
            Ok(running) => running,
            Err(error) => return ToolOutput::error(format!("could not start the shell: {error}")),
        };
        let run = supervise(running, timeout, &ctx.cancel, self.options.output_cap_bytes).await;
        render(run, &notes, timeout)
    }
}

struct Running {
    child: Child,
    output: pipe::Receiver,
    group: GroupGuard,
}

/// Starts `command` under bash, or sh where bash is missing.
fn spawn(command: &str, cwd: &Path) -> io::Result<Running> {
    match spawn_with("bash", command, cwd) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => spawn_with("sh", command, cwd),
        other => other,
    }
}

fn spawn_with(program: &str, command: &str, cwd: &Path) -> io::Result<Running> {
    // One pipe for both streams keeps stdout and stderr in the order written.
    let (reader, writer) = io::pipe()?;
    let stderr = writer.try_clone()?;
    let output = pipe::Receiver::from_owned_fd(OwnedFd::from(reader))?;
    let mut builder = tokio::process::Command::new(program);
    builder
        .arg("-c")
        .arg(command)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(stderr)
        // Its own group, so one signal reaches everything it starts.
        .process_group(0)
        .kill_on_drop(true);
    let child = builder.spawn()?;
    // The builder holds our copies of the write end; until they close, the
    // pipe never reports end-of-file.
    drop(builder);
    let pid = child
        .id()
        .ok_or_else(|| io::Error::other("the shell exited before it could be tracked"))?;
    Ok(Running {
        child,
        output,
        group: GroupGuard::new(pid),
    })
}

/// Kills a child's process group (the child was spawned with
/// `process_group(0)`, so its pid is the group id) when dropped, so even if
/// the caller's future is dropped mid-run nothing the child started survives.
#[derive(Debug)]
pub struct GroupGuard {
    pgid: u32,
    armed: bool,
}

impl GroupGuard {
    pub fn new(pgid: u32) -> Self {
        Self { pgid, armed: true }
    }

    /// SIGKILLs the whole group now (once).
    pub fn kill(&mut self) {
        if self.armed {
            kill_group(self.pgid);
            self.armed = false;
        }
    }
}

impl Drop for GroupGuard {
    fn drop(&mut self) {
        self.kill();
    }
}

#[allow(unsafe_code)]
fn kill_group(pgid: u32) {
    let Ok(pgid) = libc::pid_t::try_from(pgid) else {
        return;
    };
    // 0 would mean our own group, and 1 would not be a child of ours.
    if pgid <= 1 {
        return;
    }
    // SAFETY: killpg takes two integers and only sends a signal; it reads or
    // writes no memory of ours. The id is our child's pid, which became its
    // process-group id via process_group(0), so only that group is hit.
    // Failure (ESRCH once the whole group is gone) needs no handling.
    let _ = unsafe { libc::killpg(pgid, libc::SIGKILL) };
}

#[derive(Debug)]
enum Ending {
    Exited(ExitStatus),
    TimedOut,
    Cancelled,
    Lost(io::Error),
}

struct Run {
    ending: Ending,
    output: String,
    omitted: u64,
}

async fn supervise(
    mut running: Running,
    timeout: Duration,
    cancel: &CancellationToken,
    cap: usize,
) -> Run {
    let mut tail = Tail::new(cap);
    let mut chunk = vec![0u8; CHUNK];
    let mut open = true;
    let deadline = tokio::time::sleep(timeout);
    tokio::pin!(deadline);
    let ending = loop {
        tokio::select! {
            // Timeout and cancellation first, so a flood of output cannot starve them;
            // reading before waiting so output already written is not left behind.
            biased;
            () = cancel.cancelled() => break Ending::Cancelled,
            () = &mut deadline => break Ending::TimedOut,
            read = running.output.read(&mut chunk), if open => match read {
                Ok(0) | Err(_) => open = false,
                Ok(count) => tail.push(chunk.get(..count).unwrap_or_default()),
            },
            status = running.child.wait() => break match status {
                Ok(status) => Ending::Exited(status),
                Err(error) => Ending::Lost(error),
            },
        }
    };
    match ending {
        Ending::Exited(_) => {
            // The shell is gone but a background job may still hold the pipe:
            // take what is already there, then end the job.
            if open {
                open = drain(&mut running.output, &mut tail, &mut chunk).await;
            }
            running.group.kill();
        }
        _ => {
            running.group.kill();
            // Reap the shell so it does not linger as a zombie.
            let _ = tokio::time::timeout(REAP_WAIT, running.child.wait()).await;
        }
    }
    if open {
        drain(&mut running.output, &mut tail, &mut chunk).await;
    }
    let (output, omitted) = tail.finish();
    Run {
        ending,
        output,
        omitted,
    }
}

/// Reads until end-of-file or until the pipe goes quiet, within a bound.
/// Returns whether the pipe is still open.
async fn drain(output: &mut pipe::Receiver, tail: &mut Tail, chunk: &mut [u8]) -> bool {
    let stop = tokio::time::Instant::now() + DRAIN_TOTAL;
    loop {
        let quiet = (tokio::time::Instant::now() + DRAIN_IDLE).min(stop);
        match tokio::time::timeout_at(quiet, output.read(chunk)).await {
            Ok(Ok(0) | Err(_)) => return false,
            Ok(Ok(count)) => tail.push(chunk.get(..count).unwrap_or_default()),
            Err(_elapsed) => return true,
        }
    }
}

fn render(run: Run, notes: &str, timeout: Duration) -> ToolOutput {
    let mut text = notes.to_owned();
    if run.omitted > 0 {
        text.push_str(&format!("[… {} earlier bytes omitted …]\n", run.omitted));
    }
    text.push_str(&run.output);
    if run.output.is_empty() && run.omitted == 0 {
        text.push_str("(no output)\n");
    } else if !text.ends_with('\n') {
        text.push('\n');
    }
    let (status, exit_code, ok) = match &run.ending {
        Ending::Exited(status) => match (status.code(), status.signal()) {
            (Some(code), _) => (format!("[exit code {code}]"), Some(code), code == 0),
            (None, Some(signal)) => (format!("[killed by signal {signal}]"), None, false),
            (None, None) => ("[exited with an unknown status]".to_owned(), None, false),
        },
        Ending::TimedOut => (
            format!(
                "[timed out after {}; the process group was killed]",
                seconds(timeout)
            ),
            None,
            false,
        ),
        Ending::Cancelled => (
            "[cancelled; the process group was killed]".to_owned(),
            None,
            false,
        ),
        Ending::Lost(error) => (
            format!("[could not wait for the shell: {error}; the process group was killed]"),
            None,
            false,
        ),
    };
    text.push_str(&status);
    ToolOutput {
        is_error: !ok,
        structured_content: Some(json!({
            "exit_code": exit_code,
            "timed_out": matches!(run.ending, Ending::TimedOut),
            "truncated_bytes": run.omitted,
        })),
        ..ToolOutput::text(text)
    }
}

fn seconds(duration: Duration) -> String {
    if duration.subsec_millis() == 0 {
        format!("{}s", duration.as_secs())
    } else {
        format!("{:.1}s", duration.as_secs_f64())
    }
}

/// The last `cap` bytes of a stream, and how many came before them.
struct Tail {
    cap: usize,
    bytes: Vec<u8>,
    dropped: u64,
}

impl Tail {
    fn new(cap: usize) -> Self {
        Self {
            cap,
            bytes: Vec::new(),
            dropped: 0,
        }
    }

    fn push(&mut self, data: &[u8]) {
        self.bytes.extend_from_slice(data);
        // Trimming only once the buffer doubles keeps the copying amortised.
        if self.bytes.len() > self.cap.saturating_mul(2).max(CHUNK) {
            self.trim();
        }
    }

    fn trim(&mut self) {
        let excess = self.bytes.len().saturating_sub(self.cap);
        if excess > 0 {
            self.bytes.drain(..excess);
            self.dropped += excess as u64;
        }
    }

    fn finish(mut self) -> (String, u64) {
        self.trim();
        if self.dropped > 0 {
            // The cut may fall inside a character: drop its continuation
            // bytes rather than show a replacement character.
            let partial = self
                .bytes
                .iter()
                .take(3)
                .take_while(|&&byte| byte & 0xC0 == 0x80)
                .count();
            self.bytes.drain(..partial);
            self.dropped += partial as u64;
        }
        (
            String::from_utf8_lossy(&self.bytes).into_owned(),
            self.dropped,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_keeps_the_end_and_counts_the_rest() {
        let mut tail = Tail::new(10);
        for _ in 0..10_000 {
            tail.push(b"0123456789");
        }
        tail.push(b"abc");
        let (text, dropped) = tail.finish();
        assert_eq!(text, "3456789abc");
        assert_eq!(dropped, 100_003 - 10);
    }

    #[test]
    fn tail_never_starts_inside_a_character() {
        let mut tail = Tail::new(4);
        tail.push("aé€".as_bytes()); // 1 + 2 + 3 bytes; a 4-byte tail cuts "é" in half
        let (text, dropped) = tail.finish();
        assert_eq!(text, "€");
        assert_eq!(dropped, 3);
    }

    #[test]
    fn short_output_is_untouched() {
        let mut tail = Tail::new(100);
        tail.push(b"hello\n");
        assert_eq!(tail.finish(), ("hello\n".to_owned(), 0));
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(seconds(Duration::from_secs(5)), "5s");
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5s");
    }
}
