//! Conversation mode: `baton run` with no task reads messages and commands
//! from stdin, as one recorded session that `baton resume --chat` goes on
//! with.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use common::baton_in;
use serde_json::{Value, json};

fn script(dir: &Path, name: &str, replies: &[&str]) -> String {
    let turns: Vec<Value> = replies.iter().map(|text| json!({"text": text})).collect();
    let script = json!({"price": {"input": 3.0, "output": 15.0}, "turns": turns});
    let path = dir.join(name);
    std::fs::write(&path, script.to_string()).unwrap();
    format!("scripted:{}", path.display())
}

fn events(output: &std::process::Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
        .collect()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn of_type<'a>(events: &'a [Value], kind: &str) -> Vec<&'a Value> {
    events.iter().filter(|e| e["type"] == kind).collect()
}

#[test]
fn a_conversation_on_stdin_is_one_session_with_compaction_and_follow_ups() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    // Long answers, so there is an earlier exchange worth summarising;
    // `{{task}}` shows the first message of the context the model saw.
    let first = format!(
        "First answer. {}",
        "The workspace holds many files. ".repeat(60)
    );
    let second = format!("Second answer. {}", "Each file is small. ".repeat(60));
    let model = script(
        dir.path(),
        "chat.json",
        &[
            &first,
            &second,
            "The user asked to describe it.",
            "Seen: {{task}}",
        ],
    );
    let output = baton_in(dir.path(), home.path())
        .args(["run", "--json", "-p", "auto", "--model", &model])
        .write_stdin(
            "Describe it\nMore?\n\n/status\n/compact\nAnd then?\n/nonsense\n/exit\nNever sent\n",
        )
        .output()
        .unwrap();
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    let stream = events(&output);
    for (at, event) in stream.iter().enumerate() {
        assert_eq!(event["seq"], at as u64, "one record, no gaps");
    }

    let started = of_type(&stream, "session_started");
    assert_eq!(started.len(), 1);
    assert_eq!(started[0]["task"], "Describe it");
    let id = started[0]["session"].as_str().unwrap().to_owned();
    // /compact recorded a smaller context before the follow-up ran on it.
    let compacted = of_type(&stream, "compacted");
    assert_eq!(compacted.len(), 1, "{err}");
    assert!(compacted[0]["after_tokens"].as_u64() < compacted[0]["before_tokens"].as_u64());
    let resumed = of_type(&stream, "session_resumed");
    assert_eq!(resumed.len(), 2);
    assert_eq!(resumed[0]["follow_up"], "More?");
    assert_eq!(resumed[1]["follow_up"], "And then?");
    assert!(compacted[0]["seq"].as_u64() < resumed[1]["seq"].as_u64());
    // Nothing after /exit was sent.
    assert!(!String::from_utf8_lossy(&output.stdout).contains("Never sent"));
    let answers: Vec<&str> = of_type(&stream, "agent_finished")
        .into_iter()
        .map(|e| e["report"].as_str().unwrap())
        .collect();
    assert_eq!(answers.len(), 3);
    assert_eq!(answers[..2], [first.as_str(), second.as_str()]);
    // The follow-up after /compact ran on the summary, not the first answer.
    assert!(
        answers[2].starts_with("Seen: Describe it"),
        "{}",
        answers[2]
    );
    assert!(answers[2].contains("The user asked to describe it."));
    assert!(!answers[2].contains("The workspace holds many files"));
    // The last totals count every model call: three answers and the summary.
    let finished = of_type(&stream, "session_finished");
    assert_eq!(finished.len(), 3);
    assert_eq!(finished[2]["totals"]["turns"], 4);

    // The commands answered on stderr, so stdout stayed JSON.
    assert!(err.contains(&format!("session {id} ·")), "{err}");
    assert!(err.contains("context ~"), "{err}");
    assert!(err.contains("there is no /nonsense"), "{err}");
    assert!(err.contains(&format!("baton resume {id} --chat")), "{err}");

    // The store holds exactly what was streamed.
    let export = baton_in(dir.path(), home.path())
        .args(["sessions", "export", &id])
        .output()
        .unwrap();
    assert!(export.status.success(), "{}", stderr(&export));
    assert_eq!(events(&export), stream);

    // `baton resume ID --chat` goes on with the same conversation.
    let more = script(dir.path(), "more.json", &["Again: {{task}}"]);
    let again = baton_in(dir.path(), home.path())
        .args(["resume", &id, "--chat", "--json", "--model", &more])
        .write_stdin("Once more?\n")
        .output()
        .unwrap();
    assert!(again.status.success(), "{}", stderr(&again));
    let next = events(&again);
    assert_eq!(next[0]["type"], "session_resumed");
    assert_eq!(next[0]["follow_up"], "Once more?");
    assert_eq!(next[0]["seq"], stream.len() as u64);
    let last = next.last().unwrap();
    assert_eq!(last["type"], "session_finished");
    assert_eq!(last["totals"]["turns"], 5);
    // It went on from the compacted context, as the store recorded it.
    let answer = of_type(&next, "agent_finished")[0]["report"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(answer.starts_with("Again: Describe it"), "{answer}");
    assert!(
        answer.contains("The user asked to describe it."),
        "{answer}"
    );
}

#[test]
fn no_task_and_no_messages_is_a_usage_error_that_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let model = script(dir.path(), "chat.json", &["unused"]);
    let output = baton_in(dir.path(), home.path())
        .args(["run", "--json", "-p", "auto", "--model", &model])
        .write_stdin("\n/status\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("no task"), "{}", stderr(&output));
    assert!(events(&output).is_empty());
    assert!(
        stderr(&output).contains("nothing said yet"),
        "{}",
        stderr(&output)
    );
    let list = baton_in(dir.path(), home.path())
        .args(["sessions", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&list.stdout).unwrap(),
        json!([])
    );
}

#[test]
fn a_finished_session_without_a_follow_up_points_to_chat() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let model = script(dir.path(), "once.json", &["Done."]);
    let run = baton_in(dir.path(), home.path())
        .args(["run", "--json", "-p", "auto", "--model", &model, "Do it"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let again = baton_in(dir.path(), home.path())
        .args(["resume", "--last"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--chat"), "{}", stderr(&again));
}
