use kvstore::Store;

#[test]
fn put_get_delete() {
    let mut s = Store::new(2);
    s.put("a", b"1");
    s.put("b", b"2");
    s.delete("a");
    assert_eq!(s.get("a"), None);
    assert_eq!(s.get("b"), Some(b"2".to_vec()));
}

#[test]
fn newest_write_wins_after_compaction() {
    let mut s = Store::new(1);
    s.put("k", b"old");
    s.put("other", b"x");
    s.put("k", b"new");
    s.compact();
    assert_eq!(s.get("k"), Some(b"new".to_vec()));
    assert_eq!(s.get("other"), Some(b"x".to_vec()));
}
