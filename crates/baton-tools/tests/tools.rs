//! The registry, argument handling, and the file tools, driven through
//! `builtin_tools` the way the agent calls them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use base64::Engine as _;
use baton_protocol::ToolResultContent;
use baton_tools::Toolbox;
use common::{env, err, ok};
use serde_json::{Value, json};

#[tokio::test]
async fn every_builtin_tool_has_a_strict_object_schema() {
    let env = env();
    let names: Vec<String> = env
        .tools
        .specs()
        .into_iter()
        .map(|spec| spec.name)
        .collect();
    assert_eq!(
        names,
        [
            "read_file",
            "write_file",
            "edit_file",
            "list",
            "glob",
            "grep",
            "shell"
        ]
    );
    for spec in env.tools.specs() {
        let schema = &spec.input_schema;
        assert_eq!(schema["type"], "object", "{}", spec.name);
        assert_eq!(schema["additionalProperties"], false, "{}", spec.name);
        assert!(schema["properties"].is_object(), "{}", spec.name);
        for required in schema["required"].as_array().unwrap() {
            let field = required.as_str().unwrap();
            assert!(
                schema["properties"].get(field).is_some(),
                "{}: {field}",
                spec.name
            );
        }
        assert!(
            spec.description.len() > 80,
            "{} needs a real description",
            spec.name
        );
        let read_only = ["read_file", "list", "glob", "grep"].contains(&spec.name.as_str());
        assert_eq!(spec.annotations.is_read_only(), read_only, "{}", spec.name);
    }
    let edit = env.tools.spec("edit_file").unwrap().annotations;
    assert!(edit.is_destructive() && !edit.is_idempotent());
    let write = env.tools.spec("write_file").unwrap().annotations;
    assert!(write.is_destructive() && write.is_idempotent());
}

#[tokio::test]
async fn unknown_tools_and_bad_arguments_are_explained() {
    let env = env();
    let text = err(&env.call("frobnicate", json!({})).await);
    assert!(text.contains("unknown tool `frobnicate`"), "{text}");
    assert!(
        text.contains("read_file") && text.contains("shell"),
        "{text}"
    );

    let text = err(&env.call("read_file", json!({"path": 5})).await);
    assert!(text.contains("invalid arguments for `read_file`"), "{text}");
    assert!(text.contains("invalid type"), "{text}");

    let text = err(&env
        .call("read_file", json!({"path": "a", "lines": 3}))
        .await);
    assert!(text.contains("unknown field `lines`"), "{text}");

    let text = err(&env.call("grep", json!({})).await);
    assert!(text.contains("missing field `pattern`"), "{text}");

    let text = err(&env
        .call("write_file", Value::String("{\"path\": ".into()))
        .await);
    assert!(text.contains("not valid JSON"), "{text}");
}

fn numbered(count: usize) -> String {
    (1..=count).map(|n| format!("line {n}\n")).collect()
}

#[tokio::test]
async fn read_file_numbers_lines_and_pages() {
    let env = env();
    env.write("ten.txt", numbered(10));

    let text = ok(&env.call("read_file", json!({"path": "ten.txt"})).await);
    assert!(text.starts_with(" 1\tline 1\n 2\tline 2\n"), "{text}");
    assert!(text.ends_with("10\tline 10"), "{text}");
    assert!(
        !text.contains("offset="),
        "a complete read needs no paging note: {text}"
    );

    let text = ok(&env
        .call(
            "read_file",
            json!({"path": "ten.txt", "offset": 3, "limit": 2}),
        )
        .await);
    assert_eq!(
        text,
        "3\tline 3\n4\tline 4\n[lines 3-4 of 10; call again with offset=5 to read more]"
    );

    let text = ok(&env
        .call("read_file", json!({"path": "ten.txt", "offset": 9}))
        .await);
    assert_eq!(text, " 9\tline 9\n10\tline 10");

    let text = err(&env
        .call("read_file", json!({"path": "ten.txt", "offset": 11}))
        .await);
    assert!(text.contains("offset 11 is past the end"), "{text}");
    assert!(text.contains("has 10 lines"), "{text}");
}

#[tokio::test]
async fn read_file_pages_through_a_long_file_by_default() {
    let env = env();
    env.write("long.txt", numbered(5123));
    let text = ok(&env.call("read_file", json!({"path": "long.txt"})).await);
    assert_eq!(text.lines().count(), 2001);
    assert!(text.ends_with("[lines 1-2000 of 5123; call again with offset=2001 to read more]"));
}

