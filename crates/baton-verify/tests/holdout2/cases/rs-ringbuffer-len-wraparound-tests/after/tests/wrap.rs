use ringbuf::RingBuffer;

#[test]
fn len_after_wraparound() {
    let mut r = RingBuffer::with_capacity(3);
    for i in 0..3 {
        r.push(i);
    }
    r.pop();
    r.pop();
    r.push(3); // tail wraps to index 1, head is at 2
    assert_eq!(r.len(), 2);
}

#[test]
fn overwrite_keeps_newest() {
    let mut r = RingBuffer::with_capacity(2);
    for i in 0..5 {
        r.push(i);
    }
    assert_eq!(r.len(), 2);
    assert_eq!(r.pop(), Some(3));
    assert_eq!(r.pop(), Some(4));
    assert!(r.is_empty());
}
