use std::fmt;
use std::hash::{Hash, Hasher};

/// A SQL identifier such as a table or column name.
#[derive(Debug, Clone)]
pub struct Ident(String);

impl Ident {
    pub fn new(s: &str) -> Self {
        Ident(s.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Unquoted SQL identifiers are case-insensitive, so comparison and hashing
/// ignore ASCII case while the original spelling is kept for display.
impl PartialEq for Ident {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl Eq for Ident {}

impl Hash for Ident {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for b in self.0.bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
    }
}

impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", self.0)
    }
}
