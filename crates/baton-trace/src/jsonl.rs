//! Reading a trace from the JSON lines `baton run --json` writes.

use std::io::BufRead;

use baton_protocol::Envelope;

use crate::{Trace, TraceError};

/// Why a JSONL stream could not be read as a trace. Line numbers count from 1.
#[derive(Debug, thiserror::Error)]
pub enum JsonlError {
    #[error("cannot read line {line}: {source}")]
    Io {
        line: usize,
        #[source]
        source: std::io::Error,
    },
    #[error("line {line} is not a baton event: {source}")]
    Parse {
        line: usize,
        #[source]
        source: serde_json::Error,
    },
    #[error(
        "line {line} belongs to session {other}, the lines before to {first}; one trace is one session"
    )]
    MixedSessions {
        line: usize,
        first: String,
        other: String,
    },
    #[error(transparent)]
    Trace(#[from] TraceError),
}

/// A trace and what was odd about its input but did not stop it.
#[derive(Debug)]
pub struct Loaded {
    pub trace: Trace,
    pub warnings: Vec<String>,
}

/// Reads one session's events, one JSON object per line (blank lines are
/// skipped). A last line that does not parse is dropped with a warning
/// rather than failing: a run killed mid-write leaves exactly that.
pub fn read(reader: impl BufRead) -> Result<Loaded, JsonlError> {
    let mut events: Vec<Envelope> = Vec::new();
    let mut warnings = Vec::new();
    // A bad line is only fatal once another line follows it.
    let mut pending: Option<(usize, serde_json::Error)> = None;
    for (index, line) in reader.lines().enumerate() {
        let number = index + 1;
        let line = line.map_err(|source| JsonlError::Io {
            line: number,
            source,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        if let Some((line, source)) = pending.take() {
            return Err(JsonlError::Parse { line, source });
        }
        match serde_json::from_str::<Envelope>(&line) {
            Ok(envelope) => {
                if let Some(first) = events.first()
                    && first.session != envelope.session
                {
                    return Err(JsonlError::MixedSessions {
                        line: number,
                        first: first.session.to_string(),
                        other: envelope.session.to_string(),
                    });
                }
                events.push(envelope);
            }
            Err(source) => pending = Some((number, source)),
        }
    }
    if let Some((line, source)) = pending {
        if events.is_empty() {
            return Err(JsonlError::Parse { line, source });
        }
        warnings.push(format!(
            "ignored line {line}, the last, which is cut off or not an event ({source}); the run may have been killed"
        ));
    }
    if events
        .last()
        .is_some_and(|e| e.event.kind() != "session_finished")
    {
        warnings.push("the events stop before session_finished: the run was cut off, so totals cover only what was recorded".into());
    }
    let trace = Trace::from_events(events)?;
    Ok(Loaded { trace, warnings })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    const SPAWN: &str = r#"{"seq":0,"ts_ms":10,"session":"s","agent":"root","type":"agent_spawned","role":"main","model":"m"}"#;
    const TURN: &str =
        r#"{"seq":1,"ts_ms":11,"session":"s","agent":"root","type":"turn_started","turn":1}"#;

    #[test]
    fn a_cut_off_last_line_is_a_warning() {
        let input = format!("{SPAWN}\n{TURN}\n{{\"seq\":2,\"ts_ms\":1");
        let loaded = read(input.as_bytes()).unwrap();
        assert_eq!(loaded.trace.root.own.turns, 1);
        assert!(
            loaded.warnings[0].contains("line 3"),
            "{:?}",
            loaded.warnings
        );
        assert!(loaded.warnings[1].contains("session_finished"));
    }

    #[test]
    fn a_bad_line_in_the_middle_is_an_error_with_its_number() {
        let input = format!("{SPAWN}\n\nnot json\n{TURN}\n");
        let error = read(input.as_bytes()).unwrap_err();
        assert!(
            matches!(error, JsonlError::Parse { line: 3, .. }),
            "{error}"
        );
        assert!(error.to_string().starts_with("line 3 is not a baton event"));
    }

    #[test]
    fn two_sessions_in_one_file_are_refused() {
        let other = TURN.replace("\"s\"", "\"t\"");
        let input = format!("{SPAWN}\n{other}\n");
        let error = read(input.as_bytes()).unwrap_err();
        assert!(
            matches!(error, JsonlError::MixedSessions { line: 2, .. }),
            "{error}"
        );
    }

    #[test]
    fn nothing_is_an_error() {
        assert!(matches!(
            read("\n".as_bytes()).unwrap_err(),
            JsonlError::Trace(TraceError::Empty)
        ));
        assert!(matches!(
            read("garbage".as_bytes()).unwrap_err(),
            JsonlError::Parse { line: 1, .. }
        ));
    }
}
