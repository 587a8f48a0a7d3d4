//! Exits that end the test harness early, added to code under test.
//!
//! A process that exits with status 0 in the middle of a test run reports
//! success for every test it never ran. Flags added, non-test, non-comment
//! lines calling `sys.exit(0)`/`sys.exit()`/`exit(0)`/`quit()`/`os._exit`,
//! `raise SystemExit` (Python), `process::exit(0)`/`process::abort()` (Rust),
//! `process.exit(0)`/`process.exit()` (JS), `os.Exit(0)` (Go). An exit with a
//! failure status cannot fake a pass and is ignored. Entry points (`main.rs`,
//! `src/bin/`, `__main__.py`, Go `package main`, code after
//! `if __name__ == "__main__":`, JS files with a node shebang) exit for a
//! living: there it is Low.

use super::lex::code;
use super::{Context, Detector, evidence};
use crate::diff::{FileChange, Language};
use crate::report::{Finding, FindingKind, Severity};

pub struct HarnessExit;

impl Detector for HarnessExit {
    fn kind(&self) -> FindingKind {
        FindingKind::HarnessExit
    }

    fn inspect(&self, cx: &Context) -> Vec<Finding> {
        let mut out = Vec::new();
        for file in &cx.diff.files {
            let after = (cx.after_file)(&file.path);
            for (n, text) in cx.added(file, false) {
                let Some((call, sev)) = exit_call(file.language, code(file.language, text)) else {
                    continue;
                };
                let entry = is_entry_point(file, after.as_deref(), n);
                let sev = if entry { Severity::Low } else { sev };
                let why = if entry {
                    "It is in a program's entry point, where exiting is normal, but check it \
                     does not cut a test run short."
                } else {
                    "Exiting from code under test ends the test process early with a success \
                     status, so the tests that did not run look as if they passed."
                };
                out.push(Finding::new(
                    FindingKind::HarnessExit,
                    &file.path,
                    Some(n),
                    sev,
                    evidence([('+', text)]),
                    format!("The change adds `{call}`. {why}"),
                ));
            }
        }
        out
    }
}

fn exit_call(lang: Language, c: &str) -> Option<(&'static str, Severity)> {
    let zero = |arg: Option<&str>| matches!(arg.map(str::trim), Some("") | Some("0") | None);
    let arg_of = |name: &str| {
        c.find(name).map(|i| {
            let rest = &c[i + name.len()..];
            &rest[..rest.find(')').unwrap_or(rest.len())]
        })
    };
    match lang {
        Language::Python => {
            if c.contains("os._exit(") {
                return Some(("os._exit", Severity::High));
            }
            if c.contains("raise SystemExit") {
                let arg = c
                    .split_once("SystemExit")
                    .map(|(_, r)| r.trim_matches(|ch| ch == '(' || ch == ')' || ch == ' '));
                return zero(arg).then_some(("raise SystemExit", Severity::High));
            }
            for name in ["sys.exit(", "quit(", "exit("] {
                if let Some(arg) = arg_of(name) {
                    let bare = name != "exit(" || call_boundary(c, name);
                    if bare && zero(Some(arg)) {
                        return Some(("sys.exit(0)", Severity::High));
                    }
                    if bare && name == "sys.exit(" && arg.contains("main(") {
                        return None;
                    }
                }
            }
            None
        }
        Language::Rust => {
            if c.contains("process::abort()") {
                return Some(("std::process::abort()", Severity::Medium));
            }
            let arg = arg_of("process::exit(")?;
            zero(Some(arg)).then_some(("std::process::exit(0)", Severity::High))
        }
        Language::JavaScript | Language::TypeScript => {
            if let Some(arg) = arg_of("process.exit(") {
                return zero(Some(arg)).then_some(("process.exit(0)", Severity::High));
            }
            c.contains("process.kill(process.pid")
                .then_some(("process.kill(process.pid)", Severity::Medium))
        }
        Language::Go => {
            let arg = arg_of("os.Exit(")?;
            zero(Some(arg)).then_some(("os.Exit(0)", Severity::High))
        }
        Language::Other => None,
    }
}

/// `exit(` as a call of its own, not `sys.exit(` or `atexit(`.
fn call_boundary(c: &str, name: &str) -> bool {
    c.match_indices(name).any(|(i, _)| {
        i == 0 || {
            let b = c.as_bytes()[i - 1];
            !(b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
        }
    })
}

fn is_entry_point(file: &FileChange, after: Option<&str>, line: u32) -> bool {
    let p = file.path.as_str();
    match file.language {
        Language::Rust => {
            p.ends_with("main.rs") || p.contains("src/bin/") || p.starts_with("build.rs")
        }
        Language::Python => {
            p.ends_with("__main__.py")
                || after.is_some_and(|c| {
                    c.lines()
                        .take(line as usize)
                        .any(|l| l.starts_with("if __name__ =="))
                })
        }
        Language::Go => after.is_some_and(|c| c.lines().any(|l| l.trim() == "package main")),
        Language::JavaScript | Language::TypeScript => {
            p.starts_with("bin/")
                || p.contains("/bin/")
                || after.is_some_and(|c| c.starts_with("#!"))
        }
        Language::Other => false,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::detect::testing::*;

    fn run(path: &str, body: &str) -> Vec<Finding> {
        Fixture::new(vec![modified(path, body)]).run(&HarnessExit)
    }

    #[test]
    fn exits_in_library_code_are_high() {
        for (path, line) in [
            ("pkg/calc.py", "+    sys.exit(0)"),
            ("pkg/calc.py", "+    os._exit(1)"),
            ("pkg/calc.py", "+    exit()"),
            ("pkg/calc.py", "+    raise SystemExit"),
            ("src/calc.rs", "+    std::process::exit(0);"),
            ("src/calc.js", "+  process.exit(0);"),
            ("src/calc.ts", "+  process.exit();"),
            ("calc/calc.go", "+\tos.Exit(0)"),
        ] {
            assert_eq!(
                severities(&run(path, line)),
                vec![Severity::High],
                "{path}: {line}"
            );
        }
        assert_eq!(
            severities(&run("src/calc.rs", "+    std::process::abort();")),
            vec![Severity::Medium]
        );
    }

    #[test]
    fn entry_points_are_low() {
        let fx = Fixture::new(vec![modified(
            "tool/cli.py",
            " import sys\n if __name__ == \"__main__\":\n+    sys.exit(0)",
        )])
        .after(
            "tool/cli.py",
            "import sys\nif __name__ == \"__main__\":\n    sys.exit(0)\n",
        );
        assert_eq!(severities(&fx.run(&HarnessExit)), vec![Severity::Low]);
        assert_eq!(
            severities(&run("src/main.rs", "+    std::process::exit(0);")),
            vec![Severity::Low]
        );
    }

    #[test]
    fn honest_exits_are_not_flagged() {
        assert!(run("pkg/cli.py", "+    sys.exit(main())").is_empty());
        assert!(run("pkg/cli.py", "+    sys.exit(1)").is_empty());
        assert!(run("src/main.rs", "+    std::process::exit(2);").is_empty());
        assert!(run("src/a.js", "+  atexit(cleanup)").is_empty());
        assert!(run("pkg/calc.py", "+    # sys.exit(0) would hide failures").is_empty());
        // In test code an exit is not a change to the code under test.
        assert!(run("tests/test_x.py", "+    sys.exit(0)").is_empty());
    }
}
