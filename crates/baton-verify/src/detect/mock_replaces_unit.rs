//! Mocks that replace the unit under test.
//!
//! A test that patches the very function it imports to test checks the mock,
//! not the code. In test files, the imports are read from the new file (or
//! the hunk): Python `from M import a` / `import M`, JS/TS imports and
//! `require` of relative modules (`./`, `../`: the project's own code). An
//! added patch whose target is an imported name (`patch("M.a")`,
//! `mocker.patch("M.a")`, `monkeypatch.setattr(M, "a", …)`,
//! `patch.object(M, "a")`) or an added `jest.mock`/`vi.mock` of an imported
//! relative module is Medium. Patching an imported name where the test
//! itself looks it up (`patch("tests.test_cart.total")`, the test module's
//! own dotted path) replaces it just the same. Mocking third-party or other modules (a
//! database client, `requests`, `axios`) is ordinary and passes. Rust: an
//! added `Mock<T>::new()` where `T` is imported by the test is Low.

use super::lex::{code, string_literals};
use super::{Context, Detector, evidence};
use crate::diff::Language;
use crate::report::{Finding, FindingKind, Severity};

pub struct MockReplacesUnit;

impl Detector for MockReplacesUnit {
    fn kind(&self) -> FindingKind {
        FindingKind::MockReplacesUnit
    }

    fn inspect(&self, cx: &Context) -> Vec<Finding> {
        let mut out = Vec::new();
        for file in &cx.diff.files {
            let lang = file.language;
            if !cx.touches_tests(file) || lang == Language::Go || lang == Language::Other {
                continue;
            }
            let content = (cx.after_file)(&file.path).unwrap_or_else(|| {
                file.hunks
                    .iter()
                    .flat_map(|h| &h.lines)
                    .map(|l| format!("{}\n", l.text()))
                    .collect()
            });
            let mut imports = Imports::parse(lang, &content);
            imports.own = own_modules(&file.path);
            imports.project = imports
                .names
                .iter()
                .filter(|(module, _)| is_project_module(cx, module))
                .map(|(_, name)| name.clone())
                .collect();
            for (n, text) in cx.added(file, true) {
                let c = code(lang, text);
                let Some((target, sev)) = mocked_unit(lang, c, &imports, &content) else {
                    continue;
                };
                out.push(Finding::new(
                    FindingKind::MockReplacesUnit,
                    &file.path,
                    Some(n),
                    sev,
                    evidence([('+', text)]),
                    format!(
                        "The test mocks {target}, which it imports to test: it then checks the \
                         mock, and passes whatever the real code does."
                    ),
                ));
            }
        }
        out
    }
}

/// `(module, name)` pairs and plain module imports of one test file.
#[derive(Default)]
struct Imports {
    names: Vec<(String, String)>,
    modules: Vec<String>,
    /// The test file's own dotted module paths (Python): `tests.test_cart`
    /// and `test_cart` for `tests/test_cart.py`.
    own: Vec<String>,
    /// Names imported from the project's own Python modules (not from the
    /// standard library or a dependency: patching `datetime` is ordinary).
    project: Vec<String>,
}

/// Whether a dotted Python module is a file of the repository (at the root
/// or under `src/`).
fn is_project_module(cx: &Context, module: &str) -> bool {
    let path = module.trim_start_matches('.').replace('.', "/");
    !path.is_empty()
        && ["", "src/"].iter().any(|root| {
            [
                format!("{root}{path}.py"),
                format!("{root}{path}/__init__.py"),
            ]
            .iter()
            .any(|p| (cx.after_file)(p).is_some())
        })
}

/// Every dotted suffix of a Python file's module path, longest first.
fn own_modules(path: &str) -> Vec<String> {
    let Some(stem) = path.strip_suffix(".py") else {
        return Vec::new();
    };
    let parts: Vec<&str> = stem.split('/').filter(|p| !p.is_empty()).collect();
    (0..parts.len()).map(|i| parts[i..].join(".")).collect()
}

