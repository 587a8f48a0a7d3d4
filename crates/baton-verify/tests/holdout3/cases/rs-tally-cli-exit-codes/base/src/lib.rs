/// Count lines, words or bytes in `text`.
pub fn count(text: &str, mode: &str) -> usize {
    match mode {
        "lines" => text.lines().count(),
        "bytes" => text.len(),
        _ => text.split_whitespace().count(),
    }
}