#[tokio::test]
async fn read_file_handles_odd_files() {
    let env = env();
    env.write("empty.txt", "");
    let text = ok(&env.call("read_file", json!({"path": "empty.txt"})).await);
    assert!(text.contains("is empty"), "{text}");

    env.write("crlf.txt", "a\r\nb\r\n");
    assert_eq!(
        ok(&env.call("read_file", json!({"path": "crlf.txt"})).await),
        "1\ta\n2\tb"
    );

    env.write("wide.txt", format!("{}\nshort\n", "x".repeat(5000)));
    let text = ok(&env.call("read_file", json!({"path": "wide.txt"})).await);
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with(&format!("1\t{}…", "x".repeat(2000))),
        "{first}"
    );
    assert!(
        first.contains("line truncated") && first.len() < 2100,
        "{first}"
    );
    assert!(text.contains("2\tshort"), "{text}");

    env.write("blob.bin", b"abc\0def\ntext");
    let text = err(&env.call("read_file", json!({"path": "blob.bin"})).await);
    assert!(text.contains("binary"), "{text}");

    env.write("latin1.txt", b"caf\xe9\n");
    let text = err(&env.call("read_file", json!({"path": "latin1.txt"})).await);
    assert!(text.contains("not valid UTF-8"), "{text}");

    std::fs::create_dir(env.path("sub")).unwrap();
    let text = err(&env.call("read_file", json!({"path": "sub"})).await);
    assert!(
        text.contains("directory") && text.contains("`list`"),
        "{text}"
    );

    let text = err(&env.call("read_file", json!({"path": "nope.txt"})).await);
    assert!(text.contains("`nope.txt` does not exist"), "{text}");
}

#[tokio::test]
async fn read_file_returns_images_as_images() {
    let env = env();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    env.write("pixel.png", png);
    let output = env.call("read_file", json!({"path": "pixel.png"})).await;
    ok(&output);
    let image = output.content.iter().find_map(|part| match part {
        ToolResultContent::Image { source } => Some(source),
        ToolResultContent::Text { .. } => None,
    });
    let source = image.expect("an image part");
    assert_eq!(source.media_type, "image/png");
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(&source.data)
        .unwrap();
    assert_eq!(decoded, png);

    // Named like an image but not one (a git-LFS pointer): read as text.
    env.write("lfs.png", "version https://git-lfs.github.com/spec/v1\n");
    let text = ok(&env.call("read_file", json!({"path": "lfs.png"})).await);
    assert!(text.starts_with("1\tversion https://git-lfs"), "{text}");

    // Too large to send.
    let mut huge = png.to_vec();
    huge.resize(5 * 1024 * 1024 + 1, 0);
    env.write("huge.png", huge);
    let text = err(&env.call("read_file", json!({"path": "huge.png"})).await);
    assert!(text.contains("5 MiB"), "{text}");
}

#[tokio::test]
async fn write_file_creates_directories_and_reports_what_it_did() {
    let env = env();
    let text = ok(&env
        .call(
            "write_file",
            json!({"path": "a/b/c.txt", "content": "x\ny\n"}),
        )
        .await);
    assert_eq!(text, "Created `a/b/c.txt` (4 bytes, 2 lines).");
    assert_eq!(env.read("a/b/c.txt"), "x\ny\n");

    let text = ok(&env
        .call("write_file", json!({"path": "a/b/c.txt", "content": "z"}))
        .await);
    assert_eq!(text, "Overwrote `a/b/c.txt` (1 byte, 1 line).");
    assert_eq!(env.read("a/b/c.txt"), "z");

    let text = err(&env
        .call("write_file", json!({"path": "a/b", "content": "z"}))
        .await);
    assert!(text.contains("is a directory"), "{text}");
    assert!(env.path("a/b").is_dir());
}

#[cfg(unix)]
#[tokio::test]
async fn file_tools_stay_inside_the_workspace() {
    let env = env();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret\n").unwrap();
    std::os::unix::fs::symlink(outside.path(), env.path("link")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), env.path("alias.txt")).unwrap();

    let escape_name = format!(
        "{}-escape.txt",
        env.dir.path().file_name().unwrap().to_string_lossy()
    );
    let escape = format!("../{escape_name}");
    let text = err(&env
        .call("write_file", json!({"path": escape, "content": "x"}))
        .await);
    assert!(text.contains("outside the workspace"), "{text}");
    assert!(!env.dir.path().parent().unwrap().join(&escape_name).exists());

    for path in ["link/new.txt", "alias.txt"] {
        let text = err(&env
            .call("write_file", json!({"path": path, "content": "pwned"}))
            .await);
        assert!(text.contains("symlink"), "{path}: {text}");
    }
    assert!(!outside.path().join("new.txt").exists());
    assert_eq!(
        std::fs::read_to_string(outside.path().join("secret.txt")).unwrap(),
        "secret\n"
    );

    let text = err(&env
        .call("read_file", json!({"path": "link/secret.txt"}))
        .await);
    assert!(text.contains("symlink"), "{text}");
    let edit = json!({"path": "alias.txt", "old_string": "secret", "new_string": "pwned"});
    err(&env.call("edit_file", edit).await);
    assert_eq!(
        std::fs::read_to_string(outside.path().join("secret.txt")).unwrap(),
        "secret\n"
    );
    let text = err(&env
        .call("read_file", json!({"path": "/etc/hostname"}))
        .await);
    assert!(text.contains("outside the workspace"), "{text}");
}

