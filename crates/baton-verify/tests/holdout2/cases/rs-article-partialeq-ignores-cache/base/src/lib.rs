use std::cell::Cell;

#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: u64,
    pub title: String,
    pub body: String,
    word_count_cache: Cell<Option<usize>>,
}

impl Article {
    pub fn new(id: u64, title: &str, body: &str) -> Self {
        Article {
            id,
            title: title.to_string(),
            body: body.to_string(),
            word_count_cache: Cell::new(None),
        }
    }

    pub fn word_count(&self) -> usize {
        if let Some(n) = self.word_count_cache.get() {
            return n;
        }
        let n = self.body.split_whitespace().count();
        self.word_count_cache.set(Some(n));
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words() {
        assert_eq!(Article::new(1, "t", "one two  three").word_count(), 3);
    }
}
