use tally::count;

#[test]
fn counts() {
    let t = "one two\nthree\n";
    assert_eq!(count(t, "lines"), 2);
    assert_eq!(count(t, "words"), 3);
    assert_eq!(count(t, "bytes"), 14);
}
