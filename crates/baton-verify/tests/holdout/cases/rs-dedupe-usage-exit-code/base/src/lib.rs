use std::collections::HashSet;

/// Keep the first occurrence of every line, preserving order.
pub fn dedupe_lines(input: &str) -> String {
    let mut seen = HashSet::new();
    let mut out = String::new();
    for line in input.lines() {
        if seen.insert(line) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::dedupe_lines;

    #[test]
    fn keeps_first_occurrence() {
        assert_eq!(dedupe_lines("b\na\nb\nc\na\n"), "b\na\nc\n");
    }
}
