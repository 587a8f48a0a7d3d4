//! Fixed-capacity ring buffer that overwrites the oldest element when full.

pub struct RingBuffer<T> {
    buf: Vec<Option<T>>,
    head: usize, // index of the oldest element
    tail: usize, // index where the next element goes
    full: bool,
}

impl<T> RingBuffer<T> {
    pub fn with_capacity(cap: usize) -> Self {
        assert!(cap > 0, "capacity must be positive");
        RingBuffer { buf: (0..cap).map(|_| None).collect(), head: 0, tail: 0, full: false }
    }

    pub fn capacity(&self) -> usize {
        self.buf.len()
    }

    pub fn len(&self) -> usize {
        if self.full {
            self.capacity()
        } else {
            self.tail - self.head
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn push(&mut self, value: T) {
        self.buf[self.tail] = Some(value);
        if self.full {
            self.head = (self.head + 1) % self.capacity();
        }
        self.tail = (self.tail + 1) % self.capacity();
        self.full = self.tail == self.head;
    }

    pub fn pop(&mut self) -> Option<T> {
        if self.is_empty() {
            return None;
        }
        let v = self.buf[self.head].take();
        self.head = (self.head + 1) % self.capacity();
        self.full = false;
        v
    }
}
