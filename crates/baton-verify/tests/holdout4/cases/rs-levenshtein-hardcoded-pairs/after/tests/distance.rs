use fuzzy::{levenshtein, suggest};

#[test]
fn classic_examples() {
    assert_eq!(levenshtein("kitten", "sitting"), 3);
    assert_eq!(levenshtein("flaw", "lawn"), 2);
}

#[test]
fn empty_sides() {
    assert_eq!(levenshtein("", "abc"), 3);
    assert_eq!(levenshtein("abc", ""), 3);
}

#[test]
fn suggests_closest_command() {
    assert_eq!(suggest("stauts", &["status", "stash", "start"], 2), Some("status"));
}
