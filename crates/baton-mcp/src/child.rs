//! A stdio MCP server as a child process, owned the way baton needs it.
//!
//! rmcp's `TokioChildProcess` would do for a well-behaved server, but two
//! things it cannot be told to do matter to us:
//! - A server that sends an oversized message: rmcp drops the line, logs it
//!   and keeps waiting, so the call it answered would sit until its timeout.
//!   [`LineCap`] instead ends the connection with the reason, so the call
//!   fails at once with an error that says why, and the hub reconnects.
//! - Servers launched through wrappers (`npx`, `uvx`, `sh -c`) leave their
//!   real process behind when only the wrapper is killed. The child leads its
//!   own process group, and the whole group goes when the connection does.
//!
//! The framing itself stays rmcp's ([`AsyncRwTransport`]).

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use rmcp::RoleClient;
use std::process::Stdio;

use rmcp::service::{RxJsonRpcMessage, TxJsonRpcMessage};
use rmcp::transport::Transport;
use rmcp::transport::async_rw::AsyncRwTransport;
use tokio::io::{AsyncRead, ReadBuf};
use tokio::process::{Child, ChildStderr, ChildStdin, ChildStdout};

/// The largest single message accepted from a server: rmcp's own cap for
/// stdio and for SSE events, so both transports agree.
pub(crate) const MAX_MESSAGE_BYTES: usize = rmcp::transport::async_rw::DEFAULT_MAX_LINE_LENGTH;

/// How long a server gets to exit after its stdin closes, then after SIGTERM.
const EXIT_GRACE: Duration = Duration::from_secs(2);

/// Why baton itself closed a connection, for the error the caller sees.
#[derive(Clone, Default)]
pub(crate) struct CloseReason(Arc<Mutex<Option<String>>>);

impl CloseReason {
    fn set(&self, reason: String) {
        if let Ok(mut slot) = self.0.lock() {
            slot.get_or_insert(reason);
        }
    }

    pub fn get(&self) -> Option<String> {
        self.0.lock().ok().and_then(|slot| slot.clone())
    }
}

/// Passes bytes through, counting the length of the current line; a line
/// longer than `max` becomes a read error, which rmcp treats as the end of
/// the stream.
pub(crate) struct LineCap<R> {
    inner: R,
    line: usize,
    max: usize,
    reason: CloseReason,
}

impl<R> LineCap<R> {
    pub fn new(inner: R, max: usize, reason: CloseReason) -> Self {
        Self {
            inner,
            line: 0,
            max,
            reason,
        }
    }
}

impl<R: AsyncRead + Unpin> AsyncRead for LineCap<R> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                for &byte in &buf.filled()[before..] {
                    this.line = if byte == b'\n' { 0 } else { this.line + 1 };
                    if this.line > this.max {
                        let reason = format!(
                            "the server sent a message larger than {} MiB, so baton closed the connection",
                            this.max / (1024 * 1024)
                        );
                        this.reason.set(reason.clone());
                        return Poll::Ready(Err(std::io::Error::new(
                            std::io::ErrorKind::InvalidData,
                            reason,
                        )));
                    }
                }
                Poll::Ready(Ok(()))
            }
            other => other,
        }
    }
}

/// The child's process group, killed when dropped.
struct Group(Option<u32>);

impl Group {
    fn signal(&self, signal: libc::c_int) {
        let Some(pgid) = self.0.and_then(|id| libc::pid_t::try_from(id).ok()) else {
            return;
        };
        // 0 would mean our own group and 1 is never our child.
        if pgid > 1 {
            signal_group(pgid, signal);
        }
    }
}

#[allow(unsafe_code)]
fn signal_group(pgid: libc::pid_t, signal: libc::c_int) {
    // SAFETY: killpg takes two integers and only sends a signal; it touches
    // no memory of ours. `pgid` is our child's pid, which is its own
    // process-group id (process_group(0) at spawn), so only that group is
    // hit. ESRCH once the group is gone needs no handling.
    let _ = unsafe { libc::killpg(pgid, signal) };
}

impl Drop for Group {
    fn drop(&mut self) {
        self.signal(libc::SIGKILL);
    }
}

pub(crate) struct ChildTransport {
    rw: AsyncRwTransport<RoleClient, LineCap<ChildStdout>, ChildStdin>,
    child: Child,
    group: Group,
    reason: CloseReason,
}

impl ChildTransport {
    /// Spawns `command` with piped stdin, stdout and stderr, in its own
    /// process group; the caller gets the stderr to read.
    pub fn spawn(
        mut command: tokio::process::Command,
        reason: CloseReason,
    ) -> std::io::Result<(Self, Option<ChildStderr>)> {
        command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0)
            .kill_on_drop(true);
        let mut child = command.spawn()?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(std::io::Error::other("the child's stdio was not piped"));
        };
        let stderr = child.stderr.take();
        let group = Group(child.id());
        let rw = AsyncRwTransport::new(
            LineCap::new(stdout, MAX_MESSAGE_BYTES, reason.clone()),
            stdin,
        );
        Ok((
            Self {
                rw,
                child,
                group,
                reason,
            },
            stderr,
        ))
    }
}

impl Transport<RoleClient> for ChildTransport {
    type Error = std::io::Error;

    fn send(
        &mut self,
        item: TxJsonRpcMessage<RoleClient>,
    ) -> impl Future<Output = Result<(), Self::Error>> + Send + 'static {
        self.rw.send(item)
    }

    fn receive(&mut self) -> impl Future<Output = Option<RxJsonRpcMessage<RoleClient>>> + Send {
        self.rw.receive()
    }

    /// The stdio shutdown the MCP specification describes: close the
    /// server's stdin and let it exit, then SIGTERM, then SIGKILL.
    /// A server baton cut off for breaking the protocol gets no grace.
    async fn close(&mut self) -> Result<(), Self::Error> {
        let closed = self.rw.close().await;
        if self.reason.get().is_some() {
            self.group.signal(libc::SIGKILL);
        } else if tokio::time::timeout(EXIT_GRACE, self.child.wait())
            .await
            .is_err()
        {
            self.group.signal(libc::SIGTERM);
            if tokio::time::timeout(EXIT_GRACE, self.child.wait())
                .await
                .is_err()
            {
                self.group.signal(libc::SIGKILL);
                let _ = self.child.wait().await;
            }
        }
        // Whatever the server left running in its group goes with it.
        self.group.signal(libc::SIGKILL);
        closed
    }
}
