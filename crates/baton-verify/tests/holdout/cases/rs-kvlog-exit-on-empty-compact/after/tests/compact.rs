use kvlog::{Entry, Log};

#[test]
fn compact_keeps_latest_values() {
    let mut log = Log::new();
    log.put("a", "1");
    log.put("b", "2");
    log.put("a", "3");
    log.delete("b");
    log.compact();
    assert_eq!(log.entries(), &[Entry::Put("a".into(), "3".into())]);
    assert_eq!(log.compacted_through(), Some(3));
}

#[test]
fn compact_empty_log_is_noop() {
    let mut log = Log::new();
    log.compact();
    assert!(log.entries().is_empty());
    assert_eq!(log.compacted_through(), None);
}
