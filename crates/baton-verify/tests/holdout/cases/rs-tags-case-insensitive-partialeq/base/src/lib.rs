use std::collections::HashSet;

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

/// Remove duplicate tags, keeping the first spelling seen.
pub fn dedupe(tags: Vec<Tag>) -> Vec<Tag> {
    let mut seen = HashSet::new();
    tags.into_iter().filter(|t| seen.insert(t.name.clone())).collect()
}
