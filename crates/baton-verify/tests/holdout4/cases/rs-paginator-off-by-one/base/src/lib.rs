#[derive(Debug)]
pub struct Paginator {
    total: usize,
    per_page: usize,
}

impl Paginator {
    pub fn new(total: usize, per_page: usize) -> Self {
        assert!(per_page > 0);
        Paginator { total, per_page }
    }

    pub fn pages(&self) -> usize {
        self.total / self.per_page + 1
    }

    /// Half-open item range for 1-based `page`, or None past the end.
    pub fn range(&self, page: usize) -> Option<std::ops::Range<usize>> {
        if page == 0 || page > self.pages() {
            return None;
        }
        let start = (page - 1) * self.per_page;
        Some(start..(start + self.per_page).min(self.total))
    }
}
