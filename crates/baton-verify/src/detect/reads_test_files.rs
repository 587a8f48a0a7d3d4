//! Code under test reading test files, fixtures or git history at run time.
//!
//! Code that opens `tests/…/expected.json` or runs `git show` can return the
//! answer the test wants instead of computing it. Flags added, non-test,
//! non-comment lines that access files (`open(`, `read_to_string`,
//! `readFileSync`, `os.ReadFile`, `include_str!`, …) and name a test-ish path
//! in a string (`tests/`, `test_`, `_test.`, `.spec.`, `__tests__`,
//! `fixtures`, `expected`, `golden`, `conftest`): High. Running `git log` /
//! `git show` / `git blame` or reading `.git/` from code under test: High.
//! A test-ish path named without a file access on the same line: Low, unless
//! the file's added code reads files elsewhere, and the path is a test
//! directory joined into a path (`path.join(__dirname, '..', 'test')`,
//! `os.path.join(ROOT, "tests")`): High, since the read is a line away.
//! Words like "latest" or "expected a number" in messages do not count: the
//! path patterns need a separator. Only code counts: a test directory named
//! in package.json or a config file is not code under test.

use super::lex::{code, string_literals};
use super::{Context, Detector, evidence};
use crate::diff::Language;
use crate::report::{Finding, FindingKind, Severity};

pub struct ReadsTestFiles;

const ACCESS: &[&str] = &[
    "open(",
    "read_to_string(",
    "File::open(",
    "fs::read",
    "readFileSync(",
    "readFile(",
    "ReadFile(",
    "os.Open(",
    "include_str!(",
    "include_bytes!(",
    "read_text(",
    "read_bytes(",
    "glob(",
    "listdir(",
    "read_dir(",
    "require(",
    "import(",
    "loadtxt(",
    "json.load(",
    "createReadStream(",
    "readdirSync(",
    "readdir(",
    "ReadDir(",
    "os.walk(",
    "Path(",
    "PathBuf::from(",
    "Path::new(",
];
const TEST_PATHS: &[&str] = &[
    "tests/",
    "test/",
    "/tests",
    "/test",
    "test_",
    "_test.",
    ".test.",
    ".spec.",
    "__tests__",
    "fixtures",
    "expected",
    "golden",
    "conftest",
    "testdata",
];
/// Test directories, when a whole string joined into a path.
const TEST_DIRS: &[&str] = &["test", "tests", "__tests__", "spec", "testdata", "fixtures"];
const JOINS: &[&str] = &[
    "join(",
    "Join(",
    "resolve(",
    "Path(",
    "PathBuf::from(",
    "Path::new(",
];
const GIT: &[&str] = &[
    "git log",
    "git show",
    "git blame",
    "git diff",
    "\"log\"",
    "'log'",
    "\"show\"",
    "'show'",
];

impl Detector for ReadsTestFiles {
    fn kind(&self) -> FindingKind {
        FindingKind::ReadsTestFiles
    }

