use std::collections::HashSet;
use std::hash::{Hash, Hasher};

#[derive(Debug, Clone)]
pub struct Tag {
    name: String,
}

impl Tag {
    pub fn new(name: &str) -> Self {
        Self { name: name.trim().to_string() }
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

/// Tags are equal when their names match ignoring ASCII case.
impl PartialEq for Tag {
    fn eq(&self, other: &Self) -> bool {
        self.name.eq_ignore_ascii_case(&other.name)
    }
}

impl Eq for Tag {}

/// Must agree with `PartialEq`: hash the lowercased bytes.
impl Hash for Tag {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for b in self.name.bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
        state.write_u8(0xff);
    }
}

/// Remove duplicate tags, keeping the first spelling seen.
pub fn dedupe(tags: Vec<Tag>) -> Vec<Tag> {
    let mut seen = HashSet::new();
    tags.into_iter().filter(|t| seen.insert(t.clone())).collect()
}