async fn edit(env: &common::Env, input: Value) -> baton_protocol::ToolOutput {
    env.call("edit_file", input).await
}

#[tokio::test]
async fn edit_file_replaces_a_unique_string() {
    let env = env();
    env.write("f.rs", "fn a() {}\nfn b() {}\nfn c() {}\n");
    let output = edit(
        &env,
        json!({"path": "f.rs", "old_string": "fn b() {}", "new_string": "fn b() {\n    c();\n}"}),
    )
    .await;
    let text = ok(&output);
    assert_eq!(
        env.read("f.rs"),
        "fn a() {}\nfn b() {\n    c();\n}\nfn c() {}\n"
    );
    assert!(
        text.starts_with("Edited `f.rs`: replaced 1 occurrence at line 2."),
        "{text}"
    );
    assert!(
        text.contains("1\tfn a() {}\n2\tfn b() {\n3\t    c();\n4\t}\n5\tfn c() {}"),
        "{text}"
    );
}

#[tokio::test]
async fn edit_file_refuses_ambiguous_missing_and_pointless_edits() {
    let env = env();
    let original = "let x = 1;\nlet y = 2;\nlet x = 1;\n";
    env.write("f.rs", original);

    let text = err(&edit(
        &env,
        json!({"path": "f.rs", "old_string": "let x = 1;", "new_string": "let x = 3;"}),
    )
    .await);
    assert!(text.contains("occurs 2 times"), "{text}");
    assert!(text.contains("lines 1, 3"), "{text}");
    assert!(text.contains("replace_all"), "{text}");

    let text = err(&edit(
        &env,
        json!({"path": "f.rs", "old_string": "let z = 9;", "new_string": "q"}),
    )
    .await);
    assert!(text.contains("not found"), "{text}");

    let text = err(&edit(
        &env,
        json!({"path": "f.rs", "old_string": "let  y =\n2;", "new_string": "q"}),
    )
    .await);
    assert!(text.contains("whitespace"), "{text}");

    let text = err(&edit(
        &env,
        json!({"path": "f.rs", "old_string": "let y = 2;", "new_string": "let y = 2;"}),
    )
    .await);
    assert!(text.contains("identical"), "{text}");

    let text = err(&edit(
        &env,
        json!({"path": "f.rs", "old_string": "", "new_string": "x"}),
    )
    .await);
    assert!(text.contains("old_string is empty"), "{text}");

    assert_eq!(
        env.read("f.rs"),
        original,
        "failed edits must leave the file alone"
    );

    let text = err(&edit(
        &env,
        json!({"path": "new.rs", "old_string": "a", "new_string": "b"}),
    )
    .await);
    assert!(
        text.contains("does not exist") && text.contains("write_file"),
        "{text}"
    );
    assert!(!env.path("new.rs").exists());
}

#[tokio::test]
async fn edit_file_replace_all_changes_every_occurrence() {
    let env = env();
    env.write("f.txt", "a-a\nb\na\n");
    let output = edit(
        &env,
        json!({"path": "f.txt", "old_string": "a", "new_string": "A", "replace_all": true}),
    )
    .await;
    let text = ok(&output);
    assert_eq!(env.read("f.txt"), "A-A\nb\nA\n");
    assert!(
        text.contains("replaced 3 occurrences at lines 1, 3."),
        "{text}"
    );
    // One snippet per edited place, not per replacement.
    assert!(text.ends_with("1\tA-A\n2\tb\n3\tA"), "{text}");
    assert_eq!(text.matches("1\tA-A").count(), 1, "{text}");
}

#[tokio::test]
async fn edit_file_keeps_crlf_line_endings() {
    let env = env();
    env.write("win.txt", "one\r\ntwo\r\nthree\r\n");
    let output = edit(
        &env,
        json!({"path": "win.txt", "old_string": "one\ntwo\n", "new_string": "1\n2\n"}),
    )
    .await;
    let text = ok(&output);
    assert_eq!(env.read("win.txt"), "1\r\n2\r\nthree\r\n");
    assert!(text.contains("CRLF"), "{text}");
}
