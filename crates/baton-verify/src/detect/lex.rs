//! Just enough lexing for line heuristics: comments, string and number
//! literals, assert-like lines. Quotes are tracked so that a `#` or `//`
//! inside a string does not start a comment.

use crate::diff::Language;

/// The code part of a line: without a trailing comment, trimmed.
pub fn code(lang: Language, text: &str) -> &str {
    let bytes = text.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) => {
                if b == b'\\' {
                    i += 1;
                } else if b == q {
                    quote = None;
                }
            }
            None => {
                let next = bytes.get(i + 1).copied();
                let comment = match lang {
                    Language::Python => b == b'#',
                    Language::Other => false,
                    _ => b == b'/' && (next == Some(b'/') || next == Some(b'*')),
                };
                if comment {
                    return text[..i].trim();
                }
                if is_quote(lang, b) {
                    quote = Some(b);
                }
            }
        }
        i += 1;
    }
    text.trim()
}

fn is_quote(lang: Language, b: u8) -> bool {
    match lang {
        // `'a` is a lifetime in Rust; a char literal is never a useful literal here.
        Language::Rust => b == b'"',
        Language::Go => b == b'"' || b == b'`',
        Language::JavaScript | Language::TypeScript => b == b'"' || b == b'\'' || b == b'`',
        Language::Python | Language::Other => b == b'"' || b == b'\'',
    }
}

/// Whether a line is only a comment (or empty).
pub fn is_comment_or_blank(lang: Language, text: &str) -> bool {
    let t = text.trim_start();
    code(lang, text).is_empty() || t.starts_with('*') || t.starts_with("/*")
}

/// The contents of the string literals on a line (without quotes).
pub fn string_literals(lang: Language, text: &str) -> Vec<String> {
    let text = code(lang, text);
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if is_quote(lang, b) {
            let start = i + 1;
            let mut j = start;
            while j < bytes.len() && bytes[j] != b {
                if bytes[j] == b'\\' {
                    j += 1;
                }
                j += 1;
            }
            if let Some(s) = text.get(start..j.min(bytes.len())) {
                out.push(s.to_string());
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// The number literals on a line that are not part of an identifier.
pub fn number_literals(lang: Language, text: &str) -> Vec<String> {
    let text = without_strings(lang, code(lang, text));
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let prev_ident = i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        if b.is_ascii_digit() && !prev_ident {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'.' | b'_'))
            {
                i += 1;
            }
            let token = text[start..i].trim_end_matches('.');
            out.push(token.replace('_', ""));
        } else {
            i += 1;
        }
    }
    out
}

/// A line with string literals blanked out (so words inside strings do not
/// count as code).
pub fn without_strings(lang: Language, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in text.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                    out.push(c);
                }
            }
            None => {
                if c.is_ascii() && is_quote(lang, c as u8) {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    out
}

/// Literals that would be worth copying from a test into code: strings of two
/// or more characters, numbers other than the everyday small ones.
pub fn interesting_literals(lang: Language, text: &str) -> Vec<String> {
    let mut out: Vec<String> = string_literals(lang, text)
        .into_iter()
        .filter(|s| s.trim().chars().count() >= 2 && !s.contains("{}") && !s.contains('%'))
        .collect();
    out.extend(
        number_literals(lang, text)
            .into_iter()
            .filter(|n| is_distinctive_number(n)),
    );
    out
}

/// Every literal of a test line worth remembering for the special-casing
/// detector: strings of two or more characters and every number, also with
/// its sign when it is negative. The detector decides what is distinctive on
/// the code side, so small numbers are kept here: a test input of 17 or -3
/// copied into an early return is as telling as 4242.
pub fn test_side_literals(lang: Language, text: &str) -> Vec<String> {
    let mut out: Vec<String> = string_literals(lang, text)
        .into_iter()
        .filter(|s| s.trim().chars().count() >= 2 && !s.contains("{}") && !s.contains('%'))
        .collect();
    for n in signed_number_literals(lang, text) {
        if let Some(unsigned) = n.strip_prefix('-') {
            out.push(unsigned.to_string());
        }
        out.push(n);
    }
    out
}

/// Number literals with a leading `-` kept when it is a sign (after an
/// operator, a bracket or a comma), not a subtraction.
pub fn signed_number_literals(lang: Language, text: &str) -> Vec<String> {
    let text = without_strings(lang, code(lang, text));
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let prev_ident = i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        if b.is_ascii_digit() && !prev_ident {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'.' | b'_'))
            {
                i += 1;
            }
            let token = text[start..i].trim_end_matches('.').replace('_', "");
            let before = text[..start].trim_end();
            let signed = before.strip_suffix('-').is_some_and(|rest| {
                rest.trim_end()
                    .chars()
                    .last()
                    .is_none_or(|c| "=<>!(,[{:?&|".contains(c))
            });
            out.push(if signed { format!("-{token}") } else { token });
        } else {
            i += 1;
        }
    }
    out
}

