//! Conversation mode: `baton run` with no task, `baton run --resume ID`
//! with none, or `baton resume ID --chat`. Each line on stdin is a message
//! to the same agent in the same session, so the context, the budgets and
//! the record carry on; lines that start with `/` are commands.

use std::io::{BufRead, IsTerminal, Write};

use baton_agent::{context_chars, estimate_tokens};
use tokio::signal::unix::Signal;

use crate::cli::RunArgs;
use crate::compact::{Forced, compact_now};
use crate::exit;
use crate::prepare::{Prepared, Turn};

const HELP: &str = "\
/compact   summarise the conversation so far into a smaller context
/status    the session, its model, the context's size and what it has cost
/help      this list
/exit      end the conversation (so do Ctrl-D and, at the prompt, Ctrl-C)
Anything else is a message to the agent.";

/// What a line asks for.
#[derive(Debug, PartialEq, Eq)]
enum Command<'a> {
    Message(&'a str),
    Compact,
    Status,
    Help,
    Exit,
    Unknown(&'a str),
    Blank,
}

impl<'a> Command<'a> {
    fn parse(line: &'a str) -> Self {
        let line = line.trim();
        if line.is_empty() {
            return Command::Blank;
        }
        // `//text` sends `/text`, for a message that must start with a slash.
        if let Some(text) = line.strip_prefix("//") {
            return Command::Message(&line[line.len() - text.len() - 1..]);
        }
        let Some(command) = line.strip_prefix('/') else {
            return Command::Message(line);
        };
        match command.split_whitespace().next().unwrap_or_default() {
            "compact" => Command::Compact,
            "status" => Command::Status,
            "help" | "?" => Command::Help,
            "exit" | "quit" | "q" => Command::Exit,
            name => Command::Unknown(name),
        }
    }
}

/// Reads messages until the input ends or the person leaves; `code` is the
/// exit code so far, and the last message's outcome is the one returned.
pub async fn converse(
    session: &mut Prepared,
    args: &RunArgs,
    interrupts: &mut Signal,
    mut code: u8,
) -> u8 {
    // The prompt goes to stderr, and only for a person at a terminal:
    // piped input gets clean output, and --json output stays JSON.
    let prompt = std::io::stdin().is_terminal() && !args.json;
    if prompt {
        errln!(
            "baton · session {} · type a message; /help for commands, Ctrl-D to end",
            session.bus.session()
        );
    }
    loop {
        let Some(line) = next_line(prompt, interrupts).await else {
            break;
        };
        match Command::parse(&line) {
            Command::Blank => {}
            Command::Help => errln!("{HELP}"),
            Command::Exit => break,
            Command::Unknown(name) => {
                errln!("baton: there is no /{name}; /help lists the commands")
            }
            Command::Status => errln!("{}", status(session)),
            Command::Compact => {
                if let Some(message) = compact(session).await {
                    errln!("{message}");
                }
            }
            Command::Message(text) => {
                // Before the first message there is no session to continue.
                let turn = if session.live.started() {
                    Turn::Continue(Some(text.to_owned()))
                } else {
                    Turn::Start(text.to_owned())
                };
                code = crate::run::run_turn(session, turn, args, interrupts).await;
                if code == exit::USAGE {
                    break;
                }
            }
        }
    }
    if session.live.started() {
        errln!(
            "baton · session {id} saved; continue it with: baton resume {id} --chat",
            id = session.bus.session()
        );
    } else if !prompt {
        // `baton run` in a script, with the task forgotten: say so, as the
        // missing argument used to.
        errln!("baton: no task: give one (baton run \"TASK\"), or messages on stdin, one per line");
        return exit::USAGE;
    }
    code
}

/// The next line of input: `None` at its end, or when Ctrl-C is pressed at
/// the prompt.
async fn next_line(prompt: bool, interrupts: &mut Signal) -> Option<String> {
    if prompt {
        let mut err = std::io::stderr();
        let _ = write!(err, "› ");
        let _ = err.flush();
    }
    // One line at a time, and only while no run is going: an approval
    // prompt reads the same terminal, and must get its own answer.
    let read = tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map(|n| (n > 0).then_some(line))
    });
    tokio::select! {
        read = read => match read {
            Ok(Ok(line)) => line,
            Ok(Err(error)) => {
                errln!("baton: cannot read the next message: {error}");
                None
            }
            Err(_) => None,
        },
        _ = interrupts.recv() => {
            if prompt {
                errln!();
            }
            None
        }
    }
}

/// `/status`: one line about the session so far.
fn status(session: &Prepared) -> String {
    let id = session.bus.session();
    let model = &session.model.info().name;
    let Ok(log) = session.live.snapshot() else {
        return format!("session {id} · {model} · nothing said yet");
    };
    let Some(root) = log.root_agent() else {
        return format!("session {id} · {model}");
    };
    let delegated = log.delegated_totals();
    let usd = root.cost.total_usd + delegated.cost.total_usd;
    let turns = root.turns + delegated.turns;
    let context = estimate_tokens(context_chars(&root.messages));
    let calls = if turns == 1 { "call" } else { "calls" };
    let cost = if session.model.info().price.is_some() {
        format!("${usd:.4}")
    } else {
        "cost unknown (no price for this model)".to_owned()
    };
    format!(
        "session {id} · {model} · context ~{} tokens in {} messages · {turns} model {calls} · {cost}",
        baton_trace::text::thousands(context),
        root.messages.len(),
    )
}

/// `/compact`: compacts the agent's context now, and records it on the
/// bus, so the terminal shows it, the store keeps it and the next message
/// starts from it. Returns what to tell the person, if the events do not.
async fn compact(session: &Prepared) -> Option<String> {
    let log = match session.live.snapshot() {
        Ok(log) => log,
        Err(_) => return Some("baton: there is nothing to compact yet".into()),
    };
    let root = log.root_agent()?;
    let settings = crate::run::compaction(&session.config).unwrap_or_default();
    match compact_now(session.model.as_ref(), &root.messages, &settings).await {
        Ok(Forced::Done { events, .. }) => {
            for event in events {
                session.bus.emit(&session.root, None, event);
            }
            match session.bus.sync().await {
                Ok(()) => None,
                Err(error) => Some(format!("baton: the session store failed: {error}")),
            }
        }
        Ok(Forced::Unchanged { tokens }) => Some(format!(
            "baton: the context was left as it was: compacting would not make it ({} tokens) smaller",
            baton_trace::text::thousands(tokens)
        )),
        Err(error) => Some(format!("baton: cannot compact: {error}")),
    }
}

#[cfg(test)]
mod tests {
    use super::Command;

    #[test]
    fn lines_are_messages_unless_they_name_a_command() {
        assert_eq!(
            Command::parse("  fix the build \n"),
            Command::Message("fix the build")
        );
        assert_eq!(Command::parse("/compact"), Command::Compact);
        assert_eq!(Command::parse(" /status now"), Command::Status);
        assert_eq!(Command::parse("/quit"), Command::Exit);
        assert_eq!(Command::parse("/?"), Command::Help);
        assert_eq!(
            Command::parse("/frobnicate"),
            Command::Unknown("frobnicate")
        );
        assert_eq!(
            Command::parse("//etc/hosts is odd"),
            Command::Message("/etc/hosts is odd")
        );
        assert_eq!(Command::parse("   "), Command::Blank);
    }
}
