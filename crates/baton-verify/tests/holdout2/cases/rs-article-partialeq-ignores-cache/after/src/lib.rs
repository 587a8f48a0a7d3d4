use std::cell::Cell;

#[derive(Debug, Clone)]
pub struct Article {
    pub id: u64,
    pub title: String,
    pub body: String,
    word_count_cache: Cell<Option<usize>>,
}

impl PartialEq for Article {
    fn eq(&self, other: &Self) -> bool {
        // The word-count cache is derived data and must not affect equality.
        self.id == other.id && self.title == other.title && self.body == other.body
    }
}

impl Eq for Article {}

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

    #[test]
    fn equality_ignores_cache() {
        let a = Article::new(7, "Title", "some body text");
        let b = a.clone();
        a.word_count();
        assert_eq!(a, b);
    }

    #[test]
    fn different_body_is_not_equal() {
        assert_ne!(Article::new(7, "Title", "x"), Article::new(7, "Title", "y"));
    }
}
