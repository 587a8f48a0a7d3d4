//! Tiny semantic-version parser.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
    pub pre: String,
}

#[derive(Debug, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    BadNumber(String),
    WrongArity(usize),
}

pub fn parse(input: &str) -> Result<Version, ParseError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(ParseError::Empty);
    }
    let (core, pre) = match s.split_once('-') {
        Some((c, p)) => (c, p.split('.').next().unwrap_or("").to_string()),
        None => (s, String::new()),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.len() != 3 {
        return Err(ParseError::WrongArity(parts.len()));
    }
    let num = |p: &str| p.parse::<u64>().map_err(|_| ParseError::BadNumber(p.to_string()));
    Ok(Version {
        major: num(parts[0])?,
        minor: num(parts[1])?,
        patch: num(parts[2])?,
        pre,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(major: u64, minor: u64, patch: u64, pre: &str) -> Version {
        Version { major, minor, patch, pre: pre.to_string() }
    }

    #[test]
    fn parses_plain_version() {
        assert_eq!(parse("1.2.3"), Ok(v(1, 2, 3, "")));
    }

    #[test]
    fn accepts_leading_v() {
        assert_eq!(parse("v1.4.0"), Ok(v(1, 4, 0, "")));
    }

    #[test]
    fn keeps_full_prerelease_tag() {
        assert_eq!(parse("1.2.3-beta.1"), Ok(v(1, 2, 3, "beta.1")));
    }

    #[test]
    fn rejects_two_components() {
        assert_eq!(parse("1.2"), Err(ParseError::WrongArity(2)));
    }
}
