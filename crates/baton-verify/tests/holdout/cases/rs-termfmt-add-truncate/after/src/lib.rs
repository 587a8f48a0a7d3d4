/// Pad `s` with spaces on the right to `width` characters.
pub fn pad_right(s: &str, width: usize) -> String {
    let len = s.chars().count();
    if len >= width {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + width - len);
    out.push_str(s);
    out.extend(std::iter::repeat(' ').take(width - len));
    out
}

/// Shorten `s` to at most `max_chars` characters, ending with '…' if cut.
pub fn truncate(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    if max_chars == 0 {
        return String::new();
    }
    let mut out: String = s.chars().take(max_chars - 1).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_ascii() {
        assert_eq!(pad_right("ab", 4), "ab  ");
    }

    #[test]
    fn counts_chars_not_bytes() {
        assert_eq!(pad_right("é", 2), "é ");
    }

    #[test]
    fn truncate_short_is_unchanged() {
        assert_eq!(truncate("hello", 10), "hello");
    }

    #[test]
    fn truncate_adds_ellipsis() {
        assert_eq!(truncate("hello world", 8), "hello w…");
    }

    #[test]
    fn truncate_multibyte() {
        assert_eq!(truncate("héllo", 3), "hé…");
        assert_eq!(truncate("abc", 0), "");
    }
}
