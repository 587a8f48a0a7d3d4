#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;

const MODIFY: &str = "\
diff --git a/src/lib.rs b/src/lib.rs
index 1111111..2222222 100644
--- a/src/lib.rs
+++ b/src/lib.rs
@@ -1,4 +1,4 @@
 fn a() {}
--- not a header, a removed line
+++ not a header, an added line
 fn b() {}
 fn c() {}
";

#[test]
fn modified_file_lines_are_numbered_and_header_lookalikes_stay_lines() {
    let diff = parse_unified(MODIFY);
    assert_eq!(diff.files.len(), 1);
    let f = &diff.files[0];
    assert_eq!(f.path, "src/lib.rs");
    assert_eq!(f.status, Status::Modified);
    assert_eq!(f.language, Language::Rust);
    assert!(!f.is_test);
    assert_eq!(
        f.removed().collect::<Vec<_>>(),
        vec![(2, "-- not a header, a removed line")]
    );
    assert_eq!(
        f.added().collect::<Vec<_>>(),
        vec![(2, "++ not a header, an added line")]
    );
}

#[test]
fn added_deleted_renamed_and_binary_files() {
    let text = "\
diff --git a/tests/old.py b/tests/old.py
deleted file mode 100644
index 1111111..0000000
--- a/tests/old.py
+++ /dev/null
@@ -1,2 +0,0 @@
-def test_x():
-    assert f() == 1
diff --git a/new.go b/new.go
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/new.go
@@ -0,0 +1 @@
+package x
\\ No newline at end of file
diff --git a/src/a.ts b/src/b.ts
similarity index 90%
rename from src/a.ts
rename to src/b.ts
index 1111111..2222222 100644
--- a/src/a.ts
+++ b/src/b.ts
@@ -1 +1 @@
-export const a = 1;
+export const b = 1;
diff --git a/img.png b/img.png
index 1111111..2222222 100644
Binary files a/img.png and b/img.png differ
diff --git a/x.rs b/y.rs
similarity index 100%
rename from x.rs
rename to y.rs
";
    let diff = parse_unified(text);
    let statuses: Vec<_> = diff
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.status))
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("tests/old.py", Status::Deleted),
            ("new.go", Status::Added),
            ("src/b.ts", Status::Renamed),
            ("img.png", Status::Modified),
            ("y.rs", Status::Renamed),
        ]
    );
    assert!(diff.files[0].is_test);
    assert_eq!(diff.files[0].removed().count(), 2);
    assert_eq!(
        diff.files[1].added().collect::<Vec<_>>(),
        vec![(1, "package x")]
    );
    assert_eq!(diff.files[2].old_path.as_deref(), Some("src/a.ts"));
    assert_eq!(diff.files[2].language, Language::TypeScript);
    assert!(diff.files[3].skipped);
    assert_eq!(diff.skipped.len(), 1);
    assert_eq!(diff.skipped[0].file, "img.png");
    assert_eq!(diff.files[4].old_path.as_deref(), Some("x.rs"));
}

#[test]
fn quoted_paths_are_unquoted() {
    let text = "\
diff --git \"a/dir/caf\\303\\251 x.py\" \"b/dir/caf\\303\\251 x.py\"
index 1111111..2222222 100644
--- \"a/dir/caf\\303\\251 x.py\"
+++ \"b/dir/caf\\303\\251 x.py\"
@@ -1 +1 @@
-a = 1
+a = 2
";
    let diff = parse_unified(text);
    assert_eq!(diff.files[0].path, "dir/café x.py");
    assert_eq!(unquote("\"tab\\there\""), "tab\there");
    assert_eq!(unquote("plain"), "plain");
}

#[test]
fn paths_with_spaces_without_quotes() {
    let text = "\
diff --git a/my file.js b/my file.js
index 1111111..2222222 100644
Binary files a/my file.js and b/my file.js differ
";
    assert_eq!(parse_unified(text).files[0].path, "my file.js");
}

#[test]
fn huge_changes_are_skipped_and_reported() {
    let mut text = String::from("diff --git a/big.py b/big.py\n--- a/big.py\n+++ b/big.py\n");
    let n = MAX_CHANGED_LINES + 1;
    text.push_str(&format!("@@ -0,0 +1,{n} @@\n"));
    for i in 0..n {
        text.push_str(&format!("+x = {i}\n"));
    }
    let diff = parse_unified(&text);
    assert!(diff.files[0].skipped);
    assert!(diff.files[0].hunks.is_empty());
    assert!(diff.skipped[0].reason.contains("changed lines"));
}

#[test]
fn test_paths_by_convention() {
    for yes in [
        "tests/it.rs",
        "crates/x/tests/a.rs",
        "src/foo/tests.rs",
        "pkg/test_util.py",
        "pkg/util_test.py",
        "conftest.py",
        "x/y_test.go",
        "src/a.test.ts",
        "src/a.spec.jsx",
        "src/__tests__/a.js",
        "testdata/input.txt",
    ] {
        assert!(is_test_path(yes), "{yes} should be a test path");
    }
    for no in [
        "src/lib.rs",
        "src/latest.py",
        "src/contest.go",
        "src/testing_utils.ts",
        "src/test.ts",
        "attest/x.py",
        "README.md",
    ] {
        assert!(!is_test_path(no), "{no} should not be a test path");
    }
}

#[test]
fn rust_test_modules_are_found() {
    let src = "\
fn real() -> u32 { 1 }

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn t() {
        let s = \"}\"; // a brace in a string does not close the module
        assert_eq!(real(), 1);
    }
}

fn after() {}
#[cfg(test)]
mod more;
";
    assert_eq!(rust_test_regions(src), vec![(3, 11)]);
}

#[test]
fn rust_test_module_with_brace_on_next_line_and_single_items() {
    let src = "\
#[cfg(test)]
use std::fmt;
#[cfg(test)]
mod tests
{
    fn t() {}
}
fn real() {}
";
    assert_eq!(rust_test_regions(src), vec![(1, 2), (3, 7)]);
}
