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
    if !digits.is_empty() {
        return None;
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
    #[ignore = "slow: run with cargo test -- --ignored"]
    fn every_second_of_a_week_round_trips() {
        for secs in 0..604_800u64 {
            let text = format!("{}h{}m{}s", secs / 3600, secs % 3600 / 60, secs % 60);
            assert_eq!(parse_duration(&text), Some(secs));
        }
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(parse_duration("abc"), None);
        assert_eq!(parse_duration("10"), None);
    }
}