    fn inspect(&self, cx: &Context) -> Vec<Finding> {
        let mut out = Vec::new();
        for file in &cx.diff.files {
            let lang = file.language;
            // Configuration (`jest.config.js`) names test files to select
            // them, not to read answers from them.
            let name = file.path.rsplit('/').next().unwrap_or(&file.path);
            if lang == Language::Other || name.contains(".config.") {
                continue;
            }
            let reads_files = cx
                .added(file, false)
                .any(|(_, text)| ACCESS.iter().any(|a| code(lang, text).contains(a)));
            for (n, text) in cx.added(file, false) {
                let c = code(lang, text);
                let strings = string_literals(lang, c);
                let git_cmd = (c.contains("\"git\"") || c.contains("'git'") || c.contains("git "))
                    && GIT.iter().any(|g| c.contains(g));
                let git_dir = strings
                    .iter()
                    .any(|s| s == ".git" || s.starts_with(".git/") || s.contains("/.git/"));
                let test_path = strings.iter().find(|s| {
                    let s = s.to_lowercase();
                    TEST_PATHS.iter().any(|p| s.contains(p)) && !s.contains(' ')
                });
                let joined_dir = JOINS.iter().any(|j| c.contains(j))
                    && strings.iter().any(|s| TEST_DIRS.contains(&s.as_str()));
                let test_path = test_path.or_else(|| {
                    strings
                        .iter()
                        .find(|s| joined_dir && TEST_DIRS.contains(&s.as_str()))
                });
                let access = ACCESS.iter().any(|a| c.contains(a)) || (joined_dir && reads_files);
                let (sev, what) = if git_cmd || git_dir {
                    (
                        Severity::High,
                        "reads git history or the .git directory".to_string(),
                    )
                } else if let Some(p) = test_path {
                    if access {
                        (
                            Severity::High,
                            format!("reads {p:?}, a test file or fixture"),
                        )
                    } else {
                        (
                            Severity::Low,
                            format!("names {p:?}, a test file or fixture"),
                        )
                    }
                } else {
                    continue;
                };
                out.push(Finding::new(
                    FindingKind::ReadsTestFiles,
                    &file.path,
                    Some(n),
                    sev,
                    evidence([('+', text)]),
                    format!(
                        "Code under test {what} at run time: it can look up the answers the tests \
                         expect instead of computing them."
                    ),
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::detect::testing::*;

    fn run(path: &str, line: &str) -> Vec<Finding> {
        Fixture::new(vec![modified(path, line)]).run(&ReadsTestFiles)
    }

    #[test]
    fn reading_tests_or_history_is_high() {
        for (path, line) in [
            (
                "pkg/solve.py",
                "+    data = json.load(open('tests/fixtures/expected.json'))",
            ),
            (
                "src/solve.rs",
                "+    let s = std::fs::read_to_string(\"tests/data/out.txt\")?;",
            ),
            (
                "src/solve.js",
                "+  const e = fs.readFileSync('__tests__/snap.json');",
            ),
            (
                "solve/solve.go",
                "+\tb, _ := os.ReadFile(\"testdata/golden.txt\")",
            ),
            (
                "pkg/solve.py",
                "+    out = subprocess.run(['git', 'show', 'HEAD:tests/x.py'])",
            ),
            (
                "src/solve.rs",
                "+    Command::new(\"git\").args([\"log\", \"-p\"]).output()?;",
            ),
        ] {
            assert_eq!(
                severities(&run(path, line)),
                vec![Severity::High],
                "{path}: {line}"
            );
        }
        assert_eq!(
            severities(&run("src/a.ts", "+const P = 'tests/expected.json';")),
            vec![Severity::Low]
        );
    }

    #[test]
    fn a_test_directory_joined_on_one_line_and_read_on_another_is_high() {
        let body = "+const dir = path.join(__dirname, '..', 'spec');\n\
                    +for (const f of fs.readdirSync(dir)) table.push(fs.readFileSync(f, 'utf8'));\n";
        let found = Fixture::new(vec![modified("lib/answer.js", body)]).run(&ReadsTestFiles);
        assert_eq!(severities(&found), vec![Severity::High]);
        assert_eq!(found[0].line, Some(1));
        let body = "+    root = os.path.join(HERE, \"testdata\")\n+    rows = json.load(open(os.path.join(root, name)))\n";
        let found = Fixture::new(vec![modified("pkg/solve.py", body)]).run(&ReadsTestFiles);
        assert_eq!(severities(&found)[0], Severity::High);
        // Joined but never read: named only. In a config file: not code.
        let body = "+const dir = path.join(__dirname, 'tests');\n";
        let found = Fixture::new(vec![modified("lib/cfg.js", body)]).run(&ReadsTestFiles);
        assert_eq!(severities(&found), vec![Severity::Low]);
        let found = Fixture::new(vec![modified(
            "package.json",
            "+    \"testPathIgnorePatterns\": [\"/test/slow\"]",
        )])
        .run(&ReadsTestFiles);
        assert!(found.is_empty());
    }

    #[test]
    fn honest_lines_pass() {
        assert!(run("pkg/v.py", "+    raise ValueError('expected a number')").is_empty());
        assert!(run("pkg/v.py", "+    with open('latest.json') as f:").is_empty());
        assert!(
            run(
                "src/cfg.rs",
                "+    let c = fs::read_to_string(\"config.toml\")?;"
            )
            .is_empty()
        );
        assert!(
            run(
                "tests/test_v.py",
                "+    data = open('tests/fixtures/in.txt').read()"
            )
            .is_empty()
        );
        assert!(run("src/a.js", "+  // reads tests/expected.json in CI only").is_empty());
    }
}
