use ringbuf::RingBuffer;

#[test]
fn push_pop_fifo() {
    let mut r = RingBuffer::with_capacity(3);
    r.push(1);
    r.push(2);
    assert_eq!(r.len(), 2);
    assert_eq!(r.pop(), Some(1));
    assert_eq!(r.pop(), Some(2));
    assert_eq!(r.pop(), None);
}