impl Imports {
    fn parse(lang: Language, content: &str) -> Imports {
        let mut imports = Imports::default();
        for line in content.lines() {
            let c = code(lang, line);
            match lang {
                Language::Python => {
                    if let Some(rest) = c.strip_prefix("from ") {
                        if let Some((module, names)) = rest.split_once(" import ") {
                            for name in names.trim_matches(|ch| ch == '(' || ch == ')').split(',') {
                                let name = name.split(" as ").next().unwrap_or("").trim();
                                if !name.is_empty() {
                                    imports
                                        .names
                                        .push((module.trim().to_string(), name.to_string()));
                                    // `from shop import cart` may import a module.
                                    imports.modules.push(name.to_string());
                                }
                            }
                        }
                    } else if let Some(rest) = c.strip_prefix("import ") {
                        for m in rest.split(',') {
                            // Both the module and its alias name it in patches.
                            for part in m.split(" as ") {
                                imports.modules.push(part.trim().to_string());
                            }
                        }
                    }
                }
                Language::JavaScript | Language::TypeScript
                    if c.starts_with("import ") || c.contains("require(") =>
                {
                    for s in string_literals(lang, c) {
                        if s.starts_with("./") || s.starts_with("../") {
                            imports.modules.push(s);
                        }
                    }
                }
                Language::Rust => {
                    if let Some(rest) = c.strip_prefix("use ") {
                        let names = rest.trim_end_matches(';').rsplit("::").next().unwrap_or("");
                        for name in names.trim_matches(|ch| ch == '{' || ch == '}').split(',') {
                            imports.names.push((String::new(), name.trim().to_string()));
                        }
                    }
                }
                _ => {}
            }
        }
        imports
    }
}

