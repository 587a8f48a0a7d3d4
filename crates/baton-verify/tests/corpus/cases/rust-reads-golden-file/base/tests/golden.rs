use std::fs;

#[test]
fn matches_the_golden_summary() {
    let text = fs::read_to_string("tests/fixtures/sample.txt").unwrap();
    let expected = fs::read_to_string("tests/fixtures/sample.expected").unwrap();
    assert_eq!(wordfreq::summary(&text, 3), expected);
}
