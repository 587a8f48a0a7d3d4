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
}
