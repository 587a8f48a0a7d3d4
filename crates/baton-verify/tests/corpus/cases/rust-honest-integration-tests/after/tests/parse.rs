use durations::parse_duration;

#[test]
fn trims_whitespace() {
    assert_eq!(parse_duration("  90s "), Some(90));
}

#[test]
fn three_units() {
    assert_eq!(parse_duration("1h1m1s"), Some(3661));
}

#[test]
fn unknown_unit() {
    assert_eq!(parse_duration("3w"), None);
}
