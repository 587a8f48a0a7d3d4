//! Asking the person at the terminal whether a tool call may run.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};

use async_trait::async_trait;
use baton_agent::{Approval, ApprovalRequest, Approver};

use crate::render::summarize_input;

/// Prompts on the controlling terminal (`/dev/tty`), not stdin/stdout, so
/// approval works even when output is piped or in `--json` mode.
pub struct TerminalApprover;

impl TerminalApprover {
    /// Whether there is a terminal to ask on.
    pub fn available() -> bool {
        open_tty().is_ok()
    }
}

fn open_tty() -> std::io::Result<(File, File)> {
    let read = File::open("/dev/tty")?;
    let write = OpenOptions::new().write(true).open("/dev/tty")?;
    Ok((read, write))
}

#[async_trait]
impl Approver for TerminalApprover {
    async fn approve(&self, request: &ApprovalRequest) -> Approval {
        let tool = request.call.name.clone();
        let detail = summarize_input(&request.call.input);
        let full = serde_json::to_string_pretty(&request.call.input).unwrap_or_default();
        let asked = tokio::task::spawn_blocking(move || ask(&tool, &detail, &full)).await;
        match asked {
            Ok(Ok(approval)) => approval,
            Ok(Err(error)) => Approval::Deny {
                reason: Some(format!("could not ask for approval: {error}")),
            },
            Err(_) => Approval::Deny {
                reason: Some("the approval prompt failed".into()),
            },
        }
    }
}

fn ask(tool: &str, detail: &str, full_input: &str) -> std::io::Result<Approval> {
    let (read, mut write) = open_tty()?;
    let mut lines = BufReader::new(read);
    loop {
        write!(
            write,
            "? allow {tool} {detail}  [y]es / [n]o / [a]lways {tool} / [s]how input: "
        )?;
        write.flush()?;
        let mut answer = String::new();
        if lines.read_line(&mut answer)? == 0 {
            return Ok(Approval::Deny {
                reason: Some("the terminal closed".into()),
            });
        }
        match answer.trim().to_ascii_lowercase().as_str() {
            "y" | "yes" => return Ok(Approval::Approve),
            "a" | "always" => return Ok(Approval::ApproveTool),
            "n" | "no" | "" => return Ok(Approval::Deny { reason: None }),
            "s" | "show" => writeln!(write, "{full_input}")?,
            _ => writeln!(write, "answer y, n, a or s")?,
        }
    }
}