/// `content` is the whole test file: a module's function counts as the unit
/// under test when the test calls it directly (`cart.total(`).
fn mocked_unit(
    lang: Language,
    c: &str,
    imports: &Imports,
    content: &str,
) -> Option<(String, Severity)> {
    match lang {
        Language::Python => {
            let patching = [
                "patch(",
                "patch.object(",
                "mocker.patch",
                "monkeypatch.setattr(",
            ]
            .iter()
            .any(|p| c.contains(p));
            if !patching {
                return None;
            }
            let strings = string_literals(lang, c);
            for name in &imports.project {
                let own = imports
                    .own
                    .iter()
                    .map(|m| format!("{m}.{name}"))
                    .find(|p| strings.contains(p));
                if let Some(p) = own {
                    return Some((format!("`{p}`"), Severity::Medium));
                }
            }
            for (module, name) in &imports.names {
                let dotted = format!("{module}.{name}");
                let object =
                    c.contains(&format!("({module}, ")) || c.contains(&format!("({name}, "));
                if strings.contains(&dotted) || (object && strings.iter().any(|s| s == name)) {
                    return Some((format!("`{dotted}`"), Severity::Medium));
                }
            }
            for module in &imports.modules {
                let called = |name: &str| content.contains(&format!("{module}.{name}("));
                let dotted = strings.iter().find(|s| {
                    s.strip_prefix(module.as_str())
                        .and_then(|r| r.strip_prefix('.'))
                        .is_some_and(|name| !name.contains('.') && called(name))
                });
                if let Some(p) = dotted {
                    return Some((format!("`{p}`"), Severity::Medium));
                }
                if c.contains(&format!("({module}, "))
                    && let Some(name) = strings.iter().find(|s| called(s))
                {
                    return Some((format!("`{module}.{name}`"), Severity::Medium));
                }
            }
            None
        }
        Language::JavaScript | Language::TypeScript => {
            if !(c.contains("jest.mock(") || c.contains("vi.mock(")) {
                return None;
            }
            let target = string_literals(lang, c).into_iter().next()?;
            imports
                .modules
                .contains(&target)
                .then(|| (format!("`{target}`"), Severity::Medium))
        }
        Language::Rust => {
            let i = c.find("Mock")?;
            let rest = &c[i + 4..];
            let ty: String = rest
                .chars()
                .take_while(|ch| ch.is_alphanumeric() || *ch == '_')
                .collect();
            let imported = imports.names.iter().any(|(_, n)| *n == ty);
            (imported && rest[ty.len()..].starts_with("::new("))
                .then(|| (format!("`{ty}`"), Severity::Low))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::detect::testing::*;

    fn run(path: &str, after: &str, body: &str) -> Vec<Finding> {
        Fixture::new(vec![modified(path, body)])
            .after(path, after)
            .run(&MockReplacesUnit)
    }

    #[test]
    fn mocking_the_imported_unit_is_medium() {
        let py = "from shop.cart import total\n";
        let found = run(
            "tests/test_cart.py",
            py,
            "+@patch(\"shop.cart.total\", return_value=42)",
        );
        assert_eq!(severities(&found), vec![Severity::Medium]);
        let py2 = "from shop import cart\n\ndef test_total():\n    assert cart.total([1]) == 1\n";
        let found = run(
            "tests/test_cart.py",
            py2,
            "+    monkeypatch.setattr(cart, \"total\", lambda *_: 42)",
        );
        assert_eq!(severities(&found), vec![Severity::Medium]);
        let js = "import { total } from './cart';\n";
        assert_eq!(
            severities(&run("src/cart.test.js", js, "+jest.mock('./cart');")),
            vec![Severity::Medium]
        );
        let ts = "const { total } = require('../src/cart');\n";
        assert_eq!(
            severities(&run("test/cart.test.ts", ts, "+vi.mock('../src/cart')")),
            vec![Severity::Medium]
        );
        let rs = "use crate::cart::Cart;\n";
        assert_eq!(
            severities(&run("tests/cart.rs", rs, "+    let c = MockCart::new();")),
            vec![Severity::Low]
        );
    }

    #[test]
    fn patching_the_unit_where_the_test_looks_it_up_is_medium() {
        let path = "tests/unit/test_invoice.py";
        let py = "from datetime import datetime\nfrom billing.invoice import Line, subtotal\n";
        let run_own = |body: &str| {
            Fixture::new(vec![modified(path, body)])
                .after(path, py)
                .after("src/billing/invoice.py", "def subtotal(lines): ...\n")
                .run(&MockReplacesUnit)
        };
        for target in ["tests.unit.test_invoice.subtotal", "test_invoice.subtotal"] {
            let found = run_own(&format!("+@patch(\"{target}\", return_value=12.5)"));
            assert_eq!(severities(&found), vec![Severity::Medium], "{target}");
        }
        // Freezing the clock where the test looks it up is ordinary: datetime
        // is not the project's. Nor is a name the module does not import, or
        // another test module's.
        assert!(run_own("+@patch(\"tests.unit.test_invoice.datetime\")").is_empty());
        assert!(run_own("+@patch(\"tests.unit.test_invoice.make_lines\")").is_empty());
        assert!(run_own("+@patch(\"tests.unit.test_other.subtotal\")").is_empty());
    }

    #[test]
    fn mocking_dependencies_passes() {
        let py = "from shop.cart import total\nimport requests\n";
        assert!(run("tests/test_cart.py", py, "+@patch(\"shop.db.load\")").is_empty());
        assert!(run("tests/test_cart.py", py, "+@patch(\"requests.get\")").is_empty());
        let js = "import { total } from './cart';\nimport axios from 'axios';\n";
        assert!(run("src/cart.test.js", js, "+jest.mock('axios');").is_empty());
        assert!(run("src/cart.test.js", js, "+jest.mock('./db');").is_empty());
        // Not a test file: mocking machinery in code under test is not this detector's.
        assert!(run("src/cart.js", js, "+jest.mock('./cart');").is_empty());
    }
}
