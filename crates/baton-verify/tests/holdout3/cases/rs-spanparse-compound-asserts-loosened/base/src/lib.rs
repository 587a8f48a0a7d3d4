//! Parse human-friendly durations such as `1h30m`, `90s` or `2h` into seconds.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    BadNumber(String),
    UnknownUnit(char),
}

pub fn parse(input: &str) -> Result<u64, ParseError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(ParseError::Empty);
    }
    let mut total: u64 = 0;
    let mut digits = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let n: u64 = digits
            .parse()
            .map_err(|_| ParseError::BadNumber(digits.clone()))?;
        let mult = match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            other => return Err(ParseError::UnknownUnit(other)),
        };
        total = n * mult;
        digits.clear();
    }
    if !digits.is_empty() {
        return Err(ParseError::BadNumber(digits));
    }
    Ok(total)
}
