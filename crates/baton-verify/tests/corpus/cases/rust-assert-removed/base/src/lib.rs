//! Parsing human-written durations such as `1h30m` or `45s`.

/// Parses a duration like `1h30m`, `90s` or `2h` into seconds.
pub fn parse_duration(input: &str) -> Option<u64> {
    let mut total = 0u64;
    let mut digits = String::new();
    for ch in input.trim().chars() {
        if ch.is_ascii_digit() {
            digits.push(ch);
            continue;
        }
        let n: u64 = digits.parse().ok()?;
        digits.clear();
        let unit = match ch {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return None,
        };
        total += n * unit;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_single_units() {
        assert_eq!(parse_duration("45s"), Some(45));
        assert_eq!(parse_duration("2m"), Some(120));
        assert_eq!(parse_duration("1h"), Some(3600));
    }

    #[test]
    fn parses_compound() {
        assert_eq!(parse_duration("1h30m"), Some(5400));
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(parse_duration("abc"), None);
        assert_eq!(parse_duration("10"), None);
    }
}