/// Small round numbers (0–99, powers of ten, common sizes) appear in code
/// for their own reasons; others are distinctive enough to suggest copying.
pub fn is_distinctive_number(n: &str) -> bool {
    if n.contains('.') {
        return n.len() >= 3 && n.trim_end_matches('0') != "0.";
    }
    match n.parse::<u64>() {
        Ok(v) => v >= 100 && !matches!(v, 100 | 1000 | 1024 | 10000 | 4096 | 65535 | 65536),
        Err(_) => false,
    }
}

/// Whether a test line asserts something, by the usual frameworks.
pub fn is_assert(lang: Language, text: &str) -> bool {
    let t = code(lang, text);
    match lang {
        Language::Rust => {
            t.contains("assert!(")
                || t.contains("assert_eq!(")
                || t.contains("assert_ne!(")
                || t.contains("assert_matches!(")
                || t.contains("debug_assert")
                || t.contains("prop_assert")
        }
        Language::Python => {
            t.starts_with("assert ")
                || t.starts_with("assert(")
                || t.contains("self.assert")
                || t.contains("pytest.raises(")
                || t.contains(".assert_")
                || t.contains("self.fail(")
        }
        Language::JavaScript | Language::TypeScript => {
            t.contains("expect(")
                || t.starts_with("assert(")
                || t.contains("assert.")
                || t.contains(".should.")
        }
        Language::Go => {
            t.contains("t.Error")
                || t.contains("t.Fatal")
                || t.contains("assert.")
                || t.contains("require.")
        }
        Language::Other => false,
    }
}

/// A line with its literals replaced by `_`, for spotting "same assertion,
/// different expected value".
pub fn skeleton(lang: Language, text: &str) -> String {
    let blanked = without_strings(lang, code(lang, text));
    let mut out = String::with_capacity(blanked.len());
    let mut prev_ident = false;
    let mut in_number = false;
    for c in blanked.chars() {
        if in_number && (c.is_ascii_alphanumeric() || c == '.' || c == '_') {
            continue;
        }
        in_number = false;
        if c.is_ascii_digit() && !prev_ident {
            in_number = true;
            out.push('_');
        } else if !c.is_whitespace() {
            out.push(c);
        }
        prev_ident = c.is_alphanumeric() || c == '_';
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    #[test]
    fn comments_inside_strings_are_code() {
        assert_eq!(code(Language::Python, "x = '#1'  # note"), "x = '#1'");
        assert_eq!(
            code(Language::Rust, "let u = \"http://x\"; // c"),
            "let u = \"http://x\";"
        );
        assert!(is_comment_or_blank(Language::Go, "   // sys.exit(0)"));
        assert!(!is_comment_or_blank(Language::Go, "os.Exit(0)"));
    }

    #[test]
    fn literals() {
        assert_eq!(
            string_literals(Language::Python, r#"if x == "a\"b" or y == 'cd':"#),
            vec![r#"a\"b"#, "cd"]
        );
        assert_eq!(
            number_literals(Language::Rust, "if n == 1234 && v2 > 3.5 {"),
            vec!["1234", "3.5"]
        );
        assert_eq!(
            interesting_literals(Language::Rust, "x == 7 || y == \"ok\" || z == 4242"),
            vec!["ok", "4242"]
        );
        assert!(!is_distinctive_number("100"));
        assert!(is_distinctive_number("3.14"));
    }

    #[test]
    fn test_side_literals_keep_small_and_negative_numbers() {
        assert_eq!(
            test_side_literals(
                Language::TypeScript,
                "expect(f('ab', -17, 3 - 4)).toBe(42);"
            ),
            vec!["ab", "17", "-17", "3", "4", "42"]
        );
        assert_eq!(
            signed_number_literals(Language::Go, "if n == -400 || m-2 > 0 {"),
            vec!["-400", "2", "0"]
        );
    }

    #[test]
    fn asserts_by_language() {
        assert!(is_assert(Language::Rust, "    assert_eq!(f(), 2);"));
        assert!(is_assert(Language::Python, "    assert f() == 2"));
        assert!(is_assert(Language::Python, "    self.assertEqual(f(), 2)"));
        assert!(is_assert(Language::TypeScript, "  expect(f()).toBe(2);"));
        assert!(is_assert(Language::Go, "\t\tt.Errorf(\"got %v\", got)"));
        assert!(!is_assert(Language::Python, "    # assert f() == 2"));
        assert!(!is_assert(Language::Python, "    assertion = make()"));
    }

    #[test]
    fn skeleton_ignores_literals() {
        assert_eq!(
            skeleton(Language::Python, "assert add(2, 2) == 4"),
            skeleton(Language::Python, "assert add(2, 2) == 5")
        );
        assert_ne!(
            skeleton(Language::Python, "assert add(2, 2) == 4"),
            skeleton(Language::Python, "assert sub(2, 2) == 4")
        );
    }
}
