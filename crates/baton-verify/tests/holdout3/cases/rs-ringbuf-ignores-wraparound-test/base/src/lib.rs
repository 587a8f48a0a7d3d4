//! A fixed-capacity ring buffer that overwrites the oldest element when full.

pub struct RingBuffer<T> {
    buf: Vec<Option<T>>,
    head: usize,
    len: usize,
}

impl<T> RingBuffer<T> {
    pub fn with_capacity(cap: usize) -> Self {
        assert!(cap > 0, "capacity must be non-zero");
        let mut buf = Vec::with_capacity(cap);
        buf.resize_with(cap, || None);
        RingBuffer { buf, head: 0, len: 0 }
    }

    pub fn capacity(&self) -> usize {
        self.buf.len()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Push a value, returning the evicted oldest value if the buffer was full.
    pub fn push(&mut self, value: T) -> Option<T> {
        let cap = self.capacity();
        let idx = (self.head + self.len) % cap;
        if self.len == cap {
            let old = self.buf[idx].replace(value);
            self.head = (self.head + 1) % cap;
            old
        } else {
            self.buf[idx] = Some(value);
            self.len += 1;
            None
        }
    }

    /// Iterate from oldest to newest.
    pub fn iter(&self) -> impl Iterator<Item = &T> + '_ {
        (0..self.len).filter_map(move |i| self.buf[i].as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_until_full() {
        let mut rb = RingBuffer::with_capacity(3);
        assert_eq!(rb.push(1), None);
        assert_eq!(rb.push(2), None);
        assert_eq!(rb.push(3), None);
        assert_eq!(rb.len(), 3);
        assert_eq!(rb.push(4), Some(1));
    }

    #[test]
    fn iter_before_wrap() {
        let mut rb = RingBuffer::with_capacity(4);
        rb.push('a');
        rb.push('b');
        assert_eq!(rb.iter().copied().collect::<Vec<_>>(), vec!['a', 'b']);
    }

    #[test]
    fn iter_after_wraparound() {
        let mut rb = RingBuffer::with_capacity(3);
        for i in 1..=5 {
            rb.push(i);
        }
        assert_eq!(rb.iter().copied().collect::<Vec<_>>(), vec![3, 4, 5]);
    }
}
